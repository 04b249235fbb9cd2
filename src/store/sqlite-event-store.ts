import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement, Transaction } from 'better-sqlite3';
import type {
  AppendResult,
  CommitListener,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadByStreamOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from './event-store.js';
import { WrongExpectedRevisionError } from './errors.js';
import { isValidExpected, satisfies } from './expected-revision.js';
import { prefixCondition } from './sqlite/prefix-range.js';
import { migrate } from './sqlite/schema.js';
import { SqliteSubscription } from './sqlite/subscription.js';
import { WalSync } from './sqlite/wal-sync.js';

/** The part of a pino logger the store uses. */
export type StoreLogger = { error(obj: object, msg?: string): void };

export type SqliteEventStoreOptions = { logger?: StoreLogger };

/** A row as an array in COLUMNS order (raw mode: no object per row); integers as numbers. */
type Row = [position: number, stream: string, revision: number, id: string, type: string, data: string, metadata: string];

/** An append waiting for the next group commit; events are already serialized. */
type PendingAppend = {
  stream: string;
  expected: ExpectedRevision;
  rows: { id: string; type: string; data: string; metadata: string }[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
  result?: AppendResult;
  error?: unknown;
  /** Position and revision of each row once inserted (the rows of a rolled-back append are dropped). */
  written?: { position: bigint; revision: number }[];
};

const COLUMNS = 'position, stream, revision, id, type, data, metadata';

export async function openSqliteEventStore(
  path: string,
  options: SqliteEventStoreOptions = {},
): Promise<SqliteEventStore> {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  const memory = path === ':memory:' || path === '';
  try {
    db.pragma('journal_mode = WAL');
    // A resolved append survives a power cut: in memory there is nothing to sync; on disk the WAL is
    // fsynced after every commit, off the event loop (WalSync), which is what FULL would do inside it.
    db.pragma(memory ? 'synchronous = FULL' : 'synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteEventStore(db, options.logger, memory ? undefined : new WalSync(`${db.name}-wal`));
}

/**
 * The embedded event store. Appends are group-committed: the appends made while the previous commit
 * is being synced to disk (or, when nothing is syncing, before the next turn of the event loop) go
 * into one transaction, which one sync then covers. An append of several events runs in its own
 * savepoint, so one that conflicts fails alone (an append of one event is a single INSERT, which
 * fails whole by itself). Every promise settles, and listeners and subscriptions hear of the commit,
 * only once it is on disk: the WAL is synced in the thread pool while the event loop goes on.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private commits = 0;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  /** The last commit, until its fsync completes and its appends are answered. */
  private syncing: Promise<void> | undefined;
  private closed = false;
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly commitListeners = new Set<CommitListener>();

  private readonly revisionStmt: Statement<[string], { revision: bigint | null }>;
  private readonly insertStmt: Statement<[string, number, string, string, string, string]>;
  private readonly headStmt: Statement<[], { position: bigint | null }>;
  private readonly statements = new Map<string, Statement<unknown[], Row>>();
  private readonly commitBatch: Transaction<(batch: PendingAppend[]) => void>;
  private readonly appendOne: (item: PendingAppend) => AppendResult;

  constructor(
    /** The underlying database (in memory, the read models' `rm_*` tables live in it too). */
    readonly db: Db,
    private readonly logger?: StoreLogger,
    /** Absent: the database syncs inside COMMIT itself (synchronous = FULL), or lives in memory. */
    private readonly walSync?: WalSync,
  ) {
    this.revisionStmt = db
      .prepare<[string], { revision: bigint | null }>('SELECT MAX(revision) AS revision FROM events WHERE stream = ?')
      .safeIntegers(true);
    this.insertStmt = db
      .prepare<[string, number, string, string, string, string]>(
        'INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .safeIntegers(true);
    this.headStmt = db
      .prepare<[], { position: bigint | null }>('SELECT MAX(position) AS position FROM events')
      .safeIntegers(true);

    this.appendOne = (item) => this.write(item);
    const savepoint = db.transaction(this.appendOne);
    this.commitBatch = db.transaction((batch: PendingAppend[]) => {
      if (batch.length === 1) {
        // Alone in the transaction: its failure rolls back the whole transaction.
        batch[0]!.result = this.appendOne(batch[0]!);
        return;
      }
      for (const item of batch) {
        try {
          // One event is one INSERT, which fails whole; several need a savepoint (SAVEPOINT … RELEASE / ROLLBACK TO).
          item.result = item.rows.length <= 1 ? this.appendOne(item) : savepoint(item);
        } catch (error) {
          item.error = error;
        }
      }
    });
  }

  /** Diagnostics: write transactions attempted so far (one per group commit). */
  get transactions(): number {
    return this.commits;
  }

  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    if (typeof stream !== 'string' || stream.length === 0) {
      return Promise.reject(new TypeError('stream name must be a non-empty string'));
    }
    if (!isValidExpected(expected)) {
      return Promise.reject(new TypeError(`invalid expected revision: ${String(expected)}`));
    }
    let rows: PendingAppend['rows'];
    try {
      // Serialize now, outside the transaction: a bad payload fails only its own append.
      rows = events.map((e) => ({
        id: e.id,
        type: e.type,
        data: JSON.stringify(e.data ?? null),
        metadata: JSON.stringify(e.metadata),
      }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, expected, rows, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const limit = options.maxCount ?? -1; // LIMIT -1: no limit
    let sql: string;
    let params: unknown[];
    if (backwards) {
      sql = `SELECT ${COLUMNS} FROM events WHERE stream = ?${from === 'end' ? '' : ' AND revision <= ?'}
             ORDER BY revision DESC LIMIT ?`;
      params = from === 'end' ? [stream, limit] : [stream, from === 'start' ? 0 : from, limit];
    } else {
      if (from === 'end') return []; // nothing comes after the end
      sql = `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`;
      params = [stream, from === 'start' ? 0 : from, limit];
    }
    return this.rowsQuery(sql).all(...params).map(toRecorded);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return this.currentRevision(stream);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.fromPosition ?? 0n, options.maxCount ?? -1, options.streamPrefixes);
  }

  async readAllByStream(options: ReadByStreamOptions): Promise<RecordedEvent[]> {
    const prefixes = options.streamPrefixes;
    const filter = prefixes !== undefined && prefixes.length > 0 ? prefixCondition(prefixes, { useStreamIndex: true }) : undefined;
    const after = options.after;
    // The row value walks the (stream, revision) index from the keyset on: no sort, no skipped rows.
    const sql = `SELECT ${COLUMNS} FROM events WHERE position <= ?${after ? ' AND (stream, revision) > (?, ?)' : ''}${
      filter ? ` AND ${filter.sql}` : ''
    } ORDER BY stream, revision LIMIT ?`;
    const params: unknown[] = [options.toPosition, ...(after ? [after.stream, after.revision] : []), ...(filter?.params ?? []), options.maxCount];
    return this.rowsQuery(sql).all(...params).map(toRecorded);
  }

  async headPosition(): Promise<bigint> {
    return this.head();
  }

  /** The id of the first event: a new file (or a wiped one) has another, or none while empty. */
  async identity(): Promise<string | undefined> {
    if (this.closed) throw new Error('event store is closed');
    const row = this.db.prepare<[], { id: string }>('SELECT id FROM events ORDER BY position LIMIT 1').get();
    return row?.id;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): SqliteSubscription {
    if (this.closed) throw new Error('event store is closed');
    const prefixes = options.streamPrefixes;
    const subscription = new SqliteSubscription(
      {
        readPage: (after, max) => this.readAllSync(after, max, prefixes),
        head: () => this.head(),
      },
      handler,
      options.fromPosition ?? 0n,
      this.logger,
      (sub) => this.subscriptions.delete(sub),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  onCommitted(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** Waits for queued appends, stops the subscriptions, then closes the database. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.queue.length > 0 || this.flushScheduled || this.syncing) {
      await (this.syncing ?? new Promise((resolve) => setImmediate(resolve)));
    }
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.walSync?.close();
    this.db.close();
  }

  private scheduleFlush(): void {
    // While a commit is being synced, appends gather for the next one; its end schedules the flush.
    if (this.flushScheduled || this.syncing) return;
    this.flushScheduled = true;
    // setImmediate, not a microtask: writers awaiting their previous append resume
    // in microtasks and so join this batch instead of each forcing its own fsync.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    this.commits += 1;
    try {
      this.commitBatch.immediate(batch);
    } catch (error) {
      // The transaction rolled back (a lone append that failed, or the COMMIT itself).
      for (const item of batch) {
        item.result = undefined;
        item.error ??= error;
      }
    }
    const committed = batch.some((item) => item.result !== undefined);
    if (!committed || this.walSync === undefined) return this.settle(batch, committed);
    const walSync = this.walSync;
    const durable = (error?: Error) => {
      if (error) {
        // Committed but not known to be on disk: the caller hears of it (an Idempotency-Key retry finds the events).
        this.logger?.error({ err: error }, 'fsync of the write-ahead log failed');
        for (const item of batch) if (item.result !== undefined) (item.result = undefined), (item.error = error);
      }
      this.settle(batch, !error);
    };
    // A lone append has nothing to share the wait with: a hop to the thread pool would only add to its latency.
    if (batch.length === 1) return durable(walSync.syncNow());
    this.syncing = new Promise<void>((resolve) =>
      walSync.sync((error) => {
        this.syncing = undefined;
        durable(error);
        resolve();
        if (this.queue.length > 0) this.scheduleFlush();
      }),
    );
  }

  /** Tells listeners and subscriptions of a durable commit, then answers every append of the batch. */
  private settle(batch: PendingAppend[], committed: boolean): void {
    if (committed && this.commitListeners.size > 0) this.tellListeners(batch);
    if (committed) {
      const last = lastPosition(batch);
      for (const sub of this.subscriptions) sub.notify(last);
    }
    for (const item of batch) {
      if (item.result !== undefined) item.resolve(item.result);
      else item.reject(item.error);
    }
  }

  /** The committed events of a batch, read back as readAll would (data and metadata parsed from what was stored). */
  private tellListeners(batch: PendingAppend[]): void {
    const events: RecordedEvent[] = [];
    for (const item of batch) {
      if (item.result === undefined || item.written === undefined) continue;
      item.rows.forEach((row, i) => {
        const at = item.written![i]!;
        events.push({
          id: row.id,
          type: row.type,
          data: JSON.parse(row.data) as unknown,
          metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
          stream: item.stream,
          revision: at.revision,
          position: at.position,
        });
      });
    }
    if (events.length === 0) return;
    // Already in position order: the batch was written in order, and positions are rowids handed out one
    // after another inside the write lock, so the batch's are consecutive.
    const after = events[0]!.position - 1n;
    for (const listener of this.commitListeners) {
      try {
        listener(events, after);
      } catch (error) {
        this.logger?.error({ err: error }, 'a commit listener failed');
      }
    }
  }

  /** Checks the expected revision against the stream inside the open transaction, then inserts. */
  private write(item: PendingAppend): AppendResult {
    const actual = this.currentRevision(item.stream);
    if (!satisfies(item.expected, actual)) {
      throw new WrongExpectedRevisionError(item.stream, item.expected, actual);
    }
    if (item.rows.length === 0) {
      // Nothing to write: report where the stream stands (-1 and 0n when it does not exist).
      return { nextRevision: actual ?? -1, position: actual === undefined ? 0n : this.positionOf(item.stream, actual) };
    }
    let revision = actual ?? -1;
    let position = 0n;
    const written: PendingAppend['written'] = [];
    for (const row of item.rows) {
      revision += 1;
      const info = this.insertStmt.run(item.stream, revision, row.id, row.type, row.data, row.metadata);
      position = BigInt(info.lastInsertRowid);
      written.push({ position, revision });
    }
    item.written = written;
    return { nextRevision: revision, position };
  }

  private currentRevision(stream: string): number | undefined {
    const revision = this.revisionStmt.get(stream)?.revision;
    return revision === null || revision === undefined ? undefined : Number(revision);
  }

  private positionOf(stream: string, revision: number): bigint {
    const rows = this.rowsQuery(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision = ?`).all(stream, revision);
    return rows[0] ? BigInt(rows[0][0]) : 0n;
  }

  /**
   * Prepared once per distinct SQL text (the prefix filters vary in shape). Raw rows with plain numbers:
   * reading a page costs about what the bare loop over the same rows does (positions stay below 2^53).
   */
  private rowsQuery(sql: string): Statement<unknown[], Row> {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      stmt = this.db.prepare<unknown[], Row>(sql).raw(true);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private head(): bigint {
    return this.headStmt.get()?.position ?? 0n;
  }

  private readAllSync(after: bigint, limit: number, prefixes: readonly string[] | undefined): RecordedEvent[] {
    const filter = prefixes !== undefined && prefixes.length > 0 ? prefixCondition(prefixes) : undefined;
    const where = filter === undefined ? '' : ` AND ${filter.sql}`;
    const stmt = this.rowsQuery(`SELECT ${COLUMNS} FROM events WHERE position > ?${where} ORDER BY position LIMIT ?`);
    return stmt.all(after, ...(filter?.params ?? []), limit).map(toRecorded);
  }
}

/** The highest position a batch wrote (undefined when it wrote nothing). */
function lastPosition(batch: readonly PendingAppend[]): bigint | undefined {
  let last: bigint | undefined;
  for (const item of batch) {
    const written = item.result !== undefined ? item.written : undefined;
    const at = written?.[written.length - 1]?.position;
    if (at !== undefined && (last === undefined || at > last)) last = at;
  }
  return last;
}

function toRecorded(row: Row): RecordedEvent {
  return {
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    stream: row[1],
    revision: row[2],
    position: BigInt(row[0]),
  };
}
