/**
 * Benchmark 2: projection rebuild over `projects` × (3 + `facts`) events, each part in its own process.
 *   --mode=seed     writes the events through the store, the projects interleaved (appends of 4 events in rounds)
 *   --mode=rebuild  runner.rebuild() from an empty read model; events/s and this process's peak RSS
 *   --mode=raw      the limit: iterate the same rows and JSON.parse data and metadata, nothing else
 */
import Database from 'better-sqlite3';
import { openRuntime } from '../src/runtime.js';
import { arg, childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { cpuSeconds, nowMs, peakRssMb } from './lib/stats.js';

async function rebuild(dbPath: string): Promise<Record<string, number>> {
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined }, undefined, { startProjections: false });
  const rssBefore = peakRssMb();
  const t0 = nowMs();
  const c0 = cpuSeconds();
  const { events } = await runtime.runner.rebuild();
  const seconds = (nowMs() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  const rows = (runtime.readDb.prepare('SELECT COUNT(*) AS n FROM rm_projects WHERE id IS NOT NULL').get() as { n: number }).n;
  await runtime.close();
  return { eventsPerSecond: events / seconds, eventsPerCpuSecond: events / cpu, events, seconds, projects: rows, peakRssMb: peakRssMb(), rssBeforeMb: rssBefore };
}

function raw(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  const t0 = nowMs();
  const c0 = cpuSeconds();
  let rows = 0;
  let check = 0;
  // `+stream` keeps the plan a scan in position order; through the stream index SQLite would sort the whole log first.
  const stmt = db.prepare("SELECT data, metadata FROM events WHERE +stream >= 'project-' AND +stream < 'project.' ORDER BY position");
  for (const row of stmt.iterate() as IterableIterator<{ data: string; metadata: string }>) {
    const data = JSON.parse(row.data) as object;
    const metadata = JSON.parse(row.metadata) as object;
    if (data && metadata) check++;
    rows++;
  }
  const seconds = (nowMs() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  db.close();
  if (check !== rows) throw new Error('parse check failed');
  return { rowsPerSecond: rows / seconds, rowsPerCpuSecond: rows / cpu, rows, seconds, peakRssMb: peakRssMb() };
}

childMain(async () => {
  const mode = requiredArg('mode');
  const dbPath = requiredArg('db');
  if (mode === 'seed') {
    // Interleaved, as a year of data entry leaves the log: each project's events in appends of 4.
    const { events, ms } = await seedProjects(dbPath, numberArg('projects', 10_000), numberArg('facts', 97), { chunk: 4 });
    return { events, seconds: ms / 1000 };
  }
  if (mode === 'rebuild') return rebuild(dbPath);
  if (mode === 'raw') return raw(dbPath);
  throw new Error(`unknown --mode=${arg('mode')}`);
});
