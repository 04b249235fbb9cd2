/**
 * The EventStore port over EventStoreDB / KurrentDB (gRPC, @eventstore/db-client v6).
 *
 * - Revisions and positions: the client's bigints become numbers (revisions, from 0)
 *   and commit positions (bigint). The port's positions are exclusive, EventStoreDB's
 *   inclusive: the event at exactly the given position is skipped.
 * - Every call has its own timeout (default 5 s) → StoreUnavailableError. A timeout alone does not
 *   replace the client (that would cut off every call under way): a probe is sent, and only when it
 *   times out too is the client wedged and replaced.
 * - An append whose answer never came (timeout, cancelled, unavailable) may have been written: it is
 *   sent again with the same event ids and expectation, which the server answers idempotently
 *   (written once); when that fails too the outcome is unknown (StoreOutcomeUnknownError).
 * - An append over the server's MaxAppendSize (1 MiB by default) is refused before it is sent.
 * - A tombstoned stream reads as absent (empty); appending to it is refused (StreamTombstonedError).
 * - System streams and events ($-prefixed) never reach the port.
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
import { AppendTooLargeError, StoreOutcomeUnknownError, StoreUnavailableError, WrongExpectedRevisionError } from './errors.js';
import { drain } from './eventstoredb/drain.js';
import { isOutcomeUnknown, isStreamDeleted, isStreamNotFound, mapClientError, type AppendContext } from './eventstoredb/error-mapping.js';
import { appendBytes, clientConnectionString } from './eventstoredb/limits.js';
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
  /** Waits before a dropped subscription resubscribes (default 250 ms doubling to 2 s). */
  retryDelayMs?: { first: number; max: number };
  /** Largest append sent, in bytes of JSON (default 1 MiB, the server's default MaxAppendSize). */
  maxAppendBytes?: number;
  /** Makes a client (default: from the connection string); tests pass an imitation's. */
  connect?: () => EventStoreDBClient;
};

/** The server's default MaxAppendSize. */
export const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;

/** Events per page of $all reads. */
const PAGE = 500;
const FIRST_BACKWARDS_PAGE = 20;

export async function openEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<EventStoreDbEventStore> {
  // Parse now, so a malformed connection string fails at startup rather than on first use.
  const parsed = clientConnectionString(connectionString);
  const connect = options.connect ?? (() => EventStoreDBClient.connectionString(parsed));
  return new EventStoreDbEventStore(parsed, connect(), { ...options, connect });
}

