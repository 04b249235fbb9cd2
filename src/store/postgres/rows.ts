import type { RecordedEvent } from '../event-store.js';
import { prefixRange } from '../sqlite/prefix-range.js';

export const COLUMNS = 'position, stream, revision, id, type, data, metadata';

/** A row in COLUMNS order (rowMode 'array'); bigint comes back as a decimal string. */
export type Row = [position: string, stream: string, revision: number, id: string, type: string, data: string, metadata: string];

export function toRecorded(row: Row): RecordedEvent {
  return {
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as unknown,
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    stream: row[1],
    revision: row[2],
    position: BigInt(row[0]),
  };
}

/**
 * "stream starts with one of prefixes" as ranges over the bytewise-ordered stream column, numbered from
 * parameter `first`: literal and case-sensitive, unlike LIKE, and usable by the (stream, revision) index.
 */
export function prefixCondition(prefixes: readonly string[], first: number): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const next = () => `$${first + params.length}`;
  for (const prefix of prefixes) {
    const { from, to } = prefixRange(prefix);
    if (to === undefined) {
      const p = next();
      params.push(from);
      parts.push(`stream >= ${p}`);
    } else {
      const lo = next();
      params.push(from);
      const hi = next();
      params.push(to);
      parts.push(`(stream >= ${lo} AND stream < ${hi})`);
    }
  }
  return { sql: parts.length === 0 ? 'true' : `(${parts.join(' OR ')})`, params };
}
