import type { FastifyRequest } from 'fastify';
import { Refusal } from '../../commands/errors.js';

/**
 * Header values arrive as latin1; UTF-8 names (张三) are recovered, %-encoded ones decoded, and only
 * then trimmed (a UTF-8 character may end in the byte 0xA0, which latin1 reads as a no-break space).
 */
export function headerText(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  let text = raw;
  if (/[^\x00-\x7f]/.test(text) && !/[^\x00-\xff]/.test(text)) {
    // UTF-8 bytes read as latin1 by the HTTP parser; keep the text if they were not UTF-8 after all.
    const decoded = Buffer.from(text, 'latin1').toString('utf8');
    if (!decoded.includes('\uFFFD')) text = decoded;
  } else if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      /* keep as typed */
    }
  }
  text = text.trim();
  return text === '' ? undefined : text;
}

/** The actor of a request: X-Actor until access control exists; "local" in single-user mode. */
export function actorOf(request: FastifyRequest): string {
  return request.actor ?? 'local';
}

/** If-Match: "5", 5 or W/"5"; "*" means any. */
export function expectedRevisionOf(request: FastifyRequest): number | undefined {
  const raw = request.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(raw);
  if (!m) {
    throw new Refusal('invalid', 'invalid-if-match', `If-Match 应为流版本号，如 "5"，收到 ${raw}`, [
      { field: 'If-Match', message: '应为 ETag，如 "5"' },
    ]);
  }
  return Number(m[1]);
}

export const etagOf = (revision: number): string => `"${revision}"`;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by access control when a token identifies the caller. */
    actor?: string;
  }
}
