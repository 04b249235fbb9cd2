// A worker thread with its own connection to one SQLite database, copying the write-ahead log back into
// the database file when asked: a PASSIVE checkpoint, which never blocks readers or writers, so that the
// fsyncs and page writes of checkpoints happen off the main event loop (see checkpointer.ts).
// Plain JavaScript: a worker thread does not inherit the TypeScript loader of the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path);
db.pragma('synchronous = NORMAL'); // syncs the WAL before, and the database after, each checkpoint
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, ...result });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
parentPort.postMessage({ ready: true });
