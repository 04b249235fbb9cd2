/**
 * An in-memory imitation of an EventStoreDB server and of the @eventstore/db-client 6.2.1 clients
 * the adapter uses, written from the client's own source (node_modules/@eventstore/db-client/dist):
 *
 * - revisions from 0; $all positions where commit = prepare for each event, monotonic, not dense;
 *   system events ($epoch, $stats) interleave in $all;
 * - readAll: an inclusive start, backwards strictly before the position; readStream throws
 *   StreamNotFoundError (or StreamDeletedError on a tombstone) while iterating;
 * - subscribeToAll: starts strictly after its position (exclusive), server-side filters, a Readable
 *   that the server fills only as fast as it is read (backpressure), `caughtUp` emitted only when the
 *   server version sends it (≥ 23.10), dropped / ended mid-stream on demand;
 * - appendToStream: idempotent by event id (the same ids again → success, nothing written), the
 *   1 MiB default append limit (MaxAppendSizeExceededError), WrongExpectedVersionError — or, with
 *   `throwOnAppendFailure=false`, `{ success: false }` with the revision batchAppend computes
 *   (`BigInt(hasCurrentStreamRevision())`: 1n or 0n, whatever the stream's revision), NotLeaderError
 *   on a follower, StreamDeletedError on a tombstone, grpc's raw UNAVAILABLE error when down;
 * - batchAppend's promise bank is one module-level map shared by every client: when one client's
 *   append stream errors (its dispose() cancels it), every pending append of every client is
 *   rejected with that error;
 * - a client whose first call finds the server not answering is wedged for good (its cached
 *   server-features lookup never settles): all its calls hang, while a new client works.
 *
 * It proves the adapter's own logic against what the client does; it proves nothing about a server
 * (test/contract/eventstoredb.test.ts runs the contract on a real one when given).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CancelledError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendToStreamOptions,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

type Stored = {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: bigint;
};

const resolved = (e: Stored) => ({
  event: {
    streamId: e.streamId,
    id: e.id,
    isJson: true,
    revision: e.revision,
    type: e.type,
    created: new Date(0),
    data: e.data,
    metadata: e.metadata,
    position: { commit: e.position, prepare: e.position },
  },
  commitPosition: e.position,
});

/** The server's default MaxAppendSize (1 MiB). */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

export type SimulatedServerOptions = {
  /** Servers ≥ 23.10 send caughtUp on subscriptions; older ones never do. Default true. */
  sendsCaughtUp?: boolean;
  maxAppendSize?: number;
  /** A follower refuses appends with NotLeaderError (a client connected with nodePreference=follower). */
  follower?: boolean;
};

type PendingAppend = { client: SimulatedEventStoreDb; reject: (error: Error) => void };
/** batchAppend's module-level promise bank: shared by every client instance. */
const promiseBank = new Set<PendingAppend>();

type Live = { stream: SimulatedSubscription; wake: () => void };

export class SimulatedServer {
  log: Stored[] = [];
  private readonly live = new Set<Live>();
  private readonly tombstones = new Set<string>();
  private nextPosition = 1_000n;
  readonly options: Required<SimulatedServerOptions>;
  /** Live subscriptions deliver nothing new (a half-open connection nobody has noticed yet). */
  private stalled = false;
  /** Down: every call fails with UNAVAILABLE, subscriptions drop. */
  down = false;
  /** Not answering: a client's first call hangs, and that client stays wedged. */
  silent = false;
  /** Delays (ms) for the next appends; `commit: 'late'` commits after the delay, 'early' before it. */
  private readonly appendDelays: { ms: number; commit: 'early' | 'late' }[] = [];
  private readonly appendFailures: { error: Error; written: boolean }[] = [];
  readonly clients: SimulatedEventStoreDb[] = [];
  /** The most events a subscription ever held unread (backpressure keeps it near highWaterMark). */
  maxBuffered = 0;

  constructor(options: SimulatedServerOptions = {}) {
    this.options = { sendsCaughtUp: true, maxAppendSize: DEFAULT_MAX_APPEND_SIZE, follower: false, ...options };
    this.writeSystem('$epoch-information', '$epoch');
  }

  /** A new client connected to this server. */
  client(options: { throwOnAppendFailure?: boolean } = {}): SimulatedEventStoreDb {
    const client = new SimulatedEventStoreDb(this, options.throwOnAppendFailure ?? true);
    this.clients.push(client);
    return client;
  }

