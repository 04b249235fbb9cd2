import { openSqliteEventStore } from '../../src/store/sqlite-event-store.js';
import type { EventStore, NewEvent } from '../../src/store/event-store.js';
import { projectTemplate, streamOfN } from './synthetic.js';

export type SeedOptions = {
  from?: number;
  inFlight?: number;
  make?: (n: number) => NewEvent[];
  /**
   * Events per append. Omitted: a project's events in one append, so each stream is contiguous in the log.
   * Given: appended in rounds (every project's next `chunk` events, then the next round), so the streams are
   * interleaved as a year of data entry across many projects leaves them.
   */
  chunk?: number;
  /** Another store to seed (PostgreSQL); default the SQLite store at dbPath. */
  open?: () => Promise<EventStore>;
};

/**
 * Writes `projects` project streams of 3 setup events + `facts` facts each straight through the store's
 * append (many appends in flight so group commit batches them).
 */
export async function seedProjects(dbPath: string, projects: number, facts: number, options: SeedOptions = {}): Promise<{ events: number; ms: number }> {
  const store = options.open ? await options.open() : await openSqliteEventStore(dbPath);
  const make = options.make ?? projectTemplate(facts);
  const from = options.from ?? 0;
  const inFlight = options.inFlight ?? 64;
  const t0 = performance.now();
  let events = 0;
  /** Appends `jobs` with up to `inFlight` at a time. */
  const run = async (jobs: Iterator<[stream: string, batch: NewEvent[], expected: number | 'no_stream']>) => {
    const worker = async (): Promise<void> => {
      for (let job = jobs.next(); !job.done; job = jobs.next()) {
        const [stream, batch, expected] = job.value;
        events += batch.length;
        await store.append(stream, batch, expected);
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, projects) }, worker));
  };
  const numbers = Array.from({ length: projects }, (_, i) => from + i);
  if (options.chunk === undefined) {
    await run(numbers.map((n) => [streamOfN(n), make(n), 'no_stream'] as [string, NewEvent[], 'no_stream'])[Symbol.iterator]());
  } else {
    const chunk = options.chunk;
    const all = numbers.map((n) => make(n));
    const longest = Math.max(0, ...all.map((e) => e.length));
    function* rounds(): Generator<[string, NewEvent[], number | 'no_stream']> {
      for (let at = 0; at < longest; at += chunk) {
        for (const [i, n] of numbers.entries()) {
          const batch = all[i]!.slice(at, at + chunk);
          if (batch.length > 0) yield [streamOfN(n), batch, at === 0 ? 'no_stream' : at - 1];
        }
      }
    }
    await run(rounds());
  }
  await store.close();
  return { events, ms: performance.now() - t0 };
}
