import {
  START,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { EventHandler, SubscribeOptions, Subscription } from '../event-store.js';
import { StoreUnavailableError } from '../errors.js';
import { Once } from '../once.js';
import { mapClientError } from './error-mapping.js';
import { fromResolved, isAfter, matchesPrefixes, serverPrefixes, toClientPosition } from './mapping.js';
import { sleep } from './timeout.js';

export type SubscriptionLogger = {
  error(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
};

export type SubscriptionDeps = {
  /** The store's current client (it is replaced after a timeout). */
  client(): EventStoreDBClient;
  /** Position of the last event matching `prefixes`, looking no further back than `downTo`; 0n when none. */
  backlogHead(prefixes: string[] | undefined, downTo: bigint | undefined): Promise<bigint>;
  logger?: SubscriptionLogger;
  /** First and longest wait before resubscribing after a drop. */
  retryDelayMs?: { first: number; max: number };
};

/** Thrown through the loop when the handler fails: fatal, unlike a dropped connection. */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * A catch-up subscription to $all over `subscribeToAll`, filtered server-side by
 * stream prefix. Events are handed over one at a time (`for await` waits for the
 * handler). When the subscription drops, it resubscribes from the last delivered
 * position with a growing delay and skips what it already delivered, so delivery
 * stays exactly-once and in order for the handler.
 *
 * `caughtUp` resolves when the last matching event that existed at subscribe time
 * has been handled, or when the server says it is caught up (servers ≥ 23.10) and
 * everything received before that signal has been handled.
 * A handler that throws stops the subscription, like the SQLite adapter: the error
 * is logged and rejects `caughtUp` (if pending) and `done`.
 */
export class EventStoreDbSubscription implements Subscription {
  readonly caughtUp: Promise<void>;
  private readonly backlog = new Once();
  /** Settles when the loop has ended: resolves after stop(), rejects with a handler error. */
  readonly done: Promise<void>;
  private readonly prefixes: string[] | undefined;
  private readonly stopSignal = new AbortController();
  private last: bigint | undefined;
  private current: AllStreamSubscription | undefined;
  private busy = false;

  constructor(
    private readonly deps: SubscriptionDeps,
    private readonly handler: EventHandler,
    options: SubscribeOptions,
    onEnd: (sub: EventStoreDbSubscription) => void,
  ) {
    this.last = options.fromPosition;
    this.prefixes = options.streamPrefixes;
    this.caughtUp = this.backlog.promise;
    this.done = this.run().finally(() => onEnd(this));
    this.done.catch(() => {});
  }

  /** The last position handed to the handler (exclusive checkpoint for a restart). */
  get position(): bigint | undefined {
    return this.last;
  }

  async stop(): Promise<void> {
    this.stopSignal.abort();
    this.drop();
    // Do not await stop() from inside the handler: the loop is waiting for that handler.
    await this.done.catch(() => {});
  }

  /** Ends the current server subscription; the loop resubscribes unless stopped. */
  interrupt(): void {
    this.drop(new StoreUnavailableError('EventStoreDB client replaced'));
  }

  private get stopped(): boolean {
    return this.stopSignal.signal.aborted;
  }

  private drop(error?: Error): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    current.unsubscribe().catch(() => {});
    // unsubscribe() cancels the grpc call but leaves the readable open: destroy it so `for await` ends.
    current.destroy(error);
  }

  private async run(): Promise<void> {
    await Promise.resolve(); // let the caller attach to caughtUp/done first
    // At most 2 s between attempts: a command waits up to 2 s for its events to come back by subscription.
    const delays = this.deps.retryDelayMs ?? { first: 250, max: 2_000 };
    let delay = delays.first;
    let backlogHead: bigint | undefined;
    try {
      while (!this.stopped) {
        try {
          backlogHead ??= await this.deps.backlogHead(this.prefixes, this.last);
          if (this.stopped) break;
          if (backlogHead <= (this.last ?? 0n)) this.backlog.resolve();
          const delivered = await this.follow(backlogHead);
          if (delivered) delay = delays.first;
          if (!this.stopped) throw new StoreUnavailableError('EventStoreDB subscription ended');
        } catch (error) {
          if (error instanceof HandlerFailure) throw error;
          if (this.stopped) break;
          this.deps.logger?.warn?.(
            { err: mapClientError(error), position: String(this.last ?? 'start'), retryInMs: delay },
            'event store subscription dropped; resubscribing',
          );
          await sleep(delay, this.stopSignal.signal);
          delay = Math.min(delay * 2, delays.max);
        }
      }
      this.backlog.reject(new Error('subscription stopped before it caught up'));
    } catch (failure) {
      const error = failure instanceof HandlerFailure ? failure.error : failure;
      this.deps.logger?.error(
        { err: error, position: String(this.last ?? 'start') },
        'event store subscription failed and was stopped',
      );
      this.stopSignal.abort();
      this.drop();
      this.backlog.reject(error);
      throw error;
    }
  }

  /** One server subscription, followed until it ends. Returns whether anything was delivered. */
  private async follow(backlogHead: bigint): Promise<boolean> {
    const prefixes = serverPrefixes(this.prefixes);
    const subscription = this.deps.client().subscribeToAll({
      fromPosition: this.last === undefined ? START : toClientPosition(this.last),
      filter: prefixes === undefined ? excludeSystemEvents() : streamNameFilter({ prefixes }),
    });
    this.current = subscription;
    subscription.on('caughtUp', () => {
      // Checked on a later turn: the event just read from the buffer may not be marked busy yet.
      setImmediate(() => {
        if (this.current === subscription && !this.busy && subscription.readableLength === 0) this.backlog.resolve();
      });
    });
    let delivered = false;
    let serverCaughtUp = false;
    subscription.once('caughtUp', () => (serverCaughtUp = true));
    try {
      for await (const resolved of subscription) {
        this.busy = true;
        if (this.stopped) break;
        const event = fromResolved(resolved);
        // The start position is inclusive on the server, and a resubscription repeats events.
        if (event === undefined || !isAfter(event, this.last) || !matchesPrefixes(event.stream, this.prefixes)) {
          this.busy = false;
          continue;
        }
        try {
          await this.handler(event);
        } catch (error) {
          throw new HandlerFailure(error);
        }
        this.last = event.position;
        delivered = true;
        this.busy = false;
        if (event.position >= backlogHead) this.backlog.resolve();
        else if (serverCaughtUp && subscription.readableLength === 0) this.backlog.resolve();
      }
    } finally {
      this.busy = false;
      if (this.current === subscription) this.drop();
    }
    return delivered;
  }
}
