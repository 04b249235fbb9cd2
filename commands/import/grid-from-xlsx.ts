import type ExcelJS from 'exceljs';
import { IMPORT_LIMITS, importTooLarge } from './limits.js';
import { cleanCell, type Cell, type Grid, type Row } from './grid.js';

/**
 * Every worksheet of an .xlsx as one grid (rows in sheet order). A cell covered by a merge but not its
 * top-left master counts as empty — exceljs may hand back the master's value there or null; either way the
 * table reader carries merged 一级/二级 cells down itself.
 */
export async function gridsFromXlsx(content: Buffer): Promise<Grid[]> {
  const { default: excel } = await import('exceljs'); // loaded on first use: slow to load
  const workbook = new excel.Workbook();
  // exceljs' typings predate Node's generic Buffer; the bytes are what it wants.
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const grids: Grid[] = [];
  workbook.eachSheet((sheet) => {
    const rows: Row[] = [];
    const width = sheet.columnCount;
    if (width > IMPORT_LIMITS.columnsPerRow) {
      throw importTooLarge(`工作表 ${sheet.name} 有 ${width} 列，最多 ${IMPORT_LIMITS.columnsPerRow} 列 / sheet ${sheet.name} has ${width} columns, at most ${IMPORT_LIMITS.columnsPerRow}`);
    }
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const slave = cell.isMerged && cell.master.address !== cell.address;
        const read = slave ? { text: '' } : cellText(cell);
        cells.push({ text: cleanCell(read.text), col: c - 1, place: `${sheet.name}!${cell.address}`, ...(read.num !== undefined ? { num: read.num } : {}) });
      }
      rows.push({ cells, line: rowNumber, sheet: sheet.name });
    });
    grids.push({ rows });
  });
  return grids;
}

type Read = { text: string; num?: number };

function cellText(cell: ExcelJS.Cell): Read {
  return valueText(cell.value, cell.numFmt ?? '');
}

function valueText(value: ExcelJS.CellValue, numFmt: string): Read {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') {
    // A percent-formatted 0.95 is shown, and meant, as "95%".
    if (numFmt.includes('%')) return { text: `${Number((value * 100).toPrecision(12))}%` };
    return { text: String(value), num: value };
  }
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { text: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { text: '' };
    if (typeof result === 'object' && result !== null && 'error' in result) return { text: String((result as { error: unknown }).error) };
    return valueText(result as ExcelJS.CellValue, numFmt);
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? { text } : valueText(text as ExcelJS.CellValue, numFmt);
  }
  return { text: String(value) };
}
