/**
 * The EventStore port over EventStoreDB / KurrentDB (gRPC, @eventstore/db-client v6).
 *
 * - Revisions and positions: the client's bigints become numbers (revisions, from 0)
 *   and commit positions (bigint). The port's positions are exclusive, EventStoreDB's
 *   inclusive: the event at exactly the given position is skipped.
 * - Every call has its own timeout (default 5 s) → StoreUnavailableError; after a
 *   timeout the client is replaced, since a client whose first call hung stays stuck.
 * - System streams and events ($-prefixed) never reach the port.
 * - Appending the same event ids again with the same expectation is idempotent on
 *   EventStoreDB (it succeeds without writing twice), unlike SQLite's unique-id refusal.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type StreamingRead,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventHandler,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.js';
import { StoreUnavailableError, WrongExpectedRevisionError } from './errors.js';
import { drain } from './eventstoredb/drain.js';
import { isStreamNotFound, mapClientError, type AppendContext } from './eventstoredb/error-mapping.js';
import {
  checkedMaxCount,
  commitPositionOf,
  fromResolved,
  isAfter,
  isSystem,
  matchesPrefixes,
  satisfiesExpected,
  toClientExpected,
  toClientPosition,
  toClientReadStreamOptions,
  toEventData,
} from './eventstoredb/mapping.js';
import { EventStoreDbSubscription, type SubscriptionLogger } from './eventstoredb/subscription.js';
import { withTimeout } from './eventstoredb/timeout.js';

export type EventStoreDbOptions = {
  /** The part of a pino logger the store uses. */
  logger?: SubscriptionLogger;
  /** Longest wait for one answer of the server (default 5000 ms). */
  timeoutMs?: number;
  /** Waits before a dropped subscription resubscribes (default 250 ms doubling to 10 s). */
  retryDelayMs?: { first: number; max: number };
};

/** Events per page of $all reads. */
const PAGE = 500;
const FIRST_BACKWARDS_PAGE = 20;