  /** A system event, as the server writes from time to time. */
  writeSystem(stream = '$stats-127.0.0.1:2113', type = '$statsCollected'): void {
    this.store({ streamId: stream, id: randomUUID(), type, data: {}, metadata: undefined, revision: this.revisionOf(stream) + 1n });
  }

  /** The next append waits `ms`; 'late' commits after the wait (the answer is on time or lost), 'early' before it (only the answer is late). */
  delayNextAppend(ms: number, commit: 'early' | 'late' = 'late'): void {
    this.appendDelays.push({ ms, commit });
  }

  /** The next append fails with `error` (the client's DeadlineExceeded for the server's commit timeout, Cancelled …), written or not. */
  failNextAppend(error: Error, written: boolean): void {
    this.appendFailures.push({ error, written });
  }

  tombstone(streamName: string): void {
    this.tombstones.add(streamName);
    this.store({ streamId: `$$${streamName}`, id: randomUUID(), type: '$metadata', data: {}, metadata: undefined, revision: 0n });
  }

  /** Drops every live subscription with an error (a connection lost mid-stream). */
  dropSubscriptions(error: Error = new UnavailableError(undefined, 'connection lost')): void {
    for (const live of [...this.live]) {
      this.live.delete(live);
      live.stream.destroy(error);
    }
  }

  /** Ends every live subscription cleanly (the server closed the call). */
  endSubscriptions(): void {
    for (const live of [...this.live]) {
      this.live.delete(live);
      live.stream.push(null);
    }
  }

  /** Subscriptions stop delivering, without an error, until resumed. */
  stallSubscriptions(stalled = true): void {
    this.stalled = stalled;
    if (!stalled) for (const live of this.live) live.wake();
  }

  /** `docker compose down -v`: the data is gone; the server starts a new log. */
  wipe(): void {
    this.dropSubscriptions();
    this.log = [];
    this.tombstones.clear();
    this.nextPosition = 1_000n;
    this.writeSystem('$epoch-information', '$epoch');
  }

  setDown(down: boolean): void {
    this.down = down;
    if (down) this.dropSubscriptions();
  }

  /** Events of our streams (system ones left out), for assertions. */
  userEvents(): Stored[] {
    return this.log.filter((e) => !e.streamId.startsWith('$') && !e.type.startsWith('$'));
  }

  // ——— what the clients call ———

  async append(client: SimulatedEventStoreDb, streamName: string, list: EventData[], options: AppendToStreamOptions) {
    await new Promise((resolve) => setImmediate(resolve)); // a round trip
    const failure = this.appendFailures.shift();
    if (failure !== undefined) {
      if (failure.written) this.commit(client, streamName, list, options);
      throw failure.error;
    }
    const delay = this.appendDelays.shift();
    if (delay === undefined) return this.commit(client, streamName, list, options);
    return new Promise((resolve, reject) => {
      const pending: PendingAppend = { client, reject };
      promiseBank.add(pending);
      const settle = (answer: () => unknown) => {
        if (!promiseBank.delete(pending)) return; // rejected meanwhile by a shared-bank error
        try {
          resolve(answer());
        } catch (error) {
          reject(error);
        }
      };
      if (delay.commit === 'early') {
        let result: unknown;
        let failure: unknown;
        try {
          result = this.commit(client, streamName, list, options);
        } catch (error) {
          failure = error;
        }
        setTimeout(() => settle(() => {
          if (failure !== undefined) throw failure;
          return result;
        }), delay.ms);
      } else {
        setTimeout(() => {
          // The write reaches the server whatever became of the caller's promise.
          let outcome: () => unknown;
          try {
            const result = this.commit(client, streamName, list, options);
            outcome = () => result;
          } catch (error) {
            outcome = () => {
              throw error;
            };
          }
          settle(outcome);
        }, delay.ms);
      }
    });
  }

