/**
 * The common shape every source becomes before tables are read: rows of cells, each cell knowing where it
 * came from, so a warning can name "第12行第4列" (text) or "Sheet1!D12" (xlsx).
 */

export type Cell = {
  /** Trimmed text of the cell ('' when empty). */
  text: string;
  /** 0-based column in its row. */
  col: number;
  place: string;
  /** The number behind an xlsx numeric cell (not for percent-formatted cells, whose text already says "95%"). */
  num?: number;
};

export type Row = {
  cells: Cell[];
  /** Line (text) or row number (xlsx) where the row starts. */
  line: number;
  /** Worksheet name for xlsx rows. */
  sheet?: string;
  /** A line of running text outside any table cell (Word paragraphs). */
  prose?: boolean;
};

export type Grid = { rows: Row[] };

export type ImportWarning = { place: string; raw: string; message: string };

/** Collects warnings; one per place and message. */
export type Warnings = {
  add(place: string, raw: string, message: string): void;
  list: ImportWarning[];
};

export function collectWarnings(): Warnings {
  const list: ImportWarning[] = [];
  const seen = new Set<string>();
  return {
    list,
    add(place, raw, message) {
      const key = `${place}\u0000${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      list.push({ place, raw: raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, message });
    },
  };
}

/** Removes converter debris ("[bookmark: _GoBack]", left by Word → text converters) and outer whitespace. */
export function cleanCell(text: string): string {
  return text.replace(/\[bookmark:[^\]]*\]/g, '').trim();
}

export const filled = (row: Row): Cell[] => row.cells.filter((c) => c.text !== '');

export function rowPlace(row: Row): string {
  return row.sheet !== undefined ? `${row.sheet}!${row.line}:${row.line}` : `第${row.line}行`;
}

/** "第3–9行" or "Sheet1!3:9". */
export function rowsPlace(first: Row, last: Row): string {
  if (first.sheet !== undefined) return `${first.sheet}!${first.line}:${last.line}`;
  return first.line === last.line ? `第${first.line}行` : `第${first.line}–${last.line}行`;
}

export function rowText(row: Row): string {
  return filled(row)
    .map((c) => c.text)
    .join(' | ');
}
