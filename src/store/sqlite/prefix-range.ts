/**
 * Stream-prefix filters as index ranges: `stream >= prefix AND stream < upper`.
 * SQLite compares TEXT bytewise (UTF-8), which orders like code points, so the
 * upper bound is the prefix with its last code point incremented. Unlike LIKE this
 * is case-sensitive and has no wildcard characters to escape.
 */
export type PrefixRange = { from: string; to: string | undefined };

export function prefixRange(prefix: string): PrefixRange {
  const codePoints = Array.from(prefix);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) {
      // Skip the surrogate block: those code points cannot appear in UTF-8.
      const next = last + 1 === 0xd800 ? 0xe000 : last + 1;
      return { from: prefix, to: codePoints.join('') + String.fromCodePoint(next) };
    }
  }
  // Empty prefix (or only U+10FFFF): no upper bound.
  return { from: prefix, to: undefined };
}

/**
 * SQL condition and its parameters for "stream starts with one of prefixes". The unary `+` keeps the
 * planner off the (stream, revision) index: $all pages walk the position (rowid) range and stop at LIMIT;
 * through the stream index SQLite gathered and sorted every matching event for every page, so paging
 * through the log was quadratic (bench: 1,000,000 events).
 */
export function prefixCondition(prefixes: readonly string[], options: { useStreamIndex?: boolean } = {}): { sql: string; params: string[] } {
  // Reads in stream order want the index; reads in position order must stay off it.
  const column = options.useStreamIndex ? 'stream' : '+stream';
  const parts: string[] = [];
  const params: string[] = [];
  for (const prefix of prefixes) {
    const { from, to } = prefixRange(prefix);
    if (to === undefined) {
      parts.push(`${column} >= ?`);
      params.push(from);
    } else {
      parts.push(`(${column} >= ? AND ${column} < ?)`);
      params.push(from, to);
    }
  }
  return { sql: parts.length === 0 ? '0' : `(${parts.join(' OR ')})`, params };
}
