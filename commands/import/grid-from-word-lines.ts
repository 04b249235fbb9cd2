import { tooManyLines } from './grid-from-tsv.js';
import { IMPORT_LIMITS } from './limits.js';
import { cleanCell, type Grid, type Row } from './grid.js';

/** A title line ("2021年项目支出绩效目标表") starts a new table even right after a cell. */
export const TITLE_RE = /绩效(?:目标|信息|指标)(?:申报)?表/;

/**
 * Text of a Word table saved one cell per line (fixtures 001, 003): a line starting with a tab opens a cell,
 * a line without a tab continues the cell above (a line break inside the cell), and a blank line ends the
 * row. Lines outside any row are paragraphs, one row each.
 */
export function gridFromWordLines(text: string): Grid {
  const rows: Row[] = [];
  let open: Row | null = null;
  const lines = text.split('\n');
  if (lines.length > IMPORT_LIMITS.textLines) throw tooManyLines();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (!line.includes('\t') && line.trim() === '') {
      open = null;
      return;
    }
    const opening = /^ *\t/.exec(line);
    if (opening) {
      if (!open) {
        open = { cells: [], line: lineNo };
        rows.push(open);
      }
      open.cells.push({ text: line.slice(opening[0].length).replace(/\t/g, ' '), col: open.cells.length, place: `第${lineNo}行` });
      return;
    }
    const last = open?.cells[open.cells.length - 1];
    if (last && !TITLE_RE.test(line)) {
      // Past the cell limit the cell is reported as too long anyway: stop growing it (each join copies it).
      if (last.text.length <= IMPORT_LIMITS.cellText) last.text = joinContinuation(last.text, line);
      return;
    }
    open = null;
    rows.push({ cells: [{ text: line.replace(/\t/g, ' '), col: 0, place: `第${lineNo}行` }], line: lineNo, prose: true });
  });
  for (const row of rows) for (const cell of row.cells) cell.text = cleanCell(cell.text);
  return { rows };
}

const CJK = /[\u4e00-\u9fff]/;

/** "产出" + "指标" is one word broken by the cell width: join Chinese without a space, keep other breaks. */
function joinContinuation(before: string, after: string): string {
  const a = before.trimEnd();
  const b = after.trimStart();
  if (a === '') return b;
  return CJK.test(a.slice(-1)) && CJK.test(b.slice(0, 1)) ? a + b : `${a}\n${b}`;
}
