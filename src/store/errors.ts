import type { ExpectedRevision } from './event-store.js';

/** An append whose expected revision does not match the stream. Nothing was written. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual revision, or undefined when it does not exist. */
    readonly actual: number | undefined,
  ) {
    super(
      `stream ${stream}: expected ${describe(expected)}, but it is ${
        actual === undefined ? 'absent' : `at revision ${actual}`
      }`,
    );
  }
}

/** The store cannot be reached or answered too late. */
export class StoreUnavailableError extends Error {
  override readonly name: string = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function describe(expected: ExpectedRevision): string {
  if (typeof expected === 'number') return `revision ${expected}`;
  return expected === 'no_stream' ? 'no stream' : expected === 'stream_exists' ? 'an existing stream' : 'any';
}

/**
 * An append whose answer never came (a timeout, a cancelled or dropped call) and that could not be
 * settled by asking again: it may or may not have been written. Retrying it with the same
 * Idempotency-Key finds out.
 */
export class StoreOutcomeUnknownError extends StoreUnavailableError {
  override readonly name = 'StoreOutcomeUnknownError';
}

/** An append larger than the store accepts at once (EventStoreDB: MaxAppendSize, 1 MiB by default). Nothing was written. */
export class AppendTooLargeError extends Error {
  override readonly name = 'AppendTooLargeError';
  constructor(
    readonly stream: string,
    readonly bytes: number | undefined,
    readonly limit: number,
  ) {
    super(`append to ${stream} is ${bytes === undefined ? 'larger than' : `${bytes} bytes, over`} the store's limit of ${limit} bytes per append`);
  }
}

/** An append to a stream an operator tombstoned (deleted for good): it can never be written again. Nothing was written. */
export class StreamTombstonedError extends Error {
  override readonly name = 'StreamTombstonedError';
  constructor(readonly stream: string) {
    super(`stream ${stream} was deleted for good (tombstoned) in the event store; it cannot be written again`);
  }
}
