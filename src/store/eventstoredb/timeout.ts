import { StoreUnavailableError } from '../errors.js';

/**
 * Rejects with StoreUnavailableError when `promise` has not settled within `ms`.
 * Needed because the client's first call to a server that accepts TCP but never
 * answers (its server-features lookup has no deadline) hangs forever.
 * `onTimeout` lets the caller cancel what is left behind.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new StoreUnavailableError(`EventStoreDB did not answer ${what} within ${ms} ms`));
    }, ms);
  });
  promise.catch(() => {}); // a late rejection after the timeout is not unhandled
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
