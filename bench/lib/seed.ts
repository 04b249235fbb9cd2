import { openSqliteEventStore } from '../../src/store/sqlite-event-store.js';
import type { NewEvent } from '../../src/store/event-store.js';
import { projectTemplate, streamOfN } from './synthetic.js';

/**
 * Writes `projects` project streams of 3 setup events + `facts` facts each straight through the store's
 * append (one append per project, many in flight so group commit batches them).
 */
export async function seedProjects(
  dbPath: string,
  projects: number,
  facts: number,
  options: { from?: number; inFlight?: number; make?: (n: number) => NewEvent[] } = {},
): Promise<{ events: number; ms: number }> {
  const store = await openSqliteEventStore(dbPath);
  const make = options.make ?? projectTemplate(facts);
  const from = options.from ?? 0;
  const inFlight = options.inFlight ?? 64;
  const t0 = performance.now();
  let next = from;
  let events = 0;
  const worker = async (): Promise<void> => {
    while (next < from + projects) {
      const n = next++;
      const batch = make(n);
      events += batch.length;
      await store.append(streamOfN(n), batch, 'no_stream');
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, projects) }, worker));
  await store.close();
  return { events, ms: performance.now() - t0 };
}
