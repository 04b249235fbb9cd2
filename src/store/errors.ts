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
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

function describe(expected: ExpectedRevision): string {
  if (typeof expected === 'number') return `revision ${expected}`;
  return expected === 'no_stream' ? 'no stream' : expected === 'stream_exists' ? 'an existing stream' : 'any';
}