  private commit(client: SimulatedEventStoreDb, streamName: string, list: EventData[], options: AppendToStreamOptions) {
    if (this.down) throw Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    if (this.options.follower) throw notLeader();
    if (this.tombstones.has(streamName)) throw new StreamDeletedError(undefined, streamName);
    const size = list.reduce((sum, e) => sum + JSON.stringify(e.data).length + JSON.stringify(e.metadata ?? '').length + e.type.length + 16, 0);
    if (size > this.options.maxAppendSize) throw new MaxAppendSizeExceededError(undefined, this.options.maxAppendSize);
    const own = this.log.filter((e) => e.streamId === streamName);
    const expected: AppendExpectedRevision = options.expectedRevision ?? 'any';
    const idempotent = this.idempotentAnswer(own, list, expected);
    if (idempotent !== undefined) return idempotent;
    const current = own.length === 0 ? ('no_stream' as const) : own[own.length - 1]!.revision;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) {
      if (!client.throwOnAppendFailure) {
        // batchAppend: `BigInt(wrongExpectedVersion.hasCurrentStreamRevision())` — a boolean, so 1n or 0n.
        return { success: false, nextExpectedRevision: current === 'no_stream' ? 0n : 1n, position: undefined };
      }
      throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    }
    let revision = current === 'no_stream' ? -1n : current;
    let last: Stored | undefined;
    for (const e of list) {
      revision++;
      last = this.store({
        streamId: streamName,
        id: e.id,
        type: e.type,
        data: JSON.parse(JSON.stringify(e.data)) as unknown,
        metadata: e.metadata === undefined ? undefined : (JSON.parse(JSON.stringify(e.metadata)) as unknown),
        revision,
      });
      if (this.nextPosition % 3n === 0n) this.writeSystem(); // system writes interleave
    }
    return { success: true, nextExpectedRevision: revision, position: { commit: last!.position, prepare: last!.position } };
  }

  /** The server's idempotency: the same event ids already written where the expectation puts them. */
  private idempotentAnswer(own: Stored[], list: EventData[], expected: AppendExpectedRevision) {
    if (list.length === 0) return undefined;
    const first = own.findIndex((e) => e.id === list[0]!.id);
    if (first < 0) return undefined;
    const placed = expected === 'any' || expected === 'stream_exists' || (expected === 'no_stream' && first === 0) || (typeof expected === 'bigint' && BigInt(first) === expected + 1n);
    if (!placed) return undefined;
    const same = list.every((e, k) => own[first + k]?.id === e.id);
    if (!same) return undefined;
    const last = own[first + list.length - 1]!;
    return { success: true, nextExpectedRevision: last.revision, position: { commit: last.position, prepare: last.position } };
  }

  readStream(streamName: string, { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {}) {
    if (this.down) return failingRead(new UnavailableError(undefined, 'No connection established'));
    if (this.tombstones.has(streamName)) return failingRead(new StreamDeletedError(undefined, streamName));
    const own = this.log.filter((e) => e.streamId === streamName);
    if (own.length === 0) return failingRead(new StreamNotFoundError(undefined, streamName));
    let events: Stored[];
    if (direction === 'forwards') {
      const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? BigInt(own.length) : fromRevision;
      events = own.filter((e) => e.revision >= from);
    } else {
      const from = fromRevision === 'end' ? BigInt(own.length) : fromRevision === 'start' ? 0n : fromRevision;
      events = own.filter((e) => e.revision <= from).reverse();
    }
    return finiteRead(events.slice(0, Number(maxCount)).map(resolved));
  }

  readAll({ fromPosition = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadAllOptions = {}) {
    if (this.down) return failingRead(new UnavailableError(undefined, 'No connection established'));
    let events: Stored[];
    if (direction === 'forwards') {
      const from = fromPosition === 'start' ? 0n : fromPosition === 'end' ? this.nextPosition : fromPosition.commit;
      events = this.log.filter((e) => e.position >= from);
    } else {
      const before = fromPosition === 'end' ? this.nextPosition : fromPosition === 'start' ? 0n : fromPosition.commit;
      events = this.log.filter((e) => e.position < before).reverse();
    }
    return finiteRead(events.slice(0, Number(maxCount)).map(resolved));
  }

  subscribeToAll({ fromPosition = 'start', filter }: SubscribeToAllOptions = {}): SimulatedSubscription {
    // Exclusive: a subscription from a position starts with the event after it.
    const after = fromPosition === 'start' ? -1n : fromPosition === 'end' ? this.nextPosition - 1n : fromPosition.commit;
    const passes = (e: Stored) => {
      if (filter === undefined) return true;
      const subject = filter.filterOn === 'streamName' ? e.streamId : e.type;
      return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
    };
    let cursor = after; // the position of the last event sent
    let caughtUpSent = false;
    let wanted = false;
    const server = this;
    const pump = () => {
      if (!wanted || subscription.destroyed || server.down || server.stalled) return;
      for (;;) {
        const next = server.log.find((e) => e.position > cursor);
        if (next === undefined) {
          if (!caughtUpSent && server.options.sendsCaughtUp) {
            caughtUpSent = true;
            subscription.emit('caughtUp');
          }
          return;
        }
        cursor = next.position;
        if (!passes(next)) continue;
        wanted = subscription.push(resolved(next));
        server.maxBuffered = Math.max(server.maxBuffered, subscription.readableLength);
        if (!wanted) return; // backpressure: the server sends more only when the buffer is read
      }
    };
    const subscription: SimulatedSubscription = Object.assign(
      new Readable({
        objectMode: true,
        highWaterMark: 16,
        read() {
          wanted = true;
          setImmediate(pump);
        },
      }),
      {
        unsubscribe: async () => {
          server.live.delete(live);
        },
      },
    );
    const live: Live = { stream: subscription, wake: () => setImmediate(pump) };
    if (this.down) setImmediate(() => subscription.destroy(new UnavailableError(undefined, 'No connection established')));
    else this.live.add(live);
    return subscription;
  }

  private revisionOf(stream: string): bigint {
    let revision = -1n;
    for (const e of this.log) if (e.streamId === stream) revision = e.revision;
    return revision;
  }

  private store(e: Omit<Stored, 'position'>): Stored {
    const stored = { ...e, position: this.nextPosition };
    this.nextPosition += 100n + BigInt(e.streamId.length); // positions are monotonic, not dense
    this.log.push(stored);
    for (const live of this.live) live.wake();
    return stored;
  }
}

/** NotLeaderError as the client builds it from the server's answer (leader in the call's metadata). */
function notLeader(): NotLeaderError {
  const metadata = { getMap: () => ({ 'leader-endpoint-host': 'leader.local', 'leader-endpoint-port': '2113' }) };
  return new NotLeaderError({ code: 5, details: 'Leader info available', message: '5 NOT_FOUND: Leader info available', metadata } as never);
}

export type SimulatedSubscription = Readable & { unsubscribe(): Promise<void> };

/** A finite read: a Readable the client's StreamingRead stands for, with cancel(). */
function finiteRead(items: object[]) {
  let sent = false;
  const read = new Readable({
    objectMode: true,
    read() {
      if (!sent) for (const item of items) this.push(item);
      sent = true;
      this.push(null);
    },
  });
  return Object.assign(read, { cancel: async () => void read.destroy() });
}

function failingRead(error: Error) {
  const read = new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
  return Object.assign(read, { cancel: async () => void read.destroy() });
}

function hangingRead() {
  const read = new Readable({ objectMode: true, read() {} });
  return Object.assign(read, { cancel: async () => void read.destroy() });
}

/**
 * One client (an EventStoreDBClient). `new SimulatedEventStoreDb()` connects to a server of its own;
 * `server.client()` gives more clients of one server (two app processes, or a replacement client).
 */
export class SimulatedEventStoreDb {
  readonly server: SimulatedServer;
  /** Its first call found the server silent: every call hangs for ever. */
  wedged = false;
  private called = false;
  disposed = false;
  readonly throwOnAppendFailure: boolean;

  constructor(server?: SimulatedServer, throwOnAppendFailure = true) {
    this.server = server ?? new SimulatedServer();
    this.throwOnAppendFailure = throwOnAppendFailure;
    if (server === undefined) this.server.clients.push(this);
  }

  /** Writes the server makes itself (shortcut to the server, for older tests). */
  writeSystem(stream?: string, type?: string): void {
    this.server.writeSystem(stream, type);
  }

  private firstCall(): boolean {
    if (!this.called) {
      this.called = true;
      if (this.server.silent) this.wedged = true;
    }
    return this.wedged;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: AppendToStreamOptions = {}) {
    if (this.disposed) throw new CancelledError(undefined, 'client disposed');
    if (this.firstCall()) return new Promise<never>(() => {});
    return this.server.append(this, streamName, Array.isArray(events) ? events : [events], options);
  }

  readStream(streamName: string, options?: ReadStreamOptions) {
    if (this.firstCall()) return hangingRead();
    return this.server.readStream(streamName, options);
  }

  readAll(options?: ReadAllOptions) {
    if (this.firstCall()) return hangingRead();
    return this.server.readAll(options);
  }

  subscribeToAll(options?: SubscribeToAllOptions) {
    if (this.firstCall()) return Object.assign(hangingRead(), { unsubscribe: async () => {} });
    return this.server.subscribeToAll(options);
  }

  /** Closing the channel cancels its batch-append stream, and the shared promise bank rejects every pending append. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const cancelled = new CancelledError(undefined, 'Cancelled on client');
    if ([...promiseBank].some((p) => p.client === this)) {
      for (const pending of [...promiseBank]) {
        promiseBank.delete(pending);
        pending.reject(cancelled);
      }
    }
  }
}
