import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Refusal } from '../../commands/errors.js';

export type StoredReply = { status: number; etag: string | undefined; body: unknown };

/**
 * Idempotency-Key: a retry with the same key (per actor) returns the first answer and writes nothing.
 * Successful answers are kept in the local database; concurrent retries wait for the first to finish.
 * A key reused for a different request is refused. The events of a keyed command carry a correlation
 * id derived from the key, so a retry after a crash between the append and the record of the answer
 * finds the events instead of writing them again.
 */
export class IdempotencyKeys {
  private readonly inFlight = new Map<string, Promise<StoredReply & { replayed: boolean }>>();

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      actor TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER NOT NULL,
      etag TEXT,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (actor, key)
    )`);
  }

  /** Runs `execute` once per (actor, key); later calls with the same key get the stored reply. */
  async run(
    actor: string,
    key: string,
    request: { method: string; url: string; body: unknown },
    now: string,
    execute: (correlationId: string) => Promise<StoredReply>,
    /** The answer rebuilt from events already carrying this correlation id, if any. */
    recover: (correlationId: string) => Promise<StoredReply | undefined>,
  ): Promise<StoredReply & { replayed: boolean }> {
    if (key.length > 200) throw new Refusal('invalid', 'idempotency-key-invalid', 'Idempotency-Key 过长（最多 200 字符）', [{ field: 'Idempotency-Key', message: '最多 200 字符' }]);
    const hash = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');
    const id = `${actor}\u0000${key}`;
    const pending = this.inFlight.get(id);
    if (pending) await pending.catch(() => undefined);
    const stored = this.db.prepare('SELECT request_hash, status, etag, body FROM idempotency_keys WHERE actor = ? AND key = ?').get(actor, key) as
      | { request_hash: string; status: number; etag: string | null; body: string }
      | undefined;
    if (stored) {
      if (stored.request_hash !== hash) {
        throw new Refusal('rule', 'idempotency-key-reused', `Idempotency-Key "${key}" 已用于另一个请求 / the key was used for a different request`, [
          { field: 'Idempotency-Key', message: '已用于另一个请求' },
        ]);
      }
      return { status: stored.status, etag: stored.etag ?? undefined, body: JSON.parse(stored.body), replayed: true };
    }
    const correlationId = `idem-${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
    const running = (async () => {
      const found = await recover(correlationId);
      return found ? { ...found, replayed: true } : { ...(await execute(correlationId)), replayed: false };
    })();
    this.inFlight.set(id, running);
    try {
      const reply = await running;
      this.db
        .prepare('INSERT INTO idempotency_keys (actor, key, request_hash, status, etag, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(actor, key, hash, reply.status, reply.etag ?? null, JSON.stringify(reply.body), now);
      return reply;
    } finally {
      this.inFlight.delete(id);
    }
  }
}
