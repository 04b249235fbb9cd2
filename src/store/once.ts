/**
 * A promise settled at most once, from outside: the `caughtUp` of a subscription, which resolves when
 * the backlog is delivered and rejects if the subscription ends first. A rejection nobody awaits is
 * never reported as unhandled.
 */
export class Once {
  readonly promise: Promise<void>;
  private settled = false;
  private resolveFn!: () => void;
  private rejectFn!: (error: unknown) => void;

  constructor() {
    this.promise = new Promise<void>((resolve, reject) => {
      this.resolveFn = resolve;
      this.rejectFn = reject;
    });
    this.promise.catch(() => {});
  }

  resolve(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveFn();
  }

  reject(error: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectFn(error);
  }
}
