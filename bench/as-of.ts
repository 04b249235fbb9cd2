/**
 * Benchmark 5: the state of one project with 10,000 events as of a business date (replayed from its
 * stream), through the HTTP app with inject, one request at a time.
 */
import { join } from 'node:path';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import { childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { latency, sample } from './lib/stats.js';
import { benchNow, projectEvents, projectIdOfN } from './lib/synthetic.js';

childMain(async () => {
  const dbPath = join(requiredArg('dir'), 'as-of.db');
  const events = numberArg('events', 10_000);
  const iterations = numberArg('iterations', 100);
  await seedProjects(dbPath, 1, events - 3, { make: (n) => projectEvents(n, events - 3) });
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  const now = benchNow();
  const app = await buildApp({ ...runtime, clock: () => now });
  const measure = async (asOf: string) => {
    const url = `/api/projects/${projectIdOfN(0)}?asOf=${asOf}`;
    let bytes = 0;
    const samples = await sample(iterations, Math.min(5, Math.ceil(iterations / 4)), async () => {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
    });
    return { ...latency(samples), bytes };
  };
  // Year end folds all 10,000 events; mid-year about half of them.
  const yearEnd = await measure('2022-12-31');
  const midYear = await measure('2022-06-30');
  await app.close();
  await runtime.close();
  return { p50: yearEnd.p50, p99: yearEnd.p99, responseKb: yearEnd.bytes / 1024, midYearP50: midYear.p50, midYearP99: midYear.p99 };
});
