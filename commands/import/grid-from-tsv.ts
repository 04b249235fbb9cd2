import { IMPORT_LIMITS, importTooLarge } from './limits.js';
import { cleanCell, type Cell, type Grid, type Row } from './grid.js';

/**
 * Tab-separated text as copied out of Excel or Word: one row per line, cells split by tabs. Excel quotes a
 * cell that holds a line break ("a\nb"); such a quoted cell is read whole. A `"` that does not close
 * before a tab or the end of a line is ordinary text.
 */
export function gridFromTsv(text: string): Grid {
  const rows: Row[] = [];
  let line = 1;
  let i = 0;
  let row: Row = { cells: [], line };
  const endRow = () => {
    if (rows.length >= IMPORT_LIMITS.textLines) throw tooManyLines();
    rows.push(row);
    row = { cells: [], line };
  };
  const pushCell = (raw: string, at: number) => {
    const col = row.cells.length;
    if (col >= IMPORT_LIMITS.columnsPerRow) {
      throw importTooLarge(`第${at}行超过 ${IMPORT_LIMITS.columnsPerRow} 列 / line ${at} has more than ${IMPORT_LIMITS.columnsPerRow} cells`);
    }
    const cell: Cell = { text: cleanCell(raw), col, place: `第${at}行第${col + 1}列` };
    row.cells.push(cell);
  };
  while (i <= text.length) {
    const start = line;
    const quoted = text[i] === '"' ? closingQuote(text, i) : -1;
    let raw: string;
    if (quoted >= 0) {
      raw = text.slice(i + 1, quoted).replace(/""/g, '"');
      line += (raw.match(/\n/g) ?? []).length;
      i = quoted + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '\t' && text[j] !== '\n') j++;
      raw = text.slice(i, j);
      i = j;
    }
    pushCell(raw, start);
    const sep = text[i];
    i++;
    if (sep === '\n') {
      line++;
      endRow();
    } else if (sep === undefined) {
      endRow();
      break;
    }
  }
  return { rows };
}

export const tooManyLines = () =>
  importTooLarge(`文本超过 ${IMPORT_LIMITS.textLines} 行 / the text has more than ${IMPORT_LIMITS.textLines} lines`);

/** Index of the quote closing a quoted cell starting at `open`, or -1 when the cell is not quoted after all. */
function closingQuote(text: string, open: number): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    if (text[q + 1] === '"') {
      j = q + 2;
      continue;
    }
    const next = text[q + 1];
    return next === undefined || next === '\t' || next === '\n' ? q : -1;
  }
}
