import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Makes committed transactions durable by fsyncing the database's write-ahead log in libuv's thread
 * pool, so that the event loop goes on serving requests meanwhile. With `synchronous = NORMAL` SQLite
 * writes a commit into the WAL without syncing it; one fsync of the WAL file afterwards is what
 * `synchronous = FULL` would have done inside the COMMIT (SQLite syncs the WAL itself before every
 * checkpoint, so nothing reaches the database file unsynced).
 */
export class WalSync {
  private fd: number | undefined;

  constructor(private readonly walPath: string) {}

  /** fsyncs the WAL, then calls `done` (with the error, if it failed). */
  sync(done: (error?: Error) => void): void {
    let fd: number;
    try {
      fd = this.open();
    } catch (error) {
      queueMicrotask(() => done(error as Error));
      return;
    }
    fsync(fd, (error) => done(error ?? undefined));
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
