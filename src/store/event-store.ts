/**
 * The event store port. Three adapters implement it: the embedded SQLite store
 * (src/store/sqlite-event-store.ts), EventStoreDB/KurrentDB
 * (src/store/eventstoredb-event-store.ts) and PostgreSQL (src/store/postgres-event-store.ts).
 * All pass test/contract/.
 *
 * Numbering follows EventStoreDB: the first event of a stream has revision 0,
 * so an ETag means the same thing on both adapters.
 */

import type { NewEvent, RecordedEvent } from '../../domain/recorded-event.js';

/** The recorded-event types belong to the domain; re-exported so that imports of the port keep working. */
export type { EventMetadata, NewEvent, RecordedEvent } from '../../domain/recorded-event.js';

export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export type AppendResult = {
  /** Revision of the last event written. */
  nextRevision: number;
  /** Global position of the last event written. */
  position: bigint;
};

export type ReadStreamOptions = {
  fromRevision?: number | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
};

export type ReadAllOptions = {
  /** Exclusive: events strictly after this position. Omitted: from the beginning. */
  fromPosition?: bigint;
  maxCount?: number;
  /** Only events whose stream name starts with one of these prefixes. */
  streamPrefixes?: string[];
};

export type ReadByStreamOptions = {
  /** Inclusive: only events at or before this position. */
  toPosition: bigint;
  /** Exclusive keyset: events after this stream and revision (streams compare bytewise). Omitted: from the first stream. */
  after?: { stream: string; revision: number };
  maxCount: number;
  /** Only events whose stream name starts with one of these prefixes. */
  streamPrefixes?: string[];
};

export type SubscribeOptions = {
  /** Exclusive checkpoint: deliver events strictly after it. Omitted: from the beginning. */
  fromPosition?: bigint;
  streamPrefixes?: string[];
};

export type Subscription = {
  /** Resolves once the backlog existing at subscribe time has been delivered. */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
  /**
   * Optional: the caller has had every event up to `position` another way (onCommitted); a subscription
   * waiting for new events need not read those back.
   */
  skipTo?(position: bigint): void;
};

/**
 * Handler for a subscription. Events arrive in global order, one at a time:
 * the next is not delivered before the returned promise settles.
 */
export type EventHandler = (event: RecordedEvent) => void | Promise<void>;

export type CommitListener = (events: readonly RecordedEvent[], after: bigint) => void;

export interface EventStore {
  readonly kind: 'sqlite' | 'eventstoredb' | 'postgres';
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Events of one stream; an empty array when the stream does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Current revision of a stream, or undefined when it does not exist. */
  streamRevision(stream: string): Promise<number | undefined>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Optional: the events up to a position ordered by stream, then revision, instead of global order.
   * A rebuild of read models that depend on one stream each folds one stream after another with it,
   * holding one stream's state at a time, however the streams are interleaved in the log.
   */
  readAllByStream?(options: ReadByStreamOptions): Promise<RecordedEvent[]>;
  /** Position of the last event in the store (0n when empty). */
  headPosition(): Promise<bigint>;
  /**
   * A stable id of the store's data (e.g. its first event's id), undefined while the store is empty,
   * different once the data is wiped and written again. Read models record it with their checkpoints:
   * checkpoints of another store's data are worthless.
   */
  identity(): Promise<string | undefined>;
  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /**
   * Optional: calls `listener` with the events of every commit made through this instance, once they
   * are durable and before their appends are answered, with the position just before the first of
   * them. A projection in the same process applies them at once instead of reading them back (its
   * subscription still covers other processes' commits). Returns a function that stops the calls.
   */
  onCommitted?(listener: CommitListener): () => void;
  close(): Promise<void>;
}
