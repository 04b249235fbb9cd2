import type ExcelJS from 'exceljs';
import { amountIn, decimalsOf, type MoneyUnit } from '../../domain/values/display.js';
import { a4LandscapeSheet } from '../reports/a4-landscape-sheet.js';
import type { ListRow } from './select-projects.js';

/** The project list as shown on the page, as an Excel workbook: A4 landscape, amounts in each project's unit. */

export type ListXlsxRow = ListRow & { expectedSpent: string; displayUnit: MoneyUnit };

export const LIST_SHEET_NAME = '项目列表';

const COLOUR_WORDS: Record<string, string> = { green: '绿', yellow: '黄', red: '红', blue: '蓝' };
const STATUS_WORDS: Record<string, string> = { open: '填报中', submitted: '已提交自评' };

const COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 5 },
  { header: '项目名称', width: 30 },
  { header: '项目编码', width: 24 },
  { header: '主管部门', width: 18 },
  { header: '年度', width: 6 },
  { header: '颜色', width: 5 },
  { header: '金额单位', width: 6 },
  { header: '全年预算数', width: 14 },
  { header: '全年执行数', width: 14 },
  { header: '预算执行率（%）', width: 9 },
  { header: '全年预计执行数', width: 14 },
  { header: '总分', width: 7 },
  { header: '等级', width: 5 },
  { header: '预计总分', width: 7 },
  { header: '预计等级', width: 6 },
  { header: '状态', width: 9 },
];

/** "450000.00" 元 → fen, exactly (the list carries amounts as decimal text). */
function fenOf(yuan: string): number {
  const [int = '0', frac = ''] = yuan.replace('-', '').split('.');
  const fen = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  return yuan.startsWith('-') ? -fen : fen;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

export async function projectListXlsx(rows: readonly ListXlsxRow[], caption: string): Promise<Buffer> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'jixiao';
  const sheet = a4LandscapeSheet(workbook, LIST_SHEET_NAME, 0.3);
  sheet.headerFooter.oddFooter = '第 &P 页，共 &N 页';
  sheet.columns = COLUMNS.map(({ width }) => ({ width }));
  sheet.pageSetup.printTitlesRow = '3:3';

  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  Object.assign(sheet.getCell(1, 1), { value: '项目列表', style: { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center' } } });
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  Object.assign(sheet.getCell(2, 1), { value: caption, style: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left' } } });

  const header = sheet.getRow(3);
  COLUMNS.forEach(({ header: text }, k) => {
    header.getCell(k + 1).value = text;
    header.getCell(k + 1).style = { font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER };
  });
  header.height = 28;

  rows.forEach((p, n) => {
    const unit = p.displayUnit;
    const money = (yuan: string) => {
      const fen = fenOf(yuan);
      const decimals = decimalsOf(fen, unit);
      return { value: amountIn(fen, unit), numFmt: `#,##0${decimals > 0 ? `.${'0'.repeat(decimals)}` : ''}` };
    };
    const cells: { value: string | number; numFmt?: string }[] = [
      { value: n + 1 },
      { value: p.name },
      { value: p.code },
      { value: p.department },
      { value: p.year, numFmt: '0' },
      { value: p.colour ? (COLOUR_WORDS[p.colour] ?? p.colour) : '—' },
      { value: unit },
      money(p.budget),
      money(p.spent),
      { value: p.executionPercent, numFmt: '0.00' },
      money(p.expectedSpent),
      { value: p.total, numFmt: '0.00' },
      { value: p.grade },
      { value: p.forecastTotal, numFmt: '0.00' },
      { value: p.forecastGrade },
      { value: STATUS_WORDS[p.status] ?? p.status },
    ];
    const row = sheet.getRow(n + 4);
    cells.forEach((c, k) => {
      const cell = row.getCell(k + 1);
      cell.value = c.value;
      cell.style = {
        font: { name: FONT, size: 10 },
        alignment: { vertical: 'middle', wrapText: true, horizontal: typeof c.value === 'number' ? 'right' : 'left' },
        border: BORDER,
        ...(c.numFmt ? { numFmt: c.numFmt } : {}),
      };
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SORT_WORDS: Record<string, string> = {
  name: '项目名称', code: '项目编码', department: '主管部门', year: '年度', colour: '颜色', budget: '全年预算数', spent: '全年执行数',
  executionPercent: '预算执行率', total: '总分', grade: '等级', forecastTotal: '预计总分', forecastGrade: '预计等级', status: '状态',
};

/** The line under the title: what the list shows (its filters, search and order), how many, as of when. */
export function listCaption(
  shown: { department?: string; year?: number; colour?: string; forecastGrade?: string; q?: string; sort?: string; order?: 'asc' | 'desc' },
  count: number,
  today: string,
): string {
  const parts = [
    shown.department ? `主管部门：${shown.department}` : '',
    shown.year ? `年度：${shown.year}` : '',
    shown.colour ? `颜色：${COLOUR_WORDS[shown.colour] ?? shown.colour}` : '',
    shown.forecastGrade ? `预计等级：${shown.forecastGrade}` : '',
    shown.q ? `搜索：“${shown.q}”` : '',
    shown.sort ? `按${SORT_WORDS[shown.sort] ?? shown.sort}${shown.order === 'desc' ? '降序' : '升序'}` : '',
  ].filter(Boolean);
  return `${parts.length ? `${parts.join('；')}；` : ''}共 ${count} 个项目；截至 ${today}`;
}
