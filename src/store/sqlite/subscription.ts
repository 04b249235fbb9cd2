import type { EventHandler, RecordedEvent, Subscription } from '../event-store.js';
import { Once } from '../once.js';

export type SubscriptionLogger = { error(obj: object, msg?: string): void };

export type SubscriptionSource = {
  /** Committed events strictly after `after`, in global order, at most `max`. */
  readPage(after: bigint, max: number): RecordedEvent[];
  /** The head position now (the backlog bound for caughtUp). */
  head(): bigint;
};

const PAGE_SIZE = 500;
/** Idle subscriptions look again this often, to see appends made by another process (the CLI). */
const POLL_MS = 1000;

/**
 * A catch-up subscription over the SQLite store: it pages through what is committed,
 * then sleeps until the store calls `notify()` after a commit (or, for appends by another
 * process on the same file, until the next poll), then pages again from
 * the last delivered position. One loop per subscription, so delivery is strictly in
 * order, one event at a time, without gaps or repeats.
 *
 * A handler that throws (or rejects) stops the subscription: the error is logged,
 * `caughtUp` rejects with it if it was still pending, and `done` rejects with it.
 * Stopping before the backlog is delivered rejects `caughtUp` too, so nobody waits forever.
 */
export class SqliteSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private readonly backlog = new Once();
  /** Settles when the loop has ended: resolves after stop(), rejects with a handler error. */
  readonly done: Promise<void>;
  private position: bigint;
  private readonly backlogHead: bigint;
  private stopped = false;
  private pending = true; // something may have been committed since the last page
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    fromPosition: bigint,
    private readonly logger: SubscriptionLogger | undefined,
    private readonly onEnd: (sub: SqliteSubscription) => void,
  ) {
    this.position = fromPosition;
    this.backlogHead = source.head();
    this.caughtUp = this.backlog.promise;
    this.done = this.run().finally(() => this.onEnd(this));
    this.done.catch(() => {});
  }

  /**
   * Called by the store after each commit, with the commit's last position. A waiting subscription
   * already moved past it (skipTo: its events were handed over) has nothing to read and sleeps on.
   */
  notify(upTo?: bigint): void {
    if (upTo !== undefined && this.wake !== undefined && upTo <= this.position) return;
    this.pending = true;
    this.wake?.();
  }

  skipTo(position: bigint): void {
    // Only while waiting: a page in hand is delivered from where it is, and sets the position itself.
    if (this.wake !== undefined && position > this.position) this.position = position;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // Do not await stop() from inside the handler: the loop is waiting for that handler.
    await this.done.catch(() => {});
  }

  private async run(): Promise<void> {
    try {
      // Let the caller attach to caughtUp/done before the first delivery.
      await Promise.resolve();
      while (!this.stopped) {
        this.pending = false;
        const page = this.source.readPage(this.position, PAGE_SIZE);
        for (const event of page) {
          if (this.stopped) break;
          await this.handler(event);
          this.position = event.position;
          if (this.position >= this.backlogHead) this.backlog.resolve();
        }
        if (this.stopped) break;
        if (page.length < PAGE_SIZE) {
          // Everything committed when the page was read has been delivered.
          this.backlog.resolve();
          if (!this.pending) {
            let timer: NodeJS.Timeout | undefined;
            await new Promise<void>((resolve) => {
              this.wake = resolve;
              timer = setTimeout(resolve, POLL_MS);
              timer.unref();
            });
            clearTimeout(timer);
          }
          this.wake = undefined;
        }
      }
      this.backlog.reject(new Error('subscription stopped before it caught up'));
    } catch (error) {
      this.logger?.error(
        { err: error, position: String(this.position) },
        'event store subscription failed and was stopped',
      );
      this.stopped = true;
      this.backlog.reject(error);
      throw error;
    }
  }
}
