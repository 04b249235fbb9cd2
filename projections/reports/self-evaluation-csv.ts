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

export function selfEvaluationCsv(table: SelfEvaluationTable): string {
  const grid = selfEvaluationGrid(table);
  const lines = gridMatrix(grid).map((row) => row.map(csvField).join(','));
  if (grid.notes.length > 0) lines.push('', csvField('说明'), ...grid.notes.map((n, i) => csvField(`${i + 1}. ${n}`)));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
