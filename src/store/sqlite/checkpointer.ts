import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

export type CheckpointerLogger = { error(obj: object, msg?: string): void };

/** Commits between two checkpoints: about what SQLite's own 1,000-page threshold amounts to here. */
const COMMITS_PER_CHECKPOINT = 32;

/**
 * Runs a database's WAL checkpoints in a worker thread (checkpoint-worker.mjs) instead of inside the
 * COMMIT that crosses SQLite's threshold, where each one held the event loop for 3-10 ms: the
 * fsyncs of the WAL and of the database file (bench: HTTP commands p99). The connection's own
 * automatic checkpoints are turned off once the worker is ready, and back on if it fails.
 */
export class Checkpointer {
  private readonly worker: Worker;
  private ready = false;
  private running = false;
  private commits = 0;
  private closed = false;
  private readonly exited: Promise<unknown>;

  constructor(
    private readonly db: Database,
    private readonly logger?: CheckpointerLogger,
  ) {
    this.worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { path: db.name } });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.on('message', (m: { ready?: boolean; ok?: boolean; error?: string }) => {
      if (m.ready) {
        this.ready = true;
        if (db.open) db.pragma('wal_autocheckpoint = 0');
        return;
      }
      this.running = false;
      if (m.ok === false) this.logger?.error({ error: m.error }, 'WAL checkpoint failed in the worker; it is tried again later');
    });
    this.worker.on('error', (error) => this.fallBack(error));
  }

  /** After a commit: every so many commits, the worker checkpoints (one at a time). */
  committed(): void {
    this.commits += 1;
    if (!this.ready || this.running || this.closed || this.commits < COMMITS_PER_CHECKPOINT) return;
    this.commits = 0;
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  /** Stops the worker; the connection checkpoints by itself again (and at its close). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    this.worker.ref(); // unreferenced, it would not keep the process alive until it has closed
    this.worker.postMessage('close');
    await this.exited;
  }

  private fallBack(error: Error): void {
    this.ready = false;
    this.logger?.error({ err: error }, 'WAL checkpoint worker failed; SQLite checkpoints inside commits again');
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
  }
}
