import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.js';
import {
  AppendTooLargeError,
  StoreUnavailableError,
  StreamTombstonedError,
  WrongExpectedRevisionError,
} from '../errors.js';
import { fromClientRevision } from './mapping.js';

/** grpc status codes the client may leave unwrapped (it wraps them on reads, not always on appends). */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

const commandError = (error: unknown): error is Error => error instanceof Error && isCommandError(error);

/**
 * Whether a call failed for want of an answer, so that an append may or may not have been written:
 * the client's Unavailable, DeadlineExceeded, Timeout (the server's own commit timeout) and Cancelled
 * errors, grpc's raw ones (an append to a port where nothing listens rejects with the raw code 14), and
 * our own timeout.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  if (neverSent(error)) return false;
  if (isCommandError(error)) {
    return error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof TimeoutError || error instanceof CancelledError;
  }
  const code = (error as { code?: unknown }).code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED || code === GRPC_CANCELLED;
}

/**
 * grpc-js fails a call with UNAVAILABLE "No connection established" when its channel never connected:
 * the request never left, so nothing was written.
 */
function neverSent(error: Error): boolean {
  const details = (error as { details?: unknown }).details;
  return (error as { code?: unknown }).code === GRPC_UNAVAILABLE && typeof details === 'string' && details.startsWith('No connection established');
}

/** An unreachable store, or a call without an answer. */
export function isUnavailable(error: unknown): boolean {
  return isOutcomeUnknown(error) || (error instanceof Error && neverSent(error));
}

export function isStreamNotFound(error: unknown): boolean {
  return commandError(error) && error instanceof StreamNotFoundError;
}

export function isStreamDeleted(error: unknown): boolean {
  return commandError(error) && error instanceof StreamDeletedError;
}

export type AppendContext = { stream: string; expected: ExpectedRevision };

/**
 * Client error → port error. A refused expectation becomes WrongExpectedRevisionError (with the
 * stream's actual revision, undefined when absent); MaxAppendSizeExceeded AppendTooLargeError; a
 * tombstoned stream StreamTombstonedError; NotLeader (a follower refused the write: nothing written)
 * and every error without an answer StoreUnavailableError; anything else is returned unchanged.
 */
export function mapClientError(error: unknown, append?: AppendContext): unknown {
  if (
    error instanceof StoreUnavailableError ||
    error instanceof WrongExpectedRevisionError ||
    error instanceof AppendTooLargeError ||
    error instanceof StreamTombstonedError
  ) {
    return error;
  }
  if (commandError(error)) {
    if (append !== undefined && error instanceof WrongExpectedVersionError) {
      return new WrongExpectedRevisionError(append.stream, append.expected, fromClientRevision(error.actualVersion));
    }
    if (append !== undefined && error instanceof MaxAppendSizeExceededError) {
      return new AppendTooLargeError(append.stream, undefined, error.maxAppendSize);
    }
    if (append !== undefined && error instanceof StreamDeletedError) return new StreamTombstonedError(append.stream);
    if (error instanceof NotLeaderError) {
      return new StoreUnavailableError(
        `EventStoreDB node is not the leader (leader: ${error.leader.address}:${error.leader.port}); nothing was written. Connect with nodePreference=leader`,
        { cause: error },
      );
    }
  }
  if (isUnavailable(error)) {
    return new StoreUnavailableError(`EventStoreDB is unavailable: ${(error as Error).message}`, { cause: error });
  }
  return error;
}
