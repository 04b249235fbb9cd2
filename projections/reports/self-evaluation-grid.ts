import { groupThousands } from '../../domain/values/display.js';
import type { IndicatorRow, SelfEvaluationTable } from './self-evaluation-table.js';

/**
 * The printed layout of the 自评表, shared by the csv, xlsx and html renderers: nine columns
 * (section | 一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施), every
 * cell placed at its column with its spans. Cells covered by a merge are simply absent.
 */

/** `group`: centred text (merged level-1/level-2 cells, the grade). */
export type CellStyle = 'title' | 'subtitle' | 'unit' | 'label' | 'header' | 'text' | 'group' | 'number';

export type GridCell = {
  col: number;
  colSpan: number;
  rowSpan: number;
  value: string | number | null;
  style: CellStyle;
  /** Decimals a number cell shows (2 unless an amount in 万元 needs more to stay exact). */
  decimals?: number;
};

export type FormGrid = {
  columnCount: number;
  /** Widths in Excel character units; the html uses them as proportions. */
  columnWidths: number[];
  rows: GridCell[][];
  /** Rows above the bordered form (title, year, unit). */
  headingRows: number;
  notes: string[];
  /** Signature block printed under the form. */
  footer: string[];
};

/** 填报人 / 联系电话 / 填报日期 / 单位（盖章）: left blank for the pen. */
export const FOOTER = ['填报人：', '联系电话：', '填报日期：', '单位（盖章）：'];

export const COLUMN_COUNT = 9;
/** Excel character widths; they add up to what an A4 landscape page holds at 10 pt (about 150). */
const WIDTHS = [12, 12, 13, 26, 17, 15, 10, 10, 35];

const cell = (col: number, value: GridCell['value'], style: CellStyle, colSpan = 1, rowSpan = 1): GridCell => ({
  col,
  colSpan,
  rowSpan,
  value,
  style,
});

/** The number shown with two decimals (or `decimals`), or '' when empty: how csv prints a number cell. */
export function numberText(value: number | null, decimals = 2): string {
  return value === null ? '' : value.toFixed(decimals);
}

/** As on screen: with thousands separators ("450,000.00"), for html. */
export function groupedNumberText(value: number | null, decimals = 2): string {
  return value === null ? '' : groupThousands(value.toFixed(decimals));
}

/** Decimals of an amount cell: 2, or as many as the amount needs (at most 6, fen in 万元). */
function amountDecimals(value: number | null): number {
  if (value === null) return 2;
  for (let d = 2; d < 6; d++) if (Number(value.toFixed(d)) === value) return d;
  return 6;
}

/** Target cell: the latest approved value, the declared one in brackets when revised. */
export function targetText(row: IndicatorRow): string {
  return row.originalTarget !== undefined ? `${row.target}（原：${row.originalTarget}）` : row.target;
}

/** Length of the run of equal keys starting at each index; 0 inside a run (the cell is merged above). */
export function runSpans(keys: readonly string[]): number[] {
  const spans = keys.map(() => 0);
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i === keys.length || keys[i] !== keys[start]) {
      spans[start] = i - start;
      start = i;
    }
  }
  return spans;
}

export function indicatorRows(rows: readonly IndicatorRow[]): GridCell[][] {
  const level1Spans = runSpans(rows.map((r) => r.level1));
  // Level 2 merges only within its level 1.
  const level2Spans = runSpans(rows.map((r) => `${r.level1}\u0000${r.level2}`));
  return rows.map((r, i) => {
    const cells: GridCell[] = [];
    const l1 = level1Spans[i] ?? 0;
    const l2 = level2Spans[i] ?? 0;
    if (l1 > 0) cells.push(cell(1, r.level1, 'group', 1, l1));
    if (l2 > 0) cells.push(cell(2, r.level2, 'group', 1, l2));
    cells.push(
      cell(3, r.name, 'text'),
      cell(4, targetText(r), 'text'),
      cell(5, r.actual ?? '', 'text'),
      cell(6, r.points, 'number'),
      cell(7, r.score, 'number'),
      cell(8, r.deviation, 'text'),
    );
    return cells;
  });
}

