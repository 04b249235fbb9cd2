/**
 * Pure translations between the EventStore port and @eventstore/db-client v6.
 * No I/O here, so every rule is unit-tested without a server.
 */
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  jsonEvent,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type EventData,
  type JSONType,
  type Position,
  type ReadStreamOptions as ClientReadStreamOptions,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.js';

/** Port expectation → client expectation. A number is the revision of the last event (never -1: use 'no_stream'). */
export function toClientExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) {
        throw new TypeError(`expected revision must be a non-negative integer, 'no_stream', 'stream_exists' or 'any', got ${String(expected)}`);
      }
      return BigInt(expected);
  }
}

/** Whether a stream at `actual` (undefined: absent) satisfies `expected`; used where the server is not asked. */
export { satisfies as satisfiesExpected } from '../expected-revision.js';

/** The client's current revision (bigint, or 'no_stream') → the port's (number, or undefined when absent). */
export function fromClientRevision(revision: bigint | 'no_stream' | undefined): number | undefined {
  if (revision === undefined || revision === 'no_stream' || revision < 0n) return undefined;
  return Number(revision);
}

/**
 * Port read options → client read options. Reading backwards without a start
 * starts at the END (the client would start at START and return one event at most).
 */
export function toClientReadStreamOptions(options: ReadStreamOptions = {}): ClientReadStreamOptions {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? 'end' : 'start');
  let fromRevision: ClientReadStreamOptions['fromRevision'];
  if (from === 'start') fromRevision = START;
  else if (from === 'end') fromRevision = END;
  else {
    if (!Number.isSafeInteger(from) || from < 0) {
      throw new TypeError(`fromRevision must be a non-negative integer, 'start' or 'end', got ${String(from)}`);
    }
    fromRevision = BigInt(from);
  }
  const result: ClientReadStreamOptions = { fromRevision, direction: backwards ? BACKWARDS : FORWARDS };
  if (options.maxCount !== undefined) result.maxCount = checkedMaxCount(options.maxCount);
  return result;
}

export function checkedMaxCount(maxCount: number): number {
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new TypeError(`maxCount must be a non-negative integer, got ${String(maxCount)}`);
  }
  return maxCount;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Port event → client JSON event, metadata stored as the event's JSON metadata.
 * Everything the client would fail on later (inside a promise that never settles,
 * for a bigint in batchAppend) is refused here with a TypeError.
 */
export function toEventData(event: NewEvent): EventData {
  if (!UUID.test(event.id)) throw new TypeError(`event id must be a UUID, got ${JSON.stringify(event.id)}`);
  if (typeof event.type !== 'string' || event.type === '') throw new TypeError('event type must be a non-empty string');
  if (event.type.startsWith('$')) throw new TypeError(`event type ${event.type} is reserved for system events`);
  assertJson(event.data, `data of event ${event.id}`);
  const metadata = metadataToJson(event.metadata);
  assertJson(metadata, `metadata of event ${event.id}`);
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

function assertJson(value: unknown, what: string): void {
  // JSON.stringify throws a TypeError on bigint and returns undefined for undefined/functions.
  if (JSON.stringify(value) === undefined) throw new TypeError(`${what} cannot be written as JSON`);
}

const OPTIONAL_METADATA = ['effectiveAt', 'reason'] as const;

function metadataToJson(metadata: EventMetadata): Record<string, string> {
  const json: Record<string, string> = {
    actor: metadata.actor,
    recordedAt: metadata.recordedAt,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    // The names the server's own projections ($by_correlation_id) read.
    $correlationId: metadata.correlationId,
    $causationId: metadata.causationId,
  };
  for (const key of OPTIONAL_METADATA) {
    const value = metadata[key];
    if (value !== undefined) json[key] = value;
  }
  return json;
}

/** Stored JSON metadata → port metadata; optional fields stay absent when they were absent. */
export function metadataFromJson(stored: unknown): EventMetadata {
  const source = stored !== null && typeof stored === 'object' && !(stored instanceof Uint8Array) ? (stored as Record<string, unknown>) : {};
  const text = (key: string): string => (typeof source[key] === 'string' ? (source[key] as string) : '');
  const metadata: EventMetadata = {
    actor: text('actor'),
    recordedAt: text('recordedAt'),
    correlationId: text('correlationId'),
    causationId: text('causationId'),
  };
  for (const key of OPTIONAL_METADATA) {
    const value = source[key];
    if (typeof value === 'string') metadata[key] = value;
  }
  return metadata;
}

/** System streams and events ($-prefixed: $stats, $settings, $>, projections' links) are not ours. */
export function isSystem(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

/** Literal, case-sensitive prefix match; no prefixes (or an empty one) matches every stream. */
export function matchesPrefixes(stream: string, prefixes: readonly string[] | undefined): boolean {
  if (prefixes === undefined || prefixes.length === 0) return true;
  return prefixes.some((prefix) => stream.startsWith(prefix));
}

/** Prefixes worth a server-side filter: undefined when every stream matches anyway. */
export function serverPrefixes(prefixes: readonly string[] | undefined): string[] | undefined {
  if (prefixes === undefined || prefixes.length === 0 || prefixes.includes('')) return undefined;
  return [...new Set(prefixes)];
}

// Stream reads on servers before 22.6 carry no position, or the "unknown" sentinel 2^64-1.
const UNKNOWN_POSITION = 2n ** 63n;

/** The commit position of a read event; 0n when the server did not report one. */
export function commitPositionOf(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  return commit !== undefined && commit >= 0n && commit < UNKNOWN_POSITION ? commit : 0n;
}

/**
 * An EventStoreDB position for a port position. Events appended through gRPC are
 * committed implicitly: their commit and prepare positions are both the event's own
 * log position (EventStore AllReader: CommitEventRecord(eventRecord, eventRecord.LogPosition)),
 * so the commit position alone rebuilds the full position.
 */
export function toClientPosition(commit: bigint): Position {
  return { commit, prepare: commit };
}

/** A read event → RecordedEvent; undefined for system events and unresolved links. */
export function fromResolved(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (event === undefined || isSystem(event.streamId, event.type)) return undefined;
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: metadataFromJson(event.metadata),
    stream: event.streamId,
    revision: Number(event.revision),
    position: commitPositionOf(resolved),
  };
}

/**
 * Keeps the port's exclusive `fromPosition` where EventStoreDB's is inclusive:
 * an event at exactly `after` (or before it) was already seen.
 */
export function isAfter(event: { position: bigint }, after: bigint | undefined): boolean {
  return after === undefined || event.position > after;
}
