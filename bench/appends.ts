/**
 * Benchmark 1: durable appends per second, one event per command, against raw better-sqlite3 inserts at
 * the same durability (WAL + synchronous=FULL) into the same table.
 *   --mode=single   1 writer vs raw inserts of one row per transaction
 *   --mode=batched  32 concurrent writers vs raw inserts of 100 rows per transaction
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '../src/store/sqlite-event-store.js';
import { migrate } from '../src/store/sqlite/schema.js';
import type { NewEvent } from '../src/store/event-store.js';
import { decide } from '../commands/project/decide.js';
import { foldProject } from '../domain/project/fold.js';
import { arg, childMain, numberArg, requiredArg } from './lib/child.js';
import { benchNow, factCommand, projectEvents, toNewEvent } from './lib/synthetic.js';
import { nowMs } from './lib/stats.js';

const BATCH = 100;

/** "Recorded an actual" events as the command handler makes them: a pool decided once, cycled with fresh ids. */
function actualEvents(): () => NewEvent {
  const now = benchNow();
  const state = foldProject(projectEvents(0, 0, now).map((e, i) => ({ ...e, stream: 'x', revision: i, position: BigInt(i + 1) })));
  const pool: NewEvent[] = [];
  for (let k = 1; pool.length < 500; k++) {
    if (k % 8 !== 0) pool.push(toNewEvent(decide(factCommand(k, 600), state, { now, actor: '张三' })[0]!, now)); // skip spending
  }
  let i = 0;
  return () => ({ ...pool[i++ % pool.length]!, id: randomUUID() });
}

function openRaw(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}

type Round = { count: number; seconds: number };

/** Raw inserts for `seconds`: one row per transaction (autocommit) or `batch` rows per transaction. */
function rawRound(db: Database.Database, seconds: number, batch: number, state: { rows: number }): Round {
  const insert = db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const next = actualEvents();
  // Serialized ahead: the limit is the database alone.
  const serialized = Array.from({ length: 500 }, () => {
    const e = next();
    return { type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
  });
  // 1000 streams with dense revisions, like the store writes them.
  const row = (i: number) => {
    const e = serialized[i % serialized.length]!;
    return [`project-raw-${i % 1000}`, Math.floor(i / 1000), randomUUID(), e.type, e.data, e.metadata] as const;
  };
  const many = db.transaction((from: number) => {
    for (let i = from; i < from + batch; i++) insert.run(...row(i));
  });
  const t0 = nowMs();
  const end = t0 + seconds * 1000;
  let count = 0;
  while (nowMs() < end) {
    if (batch === 1) insert.run(...row(state.rows)); // autocommit: one transaction, one fsync
    else many(state.rows);
    state.rows += batch;
    count += batch;
  }
  return { count, seconds: (nowMs() - t0) / 1000 };
}

/** `writers` concurrent writers for `seconds`, each awaiting its append before making the next. */
async function storeRound(store: SqliteEventStore, seconds: number, writers: number, revisions: Map<string, number>): Promise<Round> {
  const next = actualEvents();
  let count = 0;
  const t0 = nowMs();
  const end = t0 + seconds * 1000;
  const writer = async (w: number): Promise<void> => {
    // Each writer works on its own projects, so appends do not conflict.
    for (let i = 0; nowMs() < end; i++) {
      const stream = `project-w${w}-${i % 10}`;
      const expected = revisions.get(stream);
      const result = await store.append(stream, [next()], expected === undefined ? 'no_stream' : expected);
      revisions.set(stream, result.nextRevision);
      count++;
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  return { count, seconds: (nowMs() - t0) / 1000 };
}

const rate = (rounds: Round[]): number => rounds.reduce((a, r) => a + r.count, 0) / rounds.reduce((a, r) => a + r.seconds, 0);

/**
 * Raw and store rounds alternate (raw, store, raw, store …) on two files in the same directory, so that
 * a disk slowed down by other work on the machine slows both sides alike.
 */
async function pair(dir: string, rounds: number, seconds: number, batch: number, writers: number): Promise<Record<string, number>> {
  const db = openRaw(join(dir, `raw-${batch}.db`));
  const store = await openSqliteEventStore(join(dir, `store-${writers}.db`));
  const raws: Round[] = [];
  const stores: Round[] = [];
  const state = { rows: 0 };
  const revisions = new Map<string, number>();
  const transactionsBefore = store.transactions;
  for (let r = 0; r < rounds; r++) {
    raws.push(rawRound(db, seconds, batch, state));
    stores.push(await storeRound(store, seconds, writers, revisions));
  }
  const appends = stores.reduce((a, r) => a + r.count, 0);
  const transactions = store.transactions - transactionsBefore;
  db.close();
  await store.close();
  const ratios = raws.map((r, i) => stores[i]!.count / stores[i]!.seconds / (r.count / r.seconds));
  return {
    limit: rate(raws),
    figure: rate(stores),
    ratio: rate(stores) / rate(raws),
    minRoundRatio: Math.min(...ratios),
    maxRoundRatio: Math.max(...ratios),
    eventsPerTransaction: appends / transactions,
  };
}

childMain(async () => {
  const mode = requiredArg('mode');
  const dir = requiredArg('dir');
  const rounds = numberArg('rounds', 5);
  const seconds = numberArg('seconds', 2);
  if (mode === 'single') return pair(dir, rounds, seconds, 1, 1);
  if (mode === 'batched') return pair(dir, rounds, seconds, BATCH, numberArg('writers', 32));
  throw new Error(`unknown --mode=${arg('mode')}`);
});
