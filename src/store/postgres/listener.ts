import pg from 'pg';
import { NOTIFY_CHANNEL } from './append.js';

export type ListenerLogger = { error(obj: object, msg?: string): void };

const RECONNECT_MS = 1000;

/**
 * One connection per store that LISTENs for the commits of every process on the database (append.ts
 * NOTIFYs the last position of each) and passes them on. A lost connection is opened again after a
 * pause; meanwhile the subscriptions' polling stands in for the notifications missed.
 */
export class CommitListener {
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onCommit: (position: bigint | undefined) => void,
    private readonly logger?: ListenerLogger,
  ) {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      const payload = message.payload;
      this.onCommit(payload !== undefined && /^\d+$/.test(payload) ? BigInt(payload) : undefined);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => {});
        return;
      }
      this.client = client;
      // Whatever was committed while not listening is read now.
      this.onCommit(undefined);
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.closed || (this.client !== undefined && this.client !== client)) return;
    if (this.retry !== undefined) return;
    this.client = undefined;
    if (error !== undefined) this.logger?.error({ err: error }, 'listening for commits failed; polling until reconnected');
    client.end().catch(() => {});
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }
}
