/**
 * The PostgreSQL event store against raw `pg` on the same server, in the same run (issue 20, item 6).
 *   --mode=appends --writers=N [--instances=N]  N writers through the store (one instance, or N instances
 *       of one connection each, as N app servers) vs N connections inserting one row per transaction
 *   --mode=seed     writes projects × (3 + facts) events through the store, interleaved (appends of 4)
 *   --mode=rebuild  runner.rebuild() into an empty read-model file from PostgreSQL; events/s
 *   --mode=raw      the limit: a server-side cursor over the same rows, FETCH 1000 at a time, JSON.parse
 * --url names the database (created and dropped by bench/run.ts).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { decide } from '../commands/project/decide.js';
import { foldProject } from '../domain/project/fold.js';
import { openRuntime } from '../src/runtime.js';
import type { NewEvent } from '../src/store/event-store.js';
import { openPostgresEventStore, type PostgresEventStore } from '../src/store/postgres-event-store.js';
import { arg, childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { cpuSeconds, nowMs, peakRssMb } from './lib/stats.js';
import { benchNow, factCommand, projectEvents, toNewEvent } from './lib/synthetic.js';

/** "Recorded an actual" events as the command handler makes them, cycled with fresh ids. */
function actualEvents(): () => NewEvent {
  const now = benchNow();
  const state = foldProject(projectEvents(0, 0, now).map((e, i) => ({ ...e, stream: 'x', revision: i, position: BigInt(i + 1) })));
  const pool: NewEvent[] = [];
  for (let k = 1; pool.length < 500; k++) {
    if (k % 8 !== 0) pool.push(toNewEvent(decide(factCommand(k, 600), state, { now, actor: '张三' })[0]!, now));
  }
  let i = 0;
  return () => ({ ...pool[i++ % pool.length]!, id: randomUUID() });
}

/** Streams of this run, apart from any earlier run's in the same database. */
const RUN = randomUUID().slice(0, 8);

type Round = { count: number; seconds: number };
const rate = (rounds: Round[]): number => rounds.reduce((a, r) => a + r.count, 0) / rounds.reduce((a, r) => a + r.seconds, 0);

/** `writers` connections, each inserting one row per transaction (autocommit) into a table shaped like `events`. */
async function rawRound(clients: pg.Client[], seconds: number, state: { rows: number }): Promise<Round> {
  const next = actualEvents();
  let count = 0;
  const t0 = nowMs();
  const end = t0 + seconds * 1000;
  await Promise.all(
    clients.map(async (client) => {
      while (nowMs() < end) {
        const i = state.rows++;
        const e = next();
        await client.query('INSERT INTO raw_events (position, stream, revision, id, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          i + 1,
          `project-raw-${i % 1000}`,
          Math.floor(i / 1000),
          e.id,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        ]);
        count++;
      }
    }),
  );
  return { count, seconds: (nowMs() - t0) / 1000 };
}

/** `stores.length` … or `writers` writers on one store, each awaiting its append before the next. */
async function storeRound(stores: PostgresEventStore[], writers: number, seconds: number, revisions: Map<string, number>): Promise<Round> {
  const next = actualEvents();
  let count = 0;
  const t0 = nowMs();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const store = stores[w % stores.length]!;
      for (let i = 0; nowMs() < end; i++) {
        const stream = `project-${RUN}-w${w}-${i % 10}`;
        const expected = revisions.get(stream);
        const result = await store.append(stream, [next()], expected === undefined ? 'no_stream' : expected);
        revisions.set(stream, result.nextRevision);
        count++;
      }
    }),
  );
  return { count, seconds: (nowMs() - t0) / 1000 };
}

