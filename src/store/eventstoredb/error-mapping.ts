import {
  DeadlineExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.js';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { fromClientRevision } from './mapping.js';

/** grpc status codes the client may leave unwrapped (it wraps them on reads, not always on appends). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * Whether the store could not be reached: the client's UnavailableError or
 * DeadlineExceededError, or grpc's raw Error with code 14 (an append to a port
 * where nothing listens rejects with the raw one).
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (isCommandError(error)) return error instanceof UnavailableError || error instanceof DeadlineExceededError;
  const code = (error as { code?: unknown }).code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && error instanceof StreamNotFoundError;
}

export type AppendContext = { stream: string; expected: ExpectedRevision };

/**
 * Client error → port error. A refused expectation becomes WrongExpectedRevisionError
 * (with the stream's actual revision, undefined when absent), an unreachable store
 * StoreUnavailableError; anything else is returned unchanged.
 */
export function mapClientError(error: unknown, append?: AppendContext): unknown {
  if (error instanceof StoreUnavailableError || error instanceof WrongExpectedRevisionError) return error;
  if (append !== undefined && error instanceof Error && isCommandError(error) && error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(append.stream, append.expected, fromClientRevision(error.actualVersion));
  }
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
