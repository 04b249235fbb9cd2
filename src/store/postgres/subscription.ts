import type { EventHandler, RecordedEvent, Subscription } from '../event-store.js';
import { Once } from '../once.js';

export type SubscriptionLogger = { error(obj: object, msg?: string): void };

export type SubscriptionSource = {
  /** Committed events strictly after `after`, in global order, at most `max`. */
  readPage(after: bigint, max: number): Promise<RecordedEvent[]>;
  /** The head position now (the backlog bound for caughtUp). */
  head(): Promise<bigint>;
};

const PAGE_SIZE = 500;
/**
 * Idle subscriptions read again this often even without a notification: NOTIFY is not delivered while
 * the listening connection is down (it reconnects), so polling bounds how late another server's commit
 * can arrive.
 */
export const POLL_MS = 500;

/**
 * A catch-up subscription over the PostgreSQL store: pages through what is committed, then sleeps
 * until `notify()` (a commit through this store, or a NOTIFY from another process's) or the next
 * poll, then pages again from the last delivered position. Positions commit in order (append.ts), so
 * reading `position > last` never skips one. One loop per subscription: strictly in order, one event at
 * a time. A handler that throws stops the subscription (logged; `caughtUp` and `done` reject with it).
 */
export class PgSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private readonly backlog = new Once();
  /** Settles when the loop has ended: resolves after stop(), rejects with a handler error. */
  readonly done: Promise<void>;
  private position: bigint;
  private stopped = false;
  private pending = true;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    fromPosition: bigint,
    private readonly logger: SubscriptionLogger | undefined,
    private readonly onEnd: (sub: PgSubscription) => void,
  ) {
    this.position = fromPosition;
    this.caughtUp = this.backlog.promise;
    this.done = this.run().finally(() => this.onEnd(this));
    this.done.catch(() => {});
  }

  /** A commit up to `upTo` is visible (undefined: something may be). */
  notify(upTo?: bigint): void {
    if (upTo !== undefined && this.wake !== undefined && upTo <= this.position) return;
    this.pending = true;
    this.wake?.();
  }

  skipTo(position: bigint): void {
    if (this.wake !== undefined && position > this.position) this.position = position;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => {});
  }

  private async run(): Promise<void> {
    try {
      await Promise.resolve();
      let backlogHead: bigint | undefined;
      while (!this.stopped) {
        this.pending = false;
        let page: RecordedEvent[];
        try {
          backlogHead ??= await this.source.head();
          page = await this.source.readPage(this.position, PAGE_SIZE);
        } catch (error) {
          // The database is unreachable for a while: the subscription waits and reads again.
          if (this.stopped) break;
          this.logger?.error({ err: error, position: String(this.position) }, 'reading the event store failed; retrying');
          await this.sleep();
          continue;
        }
        for (const event of page) {
          if (this.stopped) break;
          await this.handler(event);
          this.position = event.position;
          if (this.position >= backlogHead) this.backlog.resolve();
        }
        if (this.stopped) break;
        if (page.length < PAGE_SIZE) {
          this.backlog.resolve();
          if (!this.pending) await this.sleep();
        }
      }
      this.backlog.reject(new Error('subscription stopped before it caught up'));
    } catch (error) {
      this.logger?.error({ err: error, position: String(this.position) }, 'event store subscription failed and was stopped');
      this.stopped = true;
      this.backlog.reject(error);
      throw error;
    }
  }

  /** Until notify(), stop() or the next poll. */
  private async sleep(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      timer = setTimeout(resolve, POLL_MS);
      timer.unref();
    });
    clearTimeout(timer);
    this.wake = undefined;
  }
}