/** Title and "（2022年度）… 单位：元": the two rows above the bordered form. */
export function headingRows(title: string, year: number, moneyUnit: string): GridCell[][] {
  return [[cell(0, title, 'title', COLUMN_COUNT)], [cell(0, `（${year}年度）`, 'subtitle', 7), cell(7, `单位：${moneyUnit}`, 'unit', 2)]];
}

/** The funding block: 年度资金总额 and 其中：each source, with 年初预算数 … 得分. */
export function fundingBlock(label: string, funding: SelfEvaluationTable['funding']): GridCell[][] {
  const rows: GridCell[][] = [
    [
      cell(0, label, 'label', 1, funding.length + 1),
      cell(1, '', 'header', 2),
      ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分'].map((t, k) => cell(3 + k, t, 'header')),
    ],
  ];
  let firstSource = true;
  for (const f of funding) {
    const text = f.kind === 'source' ? `${firstSource ? '其中：' : ''}${f.label}` : f.label;
    if (f.kind === 'source') firstSource = false;
    rows.push([
      cell(1, text, 'label', 2),
      ...[f.initialBudget, f.budget, f.spent].map((v, k) => amountCell(3 + k, v)),
      ...[f.points, f.ratePercent, f.score].map((v, k) => cell(6 + k, v, 'number')),
    ]);
  }
  return rows;
}

/** An amount in the form's unit, with as many decimals as it needs. */
export const amountCell = (col: number, value: number | null): GridCell => ({ ...cell(col, value, 'number'), decimals: amountDecimals(value) });

/** 年度总体目标: 预期目标 | 实际完成情况. */
export function goalsBlock(goals: SelfEvaluationTable['goals']): GridCell[][] {
  return [
    [cell(0, '年度总体目标', 'label', 1, 2), cell(1, '预期目标', 'header', 4), cell(5, '实际完成情况', 'header', 4)],
    [cell(1, goals.annual, 'text', 4), cell(5, goals.actual, 'text', 4)],
  ];
}

/** The header row of the indicator table, its section label spanning `rows` rows below it. */
export function indicatorHeader(rows: number): GridCell[] {
  return [
    cell(0, '绩效指标', 'label', 1, rows + 1),
    ...['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'].map((t, k) => cell(1 + k, t, 'header')),
  ];
}

/** 总分 and 自评等级. */
export function totalRows(table: Pick<SelfEvaluationTable, 'pointsTotal' | 'total' | 'grade'>): GridCell[][] {
  return [
    [cell(0, '总分', 'label', 6), cell(6, table.pointsTotal, 'number'), cell(7, table.total, 'number'), cell(8, '', 'text')],
    [cell(0, '自评等级', 'label', 6), cell(6, table.grade, 'group', 3)],
  ];
}

export { cell as gridCell };

export function selfEvaluationGrid(table: SelfEvaluationTable): FormGrid {
  const h = table.header;
  const rows: GridCell[][] = [
    ...headingRows(table.title, h.year, table.moneyUnit),
    [cell(0, '项目名称', 'label'), cell(1, h.projectName, 'text', 8)],
    [cell(0, '主管部门', 'label'), cell(1, h.department, 'text', 3), cell(4, '实施单位', 'label', 2), cell(6, h.implementingUnit, 'text', 3)],
  ];
  if (h.implementationPeriod !== '') rows.push([cell(0, '项目实施期', 'label'), cell(1, h.implementationPeriod, 'text', 8)]);
  rows.push(...fundingBlock(`项目资金（${table.moneyUnit}）`, table.funding));
  rows.push(...goalsBlock(table.goals));
  rows.push(indicatorHeader(table.indicators.length));
  rows.push(...indicatorRows(table.indicators));
  rows.push(...totalRows(table));
  return { columnCount: COLUMN_COUNT, columnWidths: WIDTHS, rows, headingRows: 2, notes: table.notes, footer: FOOTER };
}

export const FORM_WIDTHS: readonly number[] = WIDTHS;

/**
 * The grid as a plain matrix of values: a merged cell's value sits in its top-left position, the
 * covered positions are null (what Excel shows after unmerging).
 */
export function gridMatrix(grid: FormGrid): (string | number | null)[][] {
  const matrix = grid.rows.map(() => Array<string | number | null>(grid.columnCount).fill(null));
  grid.rows.forEach((cells, r) => {
    for (const c of cells) matrix[r]![c.col] = c.value;
  });
  return matrix;
}