/** Raw and store rounds alternate, so that a server slowed by other work slows both alike. */
async function appends(url: string, writers: number, instances: number, rounds: number, seconds: number): Promise<Record<string, number>> {
  const stores = await Promise.all(Array.from({ length: instances }, () => openPostgresEventStore(url, { poolSize: instances === 1 ? Math.max(2, Math.min(writers, 10)) : 1 })));
  const clients = Array.from({ length: writers }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  await clients[0]!.query('DROP TABLE IF EXISTS raw_events; CREATE TABLE raw_events (LIKE events INCLUDING ALL)');
  const raws: Round[] = [];
  const mine: Round[] = [];
  const state = { rows: 0 };
  const revisions = new Map<string, number>();
  const transactionsBefore = stores.reduce((a, s) => a + s.transactions, 0);
  for (let r = 0; r < rounds; r++) {
    raws.push(await rawRound(clients, seconds, state));
    mine.push(await storeRound(stores, writers, seconds, revisions));
  }
  const transactions = stores.reduce((a, s) => a + s.transactions, 0) - transactionsBefore;
  await clients[0]!.query('DROP TABLE raw_events');
  await Promise.all(clients.map((c) => c.end()));
  await Promise.all(stores.map((s) => s.close()));
  const ratios = raws.map((raw, i) => mine[i]!.count / mine[i]!.seconds / (raw.count / raw.seconds));
  const appended = mine.reduce((a, r) => a + r.count, 0);
  return {
    figure: rate(mine),
    limit: rate(raws),
    ratio: rate(mine) / rate(raws),
    minRoundRatio: Math.min(...ratios),
    maxRoundRatio: Math.max(...ratios),
    appendsPerTransaction: appended / transactions,
  };
}

async function rebuild(url: string): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pg-rebuild-'));
  try {
    const runtime = await openRuntime({ dbPath: join(dir, 'read-models.db'), eventStoreConnectionString: url }, undefined, { startProjections: false });
    const t0 = nowMs();
    const c0 = cpuSeconds();
    const { events } = await runtime.runner.rebuild();
    const seconds = (nowMs() - t0) / 1000;
    const cpu = cpuSeconds() - c0;
    const projects = (runtime.readDb.prepare('SELECT COUNT(*) AS n FROM rm_projects WHERE id IS NOT NULL').get() as { n: number }).n;
    await runtime.close();
    return { eventsPerSecond: events / seconds, eventsPerCpuSecond: events / cpu, events, seconds, projects, peakRssMb: peakRssMb() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function raw(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = nowMs();
  const c0 = cpuSeconds();
  let rows = 0;
  let check = 0;
  await client.query('BEGIN');
  await client.query("DECLARE log NO SCROLL CURSOR FOR SELECT data, metadata FROM events WHERE stream >= 'project-' AND stream < 'project.' ORDER BY position");
  for (;;) {
    const page = await client.query<[string, string]>({ text: 'FETCH 1000 FROM log', rowMode: 'array' });
    if (page.rows.length === 0) break;
    for (const row of page.rows) {
      const data = JSON.parse(row[0]) as object;
      const metadata = JSON.parse(row[1]) as object;
      if (data && metadata) check++;
      rows++;
    }
  }
  await client.query('COMMIT');
  const seconds = (nowMs() - t0) / 1000;
  const cpu = cpuSeconds() - c0;
  await client.end();
  if (check !== rows) throw new Error('parse check failed');
  return { rowsPerSecond: rows / seconds, rowsPerCpuSecond: rows / cpu, rows, seconds, peakRssMb: peakRssMb() };
}

childMain(async () => {
  const mode = requiredArg('mode');
  const url = requiredArg('url');
  if (mode === 'appends') {
    const writers = numberArg('writers', 1);
    return appends(url, writers, numberArg('instances', 1), numberArg('rounds', 5), numberArg('seconds', 2));
  }
  if (mode === 'seed') {
    const { events, ms } = await seedProjects('', numberArg('projects', 10_000), numberArg('facts', 97), { chunk: 4, open: () => openPostgresEventStore(url) });
    return { events, seconds: ms / 1000 };
  }
  if (mode === 'rebuild') return rebuild(url);
  if (mode === 'raw') return raw(url);
  throw new Error(`unknown --mode=${arg('mode')}`);
});
