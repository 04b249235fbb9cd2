import type ExcelJS from 'exceljs';
import { a4LandscapeSheet } from './a4-landscape-sheet.js';
import { selfEvaluationGrid, type CellStyle, type FormGrid, type GridCell } from './self-evaluation-grid.js';
import type { SelfEvaluationTable } from './self-evaluation-table.js';

/** The 自评表 as an Excel workbook in the form's layout: merged cells, borders, A4, numbers as numbers. */

export const SHEET_NAME = '项目支出绩效自评表';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

function styleOf(style: CellStyle): Partial<ExcelJS.Style> {
  const wrap = { wrapText: true, vertical: 'middle' } as const;
  switch (style) {
    case 'title':
      return { font: { name: FONT, size: 16, bold: true }, alignment: { ...wrap, horizontal: 'center' } };
    case 'subtitle':
      return { font: { name: FONT, size: 11 }, alignment: { ...wrap, horizontal: 'center' } };
    case 'unit':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'right' } };
    case 'label':
    case 'header':
      return { font: { name: FONT, size: 10, bold: true }, alignment: { ...wrap, horizontal: 'center' }, border: BORDER };
    case 'text':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'left' }, border: BORDER };
    case 'group':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'center' }, border: BORDER };
    case 'number':
      return { font: { name: FONT, size: 10 }, alignment: { ...wrap, horizontal: 'right' }, border: BORDER, numFmt: '0.00' };
  }
}

function place(sheet: ExcelJS.Worksheet, rowNumber: number, c: GridCell): void {
  const top = rowNumber;
  const left = c.col + 1;
  const bottom = top + c.rowSpan - 1;
  const right = left + c.colSpan - 1;
  if (bottom > top || right > left) sheet.mergeCells(top, left, bottom, right);
  const style = styleOf(c.style);
  // Every position of a merged range gets the style, so its outer border prints on all sides.
  for (let r = top; r <= bottom; r++) {
    for (let k = left; k <= right; k++) sheet.getCell(r, k).style = style;
  }
  if (c.style === 'number') {
    const decimals = c.decimals ?? 2;
    const numFmt = `#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}`;
    for (let r = top; r <= bottom; r++) for (let k = left; k <= right; k++) sheet.getCell(r, k).numFmt = numFmt;
  }
  sheet.getCell(top, left).value = c.value;
}

/** Points per line of 10 pt and 9 pt text, as Excel and LibreOffice lay them out (with leading). */
const LINE_HEIGHT = 13;
const LINE_HEIGHT_9PT = 12.5;

/** Display width of text in Excel character units: a CJK character is two. */
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines wrapped text takes in a column `width` characters wide (a little narrower: cell padding). */
export function linesOf(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(widthOf(line) / usable)), 0);
}

/**
 * Row heights that show every wrapped text without overlap: Excel does not grow a row for merged
 * cells, so each row gets the lines of its tallest cell; a cell spanning rows shares its lines out.
 */
function rowHeights(grid: FormGrid): number[] {
  const lines = grid.rows.map(() => 1);
  grid.rows.forEach((cells, r) => {
    for (const c of cells) {
      if (c.value === null || c.value === '' || c.style === 'title') continue;
      const width = grid.columnWidths.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
      const need = Math.ceil(linesOf(String(c.value), width) / c.rowSpan);
      for (let k = r; k < r + c.rowSpan; k++) lines[k] = Math.max(lines[k]!, need);
    }
  });
  return lines.map((n) => n * LINE_HEIGHT + 3);
}

export function selfEvaluationXlsx(table: SelfEvaluationTable): Promise<Buffer> {
  return formGridXlsx(selfEvaluationGrid(table), SHEET_NAME);
}

/** A filed form's grid as a workbook: A4 landscape, merged cells, borders, the signature block and notes. */
export async function formGridXlsx(grid: FormGrid, sheetName: string): Promise<Buffer> {
  // Loaded on first use: exceljs takes half a second to load, and most runs never write a workbook.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'jixiao';
  const sheet = a4LandscapeSheet(workbook, sheetName, 0.4);
  sheet.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  sheet.columns = grid.columnWidths.map((width) => ({ width }));
  const heights = rowHeights(grid);
  grid.rows.forEach((cells, r) => {
    for (const c of cells) place(sheet, r + 1, c);
    sheet.getRow(r + 1).height = heights[r]!;
  });
  sheet.getRow(1).height = 30;

  let r = grid.rows.length + 2;
  // Signature block: 填报人 / 联系电话 / 填报日期 / 单位（盖章）, over the width of the form.
  const spans = [[1, 2], [3, 4], [5, 7], [8, 9]] as const;
  grid.footer.forEach((label, k) => {
    const [from, to] = spans[k]!;
    if (to > from) sheet.mergeCells(r, from, r, to);
    const target = sheet.getCell(r, from);
    target.value = label;
    target.style = { font: { name: FONT, size: 10 }, alignment: { vertical: 'middle', horizontal: 'left' } };
  });
  sheet.getRow(r).height = 24;
  r += 2;
  if (grid.notes.length > 0) {
    const width = grid.columnWidths.reduce((a, b) => a + b, 0);
    for (const [i, note] of ['说明：', ...grid.notes.map((n, k) => `${k + 1}. ${n}`)].entries()) {
      sheet.mergeCells(r, 1, r, grid.columnCount);
      const target = sheet.getCell(r, 1);
      target.value = note;
      target.style = { font: { name: FONT, size: 9, bold: i === 0 }, alignment: { wrapText: true, vertical: 'top' } };
      sheet.getRow(r).height = linesOf(note, width) * LINE_HEIGHT_9PT + 3;
      r++;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
