import { gridMatrix, numberText, selfEvaluationGrid } from './self-evaluation-grid.js';
import type { SelfEvaluationTable } from './self-evaluation-table.js';

/**
 * The 自评表 as CSV (RFC 4180: CRLF lines, fields with a comma, quote or line break quoted, quotes
 * doubled), UTF-8 with a BOM so Excel reads the Chinese. The rows follow the printed form; a merged
 * cell's text sits in its first position. The notes (说明) follow after an empty line.
 */

const BOM = '\uFEFF';

/**
 * Excel runs a text cell starting with = + - @ as a formula ("= 1 个" would show #NAME?, and a
 * crafted name could call out): such text gets a leading apostrophe (OWASP CSV injection guard).
 */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: string | number | null): string {
  const text = typeof value === 'number' ? numberText(value) : defuse(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Decimals of the number cell at row r, column k (2 unless the cell says). */
function decimalsAt(grid: ReturnType<typeof selfEvaluationGrid>, r: number, k: number): number {
  return grid.rows[r]?.find((c) => c.col === k)?.decimals ?? 2;
}

export function selfEvaluationCsv(table: SelfEvaluationTable): string {
  const grid = selfEvaluationGrid(table);
  const lines = grid.rows.length === 0 ? [] : gridMatrix(grid).map((row, r) => row.map((v, k) => csvField(typeof v === 'number' ? numberText(v, decimalsAt(grid, r, k)) : v)).join(','));
  if (grid.notes.length > 0) lines.push('', csvField('说明'), ...grid.notes.map((n, i) => csvField(`${i + 1}. ${n}`)));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
