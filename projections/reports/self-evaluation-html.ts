import { createHash } from 'node:crypto';
import { groupedNumberText, selfEvaluationGrid, type FormGrid, type GridCell } from './self-evaluation-grid.js';
import type { SelfEvaluationTable } from './self-evaluation-table.js';

/**
 * The 自评表 as one standalone HTML document, printable on A4: no external CSS, fonts or scripts,
 * merged level-1/level-2 cells as rowspans, every text escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const STYLE = `@page { size: A4 landscape; margin: 10mm 12mm }
* { box-sizing: border-box }
body { margin: 0; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", serif; font-size: 9pt; line-height: 1.25; color: #000 }
h1 { margin: 0 0 2pt; font-size: 15pt; text-align: center; letter-spacing: 2pt }
.sub { display: flex; justify-content: space-between; margin-bottom: 4pt }
.sub .year { flex: 1; text-align: center }
table { width: 100%; border-collapse: collapse; table-layout: fixed }
td, th { border: 0.75pt solid #000; padding: 1.5pt 3pt; vertical-align: middle; word-wrap: break-word; white-space: pre-wrap }
th, td.label { font-weight: bold; text-align: center }
td.number { text-align: right; white-space: normal; overflow-wrap: anywhere; font-variant-numeric: tabular-nums }
td.group { text-align: center }
tr { break-inside: avoid }
.footer { display: flex; justify-content: space-between; margin-top: 8pt; break-inside: avoid }
.footer span { flex: 1 }
.notes { margin-top: 4pt; font-size: 8pt }
@media screen { body { max-width: 273mm; margin: 12mm auto } }
.notes ol { margin: 2pt 0 0; padding-left: 18pt }`;

/** The text of the one `<style>` element, exactly as written into the document. */
const STYLE_TEXT = `\n${STYLE}\n`;

/**
 * The CSP hash source of that style. The web page opens the report as a blob: URL, which inherits the page's
 * policy (style-src 'self'): the page allows exactly this stylesheet by its hash, so the report renders styled
 * without 'unsafe-inline'. Column widths are `width` attributes, not style attributes, for the same reason.
 */
export const REPORT_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE_TEXT, 'utf8').digest('base64')}'`;

/** The policy the report is served with on its own: nothing but its stylesheet. */
export const REPORT_CSP = `default-src 'none'; style-src ${REPORT_STYLE_HASH}; frame-ancestors 'none'`;

function tableCell(c: GridCell): string {
  const tag = c.style === 'header' ? 'th' : 'td';
  const attrs = [
    c.style === 'label' || c.style === 'number' || c.style === 'group' ? ` class="${c.style}"` : '',
    c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
  ].join('');
  const text = typeof c.value === 'number' ? groupedNumberText(c.value, c.decimals) : (c.value ?? '');
  return `<${tag}${attrs}>${escapeHtml(text)}</${tag}>`;
}

export function selfEvaluationHtml(table: SelfEvaluationTable): string {
  const h = table.header;
  return formGridHtml(selfEvaluationGrid(table), { title: table.title, year: h.year, moneyUnit: table.moneyUnit, name: h.projectName });
}

/** A filed form's grid as a printable page: its title, year and unit above the bordered table. */
export function formGridHtml(grid: FormGrid, h: { title: string; year: number; moneyUnit: string; name: string }): string {
  const totalWidth = grid.columnWidths.reduce((a, b) => a + b, 0);
  const cols = grid.columnWidths.map((w) => `<col width="${((w / totalWidth) * 100).toFixed(2)}%">`).join('');
  const body = grid.rows
    .slice(grid.headingRows)
    .map((cells) => `<tr>${cells.map(tableCell).join('')}</tr>`)
    .join('\n');
  const notes =
    grid.notes.length > 0
      ? `<div class="notes">说明：<ol>${grid.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol></div>`
      : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${h.title}（${h.year}年度）${h.name}`)}</title>
<style>${STYLE_TEXT}</style>
</head>
<body>
<h1>${escapeHtml(h.title)}</h1>
<div class="sub"><span class="year">${escapeHtml(`（${h.year}年度）`)}</span><span>${escapeHtml(`单位：${h.moneyUnit}`)}</span></div>
<table>
<colgroup>${cols}</colgroup>
<tbody>
${body}
</tbody>
</table>
<div class="footer">${grid.footer.map((f) => `<span>${escapeHtml(f)}</span>`).join('')}</div>
${notes}
</body>
</html>
`;
}
