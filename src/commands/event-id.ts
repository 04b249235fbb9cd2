import { randomFillSync } from 'node:crypto';

const POOL = 256;
const pool = Buffer.alloc(16 * POOL);
let next = POOL;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Events of one moment
 * get ids that sort together, so the store's unique index on ids grows at its end instead of at a
 * random page for every event: half the pages written per group commit (bench: HTTP commands).
 */
export function newEventId(now = Date.now()): string {
  if (next === POOL) {
    randomFillSync(pool);
    next = 0;
  }
  const b = pool.subarray(16 * next, 16 * ++next);
  b.writeUIntBE(now, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