export async function openEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<EventStoreDbEventStore> {
  // Parse now, so a malformed connection string fails at startup rather than on first use.
  const client = EventStoreDBClient.connectionString(connectionString);
  return new EventStoreDbEventStore(connectionString, client, options);
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private client: EventStoreDBClient;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  /** Calls under way, which close() lets finish (each is bounded by its timeout). */
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly connectionString: string,
    client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions,
  ) {
    this.client = client;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertStreamName(stream);
    const expectedRevision = toClientExpected(expected);
    const data = events.map(toEventData);
    if (data.length === 0) return this.checkOnly(stream, expected);
    const context: AppendContext = { stream, expected };
    const result = await this.call(
      `append to ${stream}`,
      (client) => client.appendToStream(stream, data, { expectedRevision }),
      context,
    );
    const position = result.position?.commit ?? (await this.lastOf(stream))?.position ?? 0n;
    return { nextRevision: Number(result.nextExpectedRevision), position };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const clientOptions = toClientReadStreamOptions(options);
    if (clientOptions.maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    await this.read(`read of ${stream}`, (client) => client.readStream(stream, clientOptions), (resolved) => {
      const event = fromResolved(resolved);
      if (event !== undefined) events.push(event);
    });
    return events;
  }

  async streamRevision(stream: string): Promise<number | undefined> {
    return (await this.lastOf(stream))?.revision;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const max = options.maxCount === undefined ? Infinity : checkedMaxCount(options.maxCount);
    const events: RecordedEvent[] = [];
    let after = options.fromPosition;
    while (events.length < max) {
      const fromPosition: ReadPosition = after === undefined ? START : toClientPosition(after);
      let count = 0;
      let lastSeen: bigint | undefined;
      // readAll in client v6 has no server-side filter: system events and prefixes are filtered here.
      await this.read('read of $all', (client) => client.readAll({ fromPosition, direction: FORWARDS, maxCount: PAGE }), (resolved) => {
        count++;
        const event = fromResolved(resolved);
        lastSeen = commitPositionOf(resolved);
        if (event === undefined || !isAfter(event, after) || events.length >= max) return;
        if (matchesPrefixes(event.stream, options.streamPrefixes)) events.push(event);
      });
      if (count < PAGE || lastSeen === undefined || (after !== undefined && lastSeen <= after)) break;
      after = lastSeen;
    }
    return events;
  }

  async headPosition(): Promise<bigint> {
    return this.lastPositionOf(undefined, undefined);
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const subscription = new EventStoreDbSubscription(
      {
        client: () => this.client,
        backlogHead: (prefixes, downTo) => this.lastPositionOf(prefixes, downTo),
        ...(this.options.logger ? { logger: this.options.logger } : {}),
        ...(this.options.retryDelayMs ? { retryDelayMs: this.options.retryDelayMs } : {}),
      },
      handler,
      options,
      (ended) => this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await Promise.allSettled([...this.inflight]);
    await this.client.dispose().catch(() => {});
  }

  /** An empty append writes nothing: it only checks the expectation, as SQLite does. */
  private async checkOnly(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await this.lastOf(stream);
    if (!satisfiesExpected(expected, last?.revision)) {
      throw new WrongExpectedRevisionError(stream, expected, last?.revision);
    }
    return { nextRevision: last?.revision ?? -1, position: last?.position ?? 0n };
  }

  /** Revision and position of a stream's last event (system types included), undefined when absent. */
  private async lastOf(stream: string): Promise<{ revision: number; position: bigint } | undefined> {
    let last: { revision: number; position: bigint } | undefined;
    await this.read(
      `read of ${stream}`,
      (client) => client.readStream(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 }),
      (resolved) => {
        if (resolved.event !== undefined) {
          last = { revision: Number(resolved.event.revision), position: commitPositionOf(resolved) };
        }
      },
    );
    return last;
  }

  /**
   * Position of the last non-system event whose stream matches `prefixes`, paging
   * backwards through $all and stopping at `downTo` (nothing before it matters); 0n when none.
   */
  private async lastPositionOf(prefixes: string[] | undefined, downTo: bigint | undefined): Promise<bigint> {
    let before: bigint | undefined;
    for (;;) {
      const fromPosition: ReadPosition = before === undefined ? END : toClientPosition(before);
      // The answer is usually among the last few events: a small first page.
      const size = before === undefined ? FIRST_BACKWARDS_PAGE : PAGE;
      let count = 0;
      let lastSeen: bigint | undefined;
      let found: bigint | undefined;
      await this.read(
        'backwards read of $all',
        (client) => client.readAll({ fromPosition, direction: BACKWARDS, maxCount: size }),
        (resolved: AllStreamResolvedEvent) => {
          count++;
          const position = commitPositionOf(resolved);
          lastSeen = position;
          const event = resolved.event;
          if (found !== undefined || event === undefined || (before !== undefined && position >= before)) return;
          if (!isSystem(event.streamId, event.type) && matchesPrefixes(event.streamId, prefixes)) found = position;
        },
      );
      if (found !== undefined) return found;
      if (count < size || lastSeen === undefined || (before !== undefined && lastSeen >= before)) return 0n;
      if (downTo !== undefined && lastSeen <= downTo) return 0n;
      before = lastSeen;
    }
  }

  /** One request/response call under the store's timeout, its errors mapped to the port's. */
  private async call<T>(what: string, action: (client: EventStoreDBClient) => Promise<T>, append?: AppendContext): Promise<T> {
    this.assertOpen();
    const client = this.client;
    try {
      return await this.track(withTimeout(action(client), this.timeoutMs, what, () => this.replaceClient(client)));
    } catch (error) {
      throw this.mapError(error, client, append);
    }
  }

  /** A streamed read under an idle timeout; a stream that does not exist reads as nothing. */
  private async read<E>(what: string, open: (client: EventStoreDBClient) => StreamingRead<E>, onItem: (item: E) => void): Promise<void> {
    this.assertOpen();
    const client = this.client;
    try {
      await this.track(drain(open(client), this.timeoutMs, what, onItem, () => this.replaceClient(client)));
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw this.mapError(error, client);
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    promise.then(
      () => this.inflight.delete(promise),
      () => this.inflight.delete(promise),
    );
    return promise;
  }

  private mapError(error: unknown, client: EventStoreDBClient, append?: AppendContext): unknown {
    const mapped = mapClientError(error, append);
    // A call cut off because its client was replaced (or closed) failed for want of the store.
    const ours = mapped instanceof StoreUnavailableError || mapped instanceof WrongExpectedRevisionError;
    if (!ours && (client !== this.client || this.closed) && !(error instanceof TypeError)) {
      return new StoreUnavailableError(`EventStoreDB call interrupted: ${String((error as Error)?.message ?? error)}`, { cause: error });
    }
    return mapped;
  }

  /**
   * After a timeout the client may be stuck for good (its cached server-features
   * lookup never settles), so later calls get a fresh one and subscriptions move to it.
   */
  private replaceClient(stale: EventStoreDBClient): void {
    if (this.closed || this.client !== stale) return;
    this.client = EventStoreDBClient.connectionString(this.connectionString);
    stale.dispose().catch(() => {});
    for (const subscription of this.subscriptions) subscription.interrupt();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the EventStoreDB event store is closed');
  }
}

function assertStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream === '') throw new TypeError('stream name must be a non-empty string');
  if (stream.startsWith('$')) throw new TypeError(`stream ${stream} is a system stream`);
}
