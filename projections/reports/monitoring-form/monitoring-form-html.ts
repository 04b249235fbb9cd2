import type { Colour } from '../../monitoring/types.js';
import { escapeHtml } from '../self-evaluation-html.js';
import { monitoringFormGrid, type FormCell } from './monitoring-form-grid.js';
import type { MonitoringFormTable } from './monitoring-form-table.js';

/** The 监控表 as one standalone HTML document, printable on A4 landscape: no external resources, every text escaped. */

const FILL: Record<Colour, string> = { red: '#ffc7ce', yellow: '#ffeb9c', green: '#c6efce', blue: '#bdd7ee' };

const STYLE = `@page { size: A4 landscape; margin: 12mm }
* { box-sizing: border-box }
body { margin: 0; font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 10pt; color: #000 }
h1 { margin: 0 0 4pt; font-size: 17pt; text-align: center; letter-spacing: 2pt }
.sub { display: flex; justify-content: space-between; margin-bottom: 4pt }
.sub .period { flex: 1; text-align: center }
table { width: 100%; border-collapse: collapse; table-layout: fixed }
td, th { border: 0.75pt solid #000; padding: 2pt 3pt; vertical-align: middle; word-wrap: break-word; white-space: pre-wrap }
th, td.label { font-weight: bold; text-align: center }
td.number { text-align: right; white-space: nowrap }
td.group { text-align: center }
${(Object.keys(FILL) as Colour[]).map((c) => `td.${c} { background: ${FILL[c]}; -webkit-print-color-adjust: exact; print-color-adjust: exact }`).join('\n')}
tr { page-break-inside: avoid; break-inside: avoid }
.notes { margin-top: 6pt; font-size: 9pt }
.notes ol { margin: 2pt 0 0; padding-left: 18pt }`;

const numberText = (v: number): string => v.toFixed(2);

function tableCell(c: FormCell): string {
  const tag = c.style === 'header' ? 'th' : 'td';
  const classes = [c.style === 'label' || c.style === 'number' || c.style === 'group' ? c.style : '', c.fill ?? ''].filter(Boolean).join(' ');
  const attrs = [
    classes ? ` class="${classes}"` : '',
    c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '',
    c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : '',
  ].join('');
  const text = typeof c.value === 'number' ? numberText(c.value) : (c.value ?? '');
  return `<${tag}${attrs}>${escapeHtml(text)}</${tag}>`;
}

export function monitoringFormHtml(table: MonitoringFormTable): string {
  const grid = monitoringFormGrid(table);
  const totalWidth = grid.columnWidths.reduce((a, b) => a + b, 0);
  const cols = grid.columnWidths.map((w) => `<col style="width:${((w / totalWidth) * 100).toFixed(2)}%">`).join('');
  const body = grid.rows
    .slice(grid.headingRows)
    .map((cells) => `<tr>${cells.map(tableCell).join('')}</tr>`)
    .join('\n');
  const h = table.header;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${table.title}（${h.year}年1–${table.month}月）${h.projectName}`)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(table.title)}</h1>
<div class="sub"><span class="period">${escapeHtml(`（${h.year}年1–${table.month}月）`)}</span><span>${escapeHtml(`单位：${table.moneyUnit}`)}</span></div>
<table>
<colgroup>${cols}</colgroup>
<tbody>
${body}
</tbody>
</table>
<div class="notes">说明：<ol>${grid.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ol></div>
</body>
</html>
`;
}
