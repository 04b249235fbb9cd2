import pg from 'pg';
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
import { StoreUnavailableError } from './errors.js';
import { isValidExpected } from './expected-revision.js';
import { type BatchOutcome, type PendingAppend, writeBatch } from './postgres/append.js';
import { CommitListener as NotificationListener } from './postgres/listener.js';
import { COLUMNS, prefixCondition, type Row, toRecorded } from './postgres/rows.js';
import { migrate } from './postgres/schema.js';
import { PgSubscription } from './postgres/subscription.js';

/** The part of a pino logger the store uses. */
export type StoreLogger = { error(obj: object, msg?: string): void };

export type PostgresEventStoreOptions = {
  logger?: StoreLogger;
  /** Connections in the pool (default 10). */
  poolSize?: number;
};

/** An append whose stream other servers keep writing to between its decision and its insert gives up after this many tries. */
const MAX_OVERTAKEN = 100;

/** `postgres://` and `postgresql://` connection strings pick this adapter. */
export const isPostgresConnectionString = (value: string): boolean => /^postgres(ql)?:\/\//.test(value);

/** Connects, creates or upgrades the schema, and returns the store. */
export async function openPostgresEventStore(
  connectionString: string,
  options: PostgresEventStoreOptions = {},
): Promise<PostgresEventStore> {
  // A server that accepts the connection but never answers must not hang the start (or an append) for ever.
  const config: pg.ClientConfig = { connectionString, application_name: 'jixiao', connectionTimeoutMillis: 10_000 };
  const pool = new pg.Pool({ ...config, max: options.poolSize ?? 10 });
  // An idle connection the server closed must not crash the process; the next query opens another.
  pool.on('error', (error) => options.logger?.error({ err: error }, 'an idle PostgreSQL connection failed'));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreUnavailableError(`PostgreSQL ${redact(connectionString)}: ${(error as Error).message}`, { cause: error });
  }
  return new PostgresEventStore(pool, config, options.logger);
}

