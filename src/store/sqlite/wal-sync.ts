import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes committed transactions durable by fsyncing the database's write-ahead log in libuv's thread
 * pool, so that the event loop goes on serving requests meanwhile. With `synchronous = NORMAL` SQLite
 * writes a commit into the WAL without syncing it; one fdatasync of the WAL file afterwards is what
 * `synchronous = FULL` would have done inside the COMMIT (SQLite syncs with fdatasync too: the data
 * and the file's size, not its times). SQLite syncs the WAL itself before every checkpoint, so nothing
 * reaches the database file unsynced.
 *
 * Checkpoints stay SQLite's own, inside the commit that crosses 1,000 pages: one restarts the WAL at its
 * start, so the file keeps its size and a sync writes data only. (Tried: PASSIVE checkpoints in a worker
 * thread never caught up with continuous writes, the WAL grew, and every sync had to record the new
 * size too: appends with one writer fell from 90 % to 55 % of raw inserts.)
 */
export class WalSync {
  private fd: number | undefined;

  constructor(private readonly walPath: string) {}

  /** Syncs the WAL in the thread pool, then calls `done` (with the error, if it failed). */
  sync(done: (error?: Error) => void): void {
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      queueMicrotask(() => done(error as Error));
      return;
    }
    fdatasync(fd, (error) => done(error ?? undefined));
  }

  /** Syncs the WAL now, in the event loop; returns the error, if it failed. */
  syncNow(): Error | undefined {
    try {
      fdatasyncSync(this.open());
      return undefined;
    } catch (error) {
      return error as Error;
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The WAL exists once something was committed; SQLite keeps the file (and its inode) while it is open. */
  private open(): number {
    if (this.fd === undefined) {
      this.fd = openSync(this.walPath, 'r+');
      // The WAL's directory entry too, once: a new file is only durable when its directory is.
      const dir = openSync(dirname(this.walPath), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return this.fd;
  }
}
