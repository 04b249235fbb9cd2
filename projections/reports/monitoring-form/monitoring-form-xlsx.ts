import type ExcelJS from 'exceljs';
import { a4LandscapeSheet } from '../a4-landscape-sheet.js';
import type { Colour } from '../../monitoring/types.js';
import { monitoringFormGrid, type FormCell, type FormCellStyle } from './monitoring-form-grid.js';
import type { MonitoringFormTable } from './monitoring-form-table.js';

/** The 监控表 as an Excel workbook: the form's merged layout, A4 landscape fitted to one page wide. */

export const MONITORING_SHEET_NAME = '绩效目标执行监控表';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';
/** Light fills, legible in black and white print. */
export const FILL_ARGB: Record<Colour, string> = { red: 'FFFFC7CE', yellow: 'FFFFEB9C', green: 'FFC6EFCE', blue: 'FFBDD7EE' };

function styleOf(style: FormCellStyle, fill: Colour | undefined): Partial<ExcelJS.Style> {
  const wrap = { wrapText: true, vertical: 'middle' } as const;
  const filled = fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_ARGB[fill] } } as ExcelJS.Fill } : {};
  switch (style) {
    case 'title':
      return { font: { name: FONT, size: 16, bold: true }, alignment: { ...wrap, horizontal: 'center' } };
    case 'subtitle':
      return { font: { name: FONT, size: 11 }, alignment: { ...wrap, horizontal: 'center' } };
    case 'unit':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'right' } };
    case 'label':
    case 'header':
      return { font: { name: FONT, size: 10, bold: true }, alignment: { ...wrap, horizontal: 'center' }, border: BORDER, ...filled };
    case 'text':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'left' }, border: BORDER, ...filled };
    case 'group':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'center' }, border: BORDER, ...filled };
    case 'number':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'right' }, border: BORDER, numFmt: '#,##0.00', ...filled };
  }
}

function place(sheet: ExcelJS.Worksheet, rowNumber: number, c: FormCell): void {
  const bottom = rowNumber + c.rowSpan - 1;
  const right = c.col + c.colSpan;
  if (bottom > rowNumber || right > c.col + 1) sheet.mergeCells(rowNumber, c.col + 1, bottom, right);
  const style = styleOf(c.style, c.fill);
  for (let r = rowNumber; r <= bottom; r++) for (let k = c.col + 1; k <= right; k++) sheet.getCell(r, k).style = style;
  sheet.getCell(rowNumber, c.col + 1).value = c.value;
}

/** Width of text in Excel character units: a CJK character is about two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/.test(ch) ? 1.1 : 2.1;
  return w;
}

/**
 * Points a row needs for its wrapped text: LibreOffice and Excel do not grow rows of a written
 * workbook by themselves, so the lines of the tallest one-row cell are counted from the column widths.
 */
function rowHeight(cells: readonly FormCell[], widths: readonly number[]): number | undefined {
  let lines = 1;
  for (const c of cells) {
    if (c.rowSpan > 1 || c.style === 'title' || c.value === null || c.value === '') continue;
    const width = widths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0) - 1;
    const text = typeof c.value === 'number' ? c.value.toFixed(2) : c.value;
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / Math.max(width, 1))), 0);
    lines = Math.max(lines, n);
  }
  return lines > 1 ? lines * 13.5 + 3 : undefined;
}

export async function monitoringFormXlsx(table: MonitoringFormTable): Promise<Buffer> {
  const grid = monitoringFormGrid(table);
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'jixiao';
  const sheet = a4LandscapeSheet(workbook, MONITORING_SHEET_NAME, 0.5);
  sheet.columns = grid.columnWidths.map((width) => ({ width }));
  grid.rows.forEach((cells, r) => {
    for (const c of cells) place(sheet, r + 1, c);
    const height = rowHeight(cells, grid.columnWidths);
    if (height !== undefined) sheet.getRow(r + 1).height = height;
  });
  sheet.getRow(1).height = 30;
  // The header rows repeat on every printed page.
  sheet.pageSetup.printTitlesRow = '1:2';
  let r = grid.rows.length + 2;
  for (const [i, note] of ['说明：', ...grid.notes.map((n, k) => `${k + 1}. ${n}`)].entries()) {
    sheet.mergeCells(r, 1, r, grid.columnCount);
    const target = sheet.getCell(r, 1);
    target.value = note;
    target.style = { font: { name: FONT, size: 9, bold: i === 0 }, alignment: { wrapText: true, vertical: 'top' } };
    r++;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
