/**
 * An event as the domain sees it once recorded: what happened (type, data), who and when (metadata),
 * and where it sits in its stream and in the store's global order. The event store port
 * (src/store/event-store.ts) stores and reads these; nothing here knows how.
 */

export type EventMetadata = {
  /** Who recorded the fact (from the request, never the body). */
  actor: string;
  /** ISO-8601 timestamp with offset, from the injected clock. */
  recordedAt: string;
  /** ISO-8601 timestamp (or date) the fact takes effect in business time. */
  effectiveAt?: string;
  /** Why, for changes and corrections. */
  reason?: string;
  correlationId: string;
  causationId: string;
};

/** An event as it is handed to append. */
export type NewEvent = {
  id: string; // uuid
  type: string;
  data: unknown;
  metadata: EventMetadata;
};

/** An event as it is read back. */
export type RecordedEvent = NewEvent & {
  stream: string;
  revision: number;
  /** Position in the store's global order ($all). Monotonic, not necessarily dense. */
  position: bigint;
};
