/**
 * Benchmark 5: the state of one project with 10,000 events as of a business date (replayed from its
 * stream), one request at a time over a kept-alive loopback connection, timed to the last byte of
 * the answer: what a client waits for. (Through fastify's inject the 2 MB answer was converted to a
 * string and back inside the measurement, which no client pays.)
 */
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import { childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { latency, sample } from './lib/stats.js';
import { benchNow, projectEvents, projectIdOfN } from './lib/synthetic.js';

/** GET `url`, resolving with the status and the number of bytes once the whole body has arrived. */
function fetchWhole(agent: Agent, url: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

childMain(async () => {
  const dbPath = join(requiredArg('dir'), 'as-of.db');
  const events = numberArg('events', 10_000);
  const iterations = numberArg('iterations', 100);
  await seedProjects(dbPath, 1, events - 3, { make: (n) => projectEvents(n, events - 3) });
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  const now = benchNow();
  const app = await buildApp({ ...runtime, clock: () => now });
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const measure = async (query: string) => {
    const url = `${base}/api/projects/${projectIdOfN(0)}?${query}`;
    let bytes = 0;
    const samples = await sample(iterations, Math.min(5, Math.ceil(iterations / 4)), async () => {
      const res = await fetchWhole(agent, url);
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
      bytes = res.bytes;
    });
    return { ...latency(samples), bytes };
  };
  // Asked after the year, the year end sees every event: the current state, no fold. Mid-year folds
  // about half of the events; the revision before the last folds all but one.
  const yearEnd = await measure('asOf=2022-12-31');
  const midYear = await measure('asOf=2022-06-30');
  const fullFold = await measure(`revision=${events - 2}`);
  agent.destroy();
  await app.close();
  await runtime.close();
  return {
    p50: yearEnd.p50,
    p99: yearEnd.p99,
    responseKb: yearEnd.bytes / 1024,
    midYearP50: midYear.p50,
    midYearP99: midYear.p99,
    fullFoldP50: fullFold.p50,
    fullFoldP99: fullFold.p99,
  };
});