/**
 * The event store on PostgreSQL. Appends made through one instance are batched: those arriving while a
 * transaction is in flight go into the next one (one commit, one WAL flush for all of them). Every
 * append in the database takes one advisory lock around position assignment and commit (append.ts), so
 * positions commit in order across app servers and a subscriber reading past its checkpoint never skips
 * one. Subscriptions hear of this instance's commits directly, of other processes' by LISTEN/NOTIFY,
 * and poll as a fallback.
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private queue: PendingAppend[] = [];
  private writing: Promise<void> | undefined;
  private batches = 0;
  private closed = false;
  private readonly subscriptions = new Set<PgSubscription>();
  private readonly commitListeners = new Set<CommitListener>();
  private listener: NotificationListener | undefined;

  constructor(
    readonly pool: pg.Pool,
    private readonly clientConfig: pg.ClientConfig,
    private readonly logger?: StoreLogger,
  ) {}

  /** Diagnostics: write transactions attempted so far (one per batch). */
  get transactions(): number {
    return this.batches;
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
      rows = events.map((e) => ({ id: e.id, type: e.type, data: JSON.stringify(e.data ?? null), metadata: JSON.stringify(e.metadata) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, expected, rows, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    const limit = options.maxCount ?? null; // LIMIT NULL: no limit
    if (backwards) {
      if (from === 'end') return this.rows(`SELECT ${COLUMNS} FROM events WHERE stream = $1 ORDER BY revision DESC LIMIT $2`, [stream, limit]);
      return this.rows(`SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`, [
        stream,
        from === 'start' ? 0 : from,
        limit,
      ]);
    }
    if (from === 'end') return [];
    return this.rows(`SELECT ${COLUMNS} FROM events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`, [
      stream,
      from === 'start' ? 0 : from,
      limit,
    ]);
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ revision: number | null }>('SELECT max(revision) AS revision FROM events WHERE stream = $1', [stream]);
    return rows[0]?.revision ?? undefined;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readPage(options.fromPosition ?? 0n, options.maxCount ?? null, options.streamPrefixes);
  }

  async readAllByStream(options: ReadByStreamOptions): Promise<RecordedEvent[]> {
    const params: unknown[] = [options.toPosition.toString(), options.maxCount];
    let where = 'position <= $1';
    if (options.after) {
      params.push(options.after.stream, options.after.revision);
      where += ' AND (stream, revision) > ($3, $4)';
    }
    const prefixes = options.streamPrefixes;
    if (prefixes !== undefined && prefixes.length > 0) {
      const filter = prefixCondition(prefixes, params.length + 1);
      params.push(...filter.params);
      where += ` AND ${filter.sql}`;
    }
    return this.orderedRows(`SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY stream, revision LIMIT $2`, params);
  }

  async headPosition(): Promise<bigint> {
    const { rows } = await this.pool.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events');
    return BigInt(rows[0]!.head);
  }

  /** The id of the first event in the log (as on every store): another once the database is dropped and written again. */
  async identity(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM events ORDER BY position LIMIT 1');
    return rows[0]?.id;
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): PgSubscription {
    if (this.closed) throw new Error('event store is closed');
    const prefixes = options.streamPrefixes;
    this.listener ??= new NotificationListener(this.clientConfig, (position) => this.notifySubscriptions(position), this.logger);
    const subscription = new PgSubscription(
      { readPage: (after, max) => this.readPage(after, max, prefixes), head: () => this.headPosition() },
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

  /** Waits for queued appends, stops the subscriptions and the listener, then closes the pool. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    while (this.writing) await this.writing;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.listener?.close();
    await this.pool.end();
  }

  /** Writes batches until the queue is empty: one transaction in flight at a time. */
  private async drain(): Promise<void> {
    await Promise.resolve(); // the appends made in the same synchronous run share the first batch
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.commit(batch);
    }
    this.writing = undefined;
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    this.batches += 1;
    let outcome: BatchOutcome | undefined;
    let client: pg.PoolClient | undefined;
    try {
      client = await this.pool.connect();
      outcome = await writeBatch(client, batch);
      client.release();
    } catch (error) {
      if (client !== undefined) {
        await client.query('ROLLBACK').catch(() => {});
        // A connection that failed mid-transaction is not handed out again.
        client.release(error instanceof Error ? error : new Error(String(error)));
      }
      for (const item of batch) (item.result = undefined), (item.written = undefined);
      if (batch.length > 1) {
        // Something no decision foresaw (a connection lost, a value the database refuses): each append
        // alone. Retrying is safe: an append that did commit is found by its event ids.
        for (const item of batch) await this.commit([{ ...item, error: undefined }]);
        return;
      }
      const item = batch[0]!;
      item.error = isConnectionError(error)
        ? new StoreUnavailableError(`PostgreSQL event store: ${(error as Error).message}`, { cause: error })
        : error;
    }
    const again = new Set(outcome?.again ?? []);
    for (const item of again) {
      if (item.overtaken! > MAX_OVERTAKEN) {
        again.delete(item);
        item.error = new StoreUnavailableError(`stream ${item.stream}: overtaken by other writers ${item.overtaken} times in a row`);
      }
    }
    // Decided again in the next batch, ahead of the appends made since.
    if (again.size > 0) this.queue.unshift(...again);
    this.settle(
      batch.filter((item) => !again.has(item)),
      outcome?.after,
    );
  }

  /** Tells listeners and subscriptions of a commit, then answers every append of the batch. */
  private settle(batch: PendingAppend[], after: bigint | undefined): void {
    const events: RecordedEvent[] = [];
    if (after !== undefined) {
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
    }
    if (events.length > 0) {
      for (const listener of this.commitListeners) {
        try {
          listener(events, after!);
        } catch (error) {
          this.logger?.error({ err: error }, 'a commit listener failed');
        }
      }
      this.notifySubscriptions(events[events.length - 1]!.position);
    }
    for (const item of batch) {
      if (item.result !== undefined) item.resolve(item.result);
      else item.reject(item.error);
    }
  }

  private notifySubscriptions(position: bigint | undefined): void {
    for (const sub of this.subscriptions) sub.notify(position);
  }

  private readPage(after: bigint, limit: number | null, prefixes: readonly string[] | undefined): Promise<RecordedEvent[]> {
    const params: unknown[] = [after.toString(), limit];
    let where = 'position > $1';
    if (prefixes !== undefined && prefixes.length > 0) {
      const filter = prefixCondition(prefixes, 3);
      params.push(...filter.params);
      where += ` AND ${filter.sql}`;
    }
    return this.orderedRows(`SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY position LIMIT $2`, params);
  }

  /**
   * A page of the log in index order. With sorting priced out, the planner walks the index the page is
   * ordered by and stops at LIMIT: on a table not yet analyzed (a fresh import) it otherwise gathered
   * every event after the keyset and sorted them, for every page (a 100,000-event rebuild: 180 ms a page).
   */
  private async orderedRows(text: string, values: unknown[]): Promise<RecordedEvent[]> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN READ ONLY; SET LOCAL enable_sort = off');
      const result = await client.query<Row>({ text, values, rowMode: 'array' });
      await client.query('COMMIT');
      client.release();
      return result.rows.map(toRecorded);
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      throw error;
    }
  }

  private async rows(text: string, values: unknown[]): Promise<RecordedEvent[]> {
    const result = await this.pool.query<Row>({ text, values, rowMode: 'array' });
    return result.rows.map(toRecorded);
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (typeof code === 'string' && (code.startsWith('08') || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P01')) ||
    (error instanceof Error && /Connection terminated|connect ECONNREFUSED/.test(error.message));
}

function redact(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