export class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private client: EventStoreDBClient;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  /** Calls under way, which close() lets finish (each is bounded by its timeout). */
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly maxAppendBytes: number;
  private readonly connect: () => EventStoreDBClient;
  /** A probe of the current client under way, after one of its calls timed out. */
  private probing: Promise<void> | undefined;

  constructor(
    private readonly connectionString: string,
    client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions,
  ) {
    this.client = client;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
    this.connect = options.connect ?? (() => EventStoreDBClient.connectionString(clientConnectionString(connectionString)));
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    assertStreamName(stream);
    const expectedRevision = toClientExpected(expected);
    const data = events.map(toEventData);
    if (data.length === 0) return this.checkOnly(stream, expected);
    const bytes = appendBytes(data);
    if (bytes > this.maxAppendBytes) throw new AppendTooLargeError(stream, bytes, this.maxAppendBytes);
    const context: AppendContext = { stream, expected };
    const send = (what: string) =>
      this.call(what, (client) => client.appendToStream(stream, data, { expectedRevision }), context, { raw: true });
    let result: AppendResult;
    try {
      result = await this.answerOf(await send(`append to ${stream}`), context);
    } catch (error) {
      if (!isOutcomeUnknown(error)) throw this.mapError(error, context);
      // No answer: it may be written, or be written yet. The same ids again are written at most once.
      await this.probing;
      try {
        result = await this.answerOf(await send(`append to ${stream} (sent again)`), context);
      } catch (again) {
        if (!isOutcomeUnknown(again)) throw this.mapError(again, context);
        throw new StoreOutcomeUnknownError(
          `EventStoreDB did not answer the append to ${stream} (${messageOf(error)}; sent again: ${messageOf(again)}): it may have been written`,
          { cause: again },
        );
      }
    }
    return result;
  }

  /**
   * A stable id of the store's data: the id of the first of our events in $all; undefined while there
   * is none. Wiping the server's data starts a new log, so a new first event.
   */
  async identity(): Promise<string | undefined> {
    let after: bigint | undefined;
    for (;;) {
      const fromPosition: ReadPosition = after === undefined ? START : toClientPosition(after);
      let count = 0;
      let lastSeen: bigint | undefined;
      let found: string | undefined;
      await this.read('read of $all', (client) => client.readAll({ fromPosition, direction: FORWARDS, maxCount: PAGE }), (resolved) => {
        count++;
        lastSeen = commitPositionOf(resolved);
        if (found === undefined && resolved.event !== undefined && !isSystem(resolved.event.streamId, resolved.event.type)) {
          found = resolved.event.id;
        }
      });
      if (found !== undefined) return found;
      if (count < PAGE || lastSeen === undefined || (after !== undefined && lastSeen <= after)) return undefined;
      after = lastSeen;
    }
  }

  /** The client's answer to an append: `success: false` (throwOnAppendFailure=false) is a conflict, its revision unreliable. */
  private async answerOf(
    result: { success: boolean; nextExpectedRevision: bigint; position?: { commit: bigint } | undefined },
    context: AppendContext,
  ): Promise<AppendResult> {
    if (!result.success) {
      throw new WrongExpectedRevisionError(context.stream, context.expected, (await this.lastOf(context.stream))?.revision);
    }
    const position = result.position?.commit ?? (await this.lastOf(context.stream))?.position ?? 0n;
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

  /**
   * One request/response call under the store's timeout, its errors mapped to the port's (or left as
   * they are with `raw`, for the caller to tell an unknown outcome from a refusal).
   */
  private async call<T>(what: string, action: (client: EventStoreDBClient) => Promise<T>, append?: AppendContext, opts: { raw?: boolean } = {}): Promise<T> {
    this.assertOpen();
    const client = this.client;
    try {
      return await this.track(withTimeout(action(client), this.timeoutMs, what, () => this.suspect(client)));
    } catch (error) {
      if (opts.raw) throw error;
      throw this.mapError(error, append, client);
    }
  }

  /** A streamed read under an idle timeout; a stream that does not exist reads as nothing. */
  private async read<E>(what: string, open: (client: EventStoreDBClient) => StreamingRead<E>, onItem: (item: E) => void): Promise<void> {
    this.assertOpen();
    const client = this.client;
    try {
      await this.track(drain(open(client), this.timeoutMs, what, onItem, () => this.suspect(client)));
    } catch (error) {
      // A tombstoned stream reads as absent, as the port says of absent streams.
      if (isStreamNotFound(error) || isStreamDeleted(error)) return;
      throw this.mapError(error, undefined, client);
    }
    // A client disposed under a read ends it early, without an error: what was read is not the whole.
    if (client !== this.client || this.closed) throw new StoreUnavailableError(`EventStoreDB ${what} interrupted: its client was replaced`);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    promise.then(
      () => this.inflight.delete(promise),
      () => this.inflight.delete(promise),
    );
    return promise;
  }

  private mapError(error: unknown, append?: AppendContext, client: EventStoreDBClient = this.client): unknown {
    const mapped = mapClientError(error, append);
    // A call cut off because its client was replaced (or closed) failed for want of the store.
    const ours = mapped !== error || mapped instanceof StoreUnavailableError;
    if (!ours && (client !== this.client || this.closed) && !(error instanceof TypeError)) {
      return new StoreUnavailableError(`EventStoreDB call interrupted: ${String((error as Error)?.message ?? error)}`, { cause: error });
    }
    return mapped;
  }

  /**
   * A call of `client` timed out. A slow answer is no reason to cut off the calls under way, but a
   * client whose first call hung stays stuck for good (its cached server-features lookup never
   * settles): a probe tells them apart, and only a client whose probe times out too is replaced.
   */
  private suspect(client: EventStoreDBClient): void {
    if (this.closed || this.client !== client || this.probing !== undefined) return;
    const probe = drain(
      client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }),
      this.timeoutMs,
      'probe of a slow EventStoreDB client',
      () => {},
      () => this.replaceClient(client),
    ).catch(() => {});
    this.probing = probe.finally(() => (this.probing = undefined));
  }

  /** Later calls get a fresh client and subscriptions move to it. */
  private replaceClient(stale: EventStoreDBClient): void {
    if (this.closed || this.client !== stale) return;
    this.client = this.connect();
    this.options.logger?.warn?.({}, 'EventStoreDB client stopped answering; replaced by a new one');
    stale.dispose().catch(() => {});
    for (const subscription of this.subscriptions) subscription.interrupt();
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the EventStoreDB event store is closed');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function assertStreamName(stream: string): void {
  if (typeof stream !== 'string' || stream === '') throw new TypeError('stream name must be a non-empty string');
  if (stream.startsWith('$')) throw new TypeError(`stream ${stream} is a system stream`);
}
