import type { Database, Statement } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { EventStore, RecordedEvent, Subscription } from '../store/event-store.js';
import type { Projection } from './projection.js';

/**
 * Events per catch-up batch. Small enough that a page's objects die young: pages of 10,000 survived
 * the young generation and made reading the log a third slower (bench: rebuild).
 */
const PAGE = 1000;
/**
 * Live batches move the read models in memory at once and in the file at most this long afterwards,
 * with the checkpoint (Projection.persist): a commit of the read-model file per group commit cost a
 * command about as much as its decision (bench: HTTP commands).
 */
const PERSIST_AFTER_MS = 200;

/**
 * Keeps the read models of the local SQLite database up to date with the event store.
 * One checkpoint per projection in `rm_checkpoints`, written in the same transaction as the
 * read-model changes. A catch-up from position 0 reads the log stream by stream where the store can
 * (readAllByStream), otherwise pages of $all; live events arrive by subscription and are applied in
 * small batches (whatever has queued since the last flush), and the commits made through the store
 * in this process are handed over directly (onCommitted), before their appends are answered.
 */
export class ProjectionRunner {
  private subscription: Subscription | undefined;
  private stopListening: (() => void) | undefined;
  private applied = 0n;
  /** The position the checkpoints in the file are at (below `applied` while live batches are held in memory). */
  private persisted = 0n;
  private persistTimer: NodeJS.Timeout | undefined;
  private queue: RecordedEvent[] = [];
  private flushScheduled = false;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private failure: Error | undefined;
  private readonly upsertCheckpoint: Statement<[string, string]>;
  private readonly selectCheckpoints: Statement<[], { name: string; position: string }>;
  private readonly selectIdentity: Statement<[], { value: string }>;
  private readonly upsertIdentity: Statement<[string]>;
  /** Whether the file records the identity of the store its checkpoints belong to. */
  private identityRecorded = false;
  private identityWrite: Promise<void> | undefined;
  private readonly streamPrefixes: string[];
  /** The event types each projection handles, in the order of `projections`. */
  private readonly types: ReadonlySet<string>[];

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly projections: readonly Projection[],
    private readonly logger?: Logger,
    options: { streamPrefixes?: string[] } = {},
  ) {
    this.streamPrefixes = options.streamPrefixes ?? ['project-'];
    this.types = projections.map((p) => new Set(p.eventTypes));
    db.exec('CREATE TABLE IF NOT EXISTS rm_checkpoints (name TEXT PRIMARY KEY, position TEXT NOT NULL)');
    this.upsertCheckpoint = db.prepare(
      'INSERT INTO rm_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
    this.selectCheckpoints = db.prepare('SELECT name, position FROM rm_checkpoints');
    db.exec('CREATE TABLE IF NOT EXISTS rm_store (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    this.selectIdentity = db.prepare("SELECT value FROM rm_store WHERE key = 'identity'");
    this.upsertIdentity = db.prepare(
      "INSERT INTO rm_store (key, value) VALUES ('identity', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    );
    for (const p of projections) p.init(db);
  }

  /** Global position of the last event applied to every read model. */
  get position(): bigint {
    return this.applied;
  }

  /** Catches up from the stored checkpoints, then follows new events live. */
  async start(): Promise<void> {
    await this.checkStore();
    this.applied = this.lowestCheckpoint();
    this.persisted = this.applied;
    await this.catchUp();
    this.subscription = this.store.subscribe((e) => this.enqueue(e), {
      fromPosition: this.applied,
      streamPrefixes: this.streamPrefixes,
    });
    await this.subscription.caughtUp;
    this.flush();
    this.stopListening = this.store.onCommitted?.((events, after) => this.committed(events, after));
  }

  /** Resolves once every event up to `position` is in the read models. */
  waitFor(position: bigint, timeoutMs = 10_000): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.applied >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`read models did not reach position ${position} within ${timeoutMs} ms (at ${this.applied})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Empties every read model and replays the whole log from position 0. */
  async rebuild(): Promise<{ events: number; position: bigint }> {
    const live = this.subscription !== undefined;
    await this.stop();
    this.clearAll();
    await this.recordIdentity();
    const events = await this.catchUp();
    if (live) await this.start();
    return { events, position: this.applied };
  }

  /**
   * Checkpoints belong to the store whose identity the file records. Those of another store's data (the
   * server's data wiped, another server, another events file) or beyond the store's head would skip
   * every new event up to them: the read models are emptied and rebuilt from the log instead.
   */
  private async checkStore(): Promise<void> {
    const [identity, head] = await Promise.all([this.store.identity(), this.store.headPosition()]);
    const recorded = this.selectIdentity.get()?.value;
    const highest = [...this.checkpoints().values()].reduce((a, b) => (b > a ? b : a), 0n);
    const otherStore = recorded !== undefined && recorded !== identity;
    if (otherStore || highest > head) {
      this.logger?.warn(
        { recorded, identity: identity ?? null, checkpoint: highest.toString(), head: head.toString() },
        otherStore
          ? 'read models belong to another store (its data was wiped or replaced): rebuilding them from the log'
          : 'read-model checkpoints are beyond the store\'s last event (its data was wiped or replaced): rebuilding them from the log',
      );
      this.clearAll();
    }
    this.identityRecorded = false;
    if (identity !== undefined) this.writeIdentity(identity);
  }

  /** Records the store's identity once it has one (an empty store has none yet); one read at a time. */
  private recordIdentity(): Promise<void> {
    if (this.identityRecorded) return Promise.resolve();
    this.identityWrite ??= (async () => {
      try {
        const identity = await this.store.identity();
        if (identity !== undefined) this.writeIdentity(identity);
      } catch (error) {
        this.logger?.warn({ err: error }, 'could not read the event store\'s identity; recorded later');
      } finally {
        this.identityWrite = undefined;
      }
    })();
    return this.identityWrite;
  }

  private writeIdentity(identity: string): void {
    if (!this.db.open) return;
    this.upsertIdentity.run(identity);
    this.identityRecorded = true;
  }

  private clearAll(): void {
    this.db.transaction(() => {
      for (const p of this.projections) p.clear(this.db);
      this.db.prepare('DELETE FROM rm_checkpoints').run();
      this.db.prepare("DELETE FROM rm_store WHERE key = 'identity'").run();
    })();
    this.identityRecorded = false;
    this.applied = 0n;
    this.persisted = 0n;
  }

  async stop(): Promise<void> {
    this.stopListening?.();
    this.stopListening = undefined;
    const s = this.subscription;
    this.subscription = undefined;
    if (s) await s.stop();
    this.flush();
    this.persist();
    // Checkpoints written for a store that was empty at start: its identity, before the store closes.
    if (this.applied > 0n) await this.recordIdentity();
  }

  /** Writes what live batches hold in memory, with the checkpoints at the position they reached. */
  persist(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = undefined;
    if (this.failure || this.applied <= this.persisted) return;
    const position = this.applied;
    try {
      this.db.transaction(() => {
        for (const p of this.projections) {
          p.persist?.(this.db);
          this.upsertCheckpoint.run(p.name, position.toString());
        }
      })();
      this.persisted = position;
      if (!this.identityRecorded) void this.recordIdentity();
    } catch (error) {
      this.failure = error as Error;
      this.logger?.error({ err: error }, 'writing the read models failed; they stop at the last good checkpoint');
    }
  }

  private async catchUp(): Promise<number> {
    let count = this.applied === 0n ? await this.catchUpByStream() : 0;
    for (;;) {
      const page = await this.store.readAll({ fromPosition: this.applied, maxCount: PAGE, streamPrefixes: this.streamPrefixes });
      if (page.length === 0) break;
      this.applyPage(page);
      count += page.length;
    }
    this.db.transaction(() => {
      for (const p of this.projections) p.endCatchUp?.(this.db);
    })();
    return count;
  }

  /**
   * From position 0, when the store can read stream after stream and every projection is per stream:
   * the log up to the head, one stream at a time, so a projection holds one stream's state at a time
   * however the streams are interleaved. The checkpoints move to the head only at the end; a crash
   * before that replays from 0 (applying is idempotent). Returns the events applied.
   */
  private async catchUpByStream(): Promise<number> {
    const readByStream = this.store.readAllByStream?.bind(this.store);
    if (readByStream === undefined || !this.projections.every((p) => p.perStream)) return 0;
    if ([...this.checkpoints().values()].some((c) => c > 0n)) return 0; // some read model is already ahead
    const head = await this.store.headPosition();
    let after: { stream: string; revision: number } | undefined;
    let count = 0;
    for (;;) {
      const page = await readByStream({ toPosition: head, maxCount: PAGE, streamPrefixes: this.streamPrefixes, ...(after ? { after } : {}) });
      const last = page[page.length - 1];
      if (last === undefined) break;
      this.db.transaction(() => this.feed(page, true))();
      after = { stream: last.stream, revision: last.revision };
      count += page.length;
    }
    if (count === 0) return 0;
    this.db.transaction(() => {
      for (const p of this.projections) {
        p.endCatchUp?.(this.db);
        this.upsertCheckpoint.run(p.name, head.toString());
      }
    })();
    this.applied = head;
    this.persisted = head;
    this.resolveWaiters();
    return count;
  }

  /**
   * A commit made through the store in this process, handed over once durable and before its appends
   * are answered: applied at once when nothing comes before it, so a command's answer does not wait
   * for the subscription to read its events back (bench: HTTP commands). Otherwise the subscription
   * brings them, and when it does they are skipped as already applied.
   */
  private committed(events: readonly RecordedEvent[], after: bigint): void {
    if (this.subscription === undefined || this.failure || this.queue.length > 0 || after !== this.applied) return;
    const mine = events.filter((e) => this.streamPrefixes.some((p) => e.stream.startsWith(p)));
    try {
      this.applyLive(mine, events[events.length - 1]!.position);
      this.subscription.skipTo?.(this.applied);
    } catch (error) {
      this.failure = error as Error;
      this.logger?.error({ err: error }, 'projection failed; read models stop at the last good checkpoint');
    }
  }

  private enqueue(event: RecordedEvent): void {
    if (event.position <= this.applied) return; // redelivered after a resubscribe
    this.queue.push(event);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    try {
      this.applyLive(batch, batch[batch.length - 1]!.position);
    } catch (error) {
      this.failure = error as Error;
      this.logger?.error({ err: error }, 'projection failed; read models stop at the last good checkpoint');
    }
  }

  /** A page of a catch-up in global order: each projection from its own checkpoint, the checkpoints moved with it. */
  private applyPage(events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    if (!last) return;
    const checkpoints = this.checkpoints();
    const upsert = this.upsertCheckpoint;
    this.db.transaction(() => {
      this.feed(events, true, checkpoints);
      for (const p of this.projections) {
        p.persist?.(this.db);
        upsert.run(p.name, last.position.toString());
      }
    })();
    this.applied = last.position;
    this.persisted = last.position;
    if (!this.identityRecorded) void this.recordIdentity();
    this.resolveWaiters();
  }

  /**
   * Live events, all after `applied` (the catch-up left every projection there): applied in one
   * transaction (what a projection writes at once, such as a new project's row), the checkpoint
   * written behind (persist).
   */
  private applyLive(events: readonly RecordedEvent[], position: bigint): void {
    if (events.length > 0) this.db.transaction(() => this.feed(events, false))();
    this.applied = position;
    this.persistTimer ??= setTimeout(() => this.persist(), PERSIST_AFTER_MS).unref();
    this.resolveWaiters();
  }

  /** Hands each projection the events of its types (after its checkpoint, when given), inside the caller's transaction. */
  private feed(events: readonly RecordedEvent[], catchingUp: boolean, checkpoints?: Map<string, bigint>): void {
    this.projections.forEach((p, i) => {
      const from = checkpoints?.get(p.name) ?? 0n;
      const mine = events.filter((e) => e.position > from && this.types[i]!.has(e.type));
      if (mine.length > 0) p.applyBatch(this.db, mine, { catchingUp });
    });
  }

  private resolveWaiters(): void {
    this.waiters = this.waiters.filter((w) => {
      if (w.position > this.applied) return true;
      w.resolve();
      return false;
    });
  }

  private checkpoints(): Map<string, bigint> {
    const rows = this.selectCheckpoints.all();
    return new Map(rows.map((r) => [r.name, BigInt(r.position)]));
  }

  private lowestCheckpoint(): bigint {
    const stored = this.checkpoints();
    let lowest: bigint | undefined;
    for (const p of this.projections) {
      const c = stored.get(p.name) ?? 0n;
      if (lowest === undefined || c < lowest) lowest = c;
    }
    return lowest ?? 0n;
  }
}
