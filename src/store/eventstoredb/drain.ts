import type { StreamingRead } from '@eventstore/db-client';
import { withTimeout } from './timeout.js';

/**
 * Reads a finite client read to its end, handing each item to `onItem`.
 * The timeout is per item (an idle timeout), so a long read of a healthy server
 * is not cut short, while a silent one is abandoned and cancelled.
 * Client errors (StreamNotFoundError included) are rethrown as they come.
 */
export async function drain<E>(
  read: StreamingRead<E>,
  idleMs: number,
  what: string,
  onItem: (item: E) => void,
  onTimeout?: () => void,
): Promise<void> {
  const iterator = read[Symbol.asyncIterator]();
  const abandon = () => {
    read.cancel().catch(() => {});
    read.destroy();
  };
  try {
    for (;;) {
      const next = await withTimeout(iterator.next(), idleMs, what, () => {
        abandon();
        onTimeout?.();
      });
      if (next.done === true) return;
      onItem(next.value);
    }
  } catch (error) {
    abandon();
    throw error;
  }
}
