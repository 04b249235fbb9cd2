import type { ExpectedRevision } from './event-store.js';

/** EventStoreDB's rule, shared by both adapters: does a stream at `actual` (undefined = absent) satisfy `expected`? */
export function satisfies(expected: ExpectedRevision, actual: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === undefined;
    case 'stream_exists':
      return actual !== undefined;
    default:
      return actual === expected;
  }
}

export function isValidExpected(expected: unknown): expected is ExpectedRevision {
  return (
    expected === 'any' ||
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0)
  );
}
