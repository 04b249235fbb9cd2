import type ExcelJS from 'exceljs';
import { selfEvaluationGrid, type CellStyle, type GridCell } from './self-evaluation-grid.js';
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

export async function selfEvaluationXlsx(table: SelfEvaluationTable): Promise<Buffer> {
  const grid = selfEvaluationGrid(table);
  // Loaded on first use: exceljs takes half a second to load, and most runs never write a workbook.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'jixiao';
  const sheet = workbook.addWorksheet(SHEET_NAME, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.59, right: 0.59, top: 0.59, bottom: 0.59, header: 0.3, footer: 0.3 },
    },
  });
  sheet.columns = grid.columnWidths.map((width) => ({ width }));
  grid.rows.forEach((cells, r) => {
    for (const c of cells) place(sheet, r + 1, c);
  });
  sheet.getRow(1).height = 30;

  if (grid.notes.length > 0) {
    let r = grid.rows.length + 2;
    for (const [i, note] of ['说明：', ...grid.notes.map((n, k) => `${k + 1}. ${n}`)].entries()) {
      sheet.mergeCells(r, 1, r, grid.columnCount);
      const target = sheet.getCell(r, 1);
      target.value = note;
      target.style = { font: { name: FONT, size: 9, bold: i === 0 }, alignment: { wrapText: true, vertical: 'top' } };
      r++;
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
