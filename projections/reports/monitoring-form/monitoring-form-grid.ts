import type { Colour } from '../../monitoring/types.js';
import { runSpans } from '../self-evaluation-grid.js';
import type { MonitoringFormTable } from './monitoring-form-table.js';

/**
 * The printed layout of the 监控表, shared by the xlsx and html renderers: ten columns, every cell at
 * its column with its spans (covered cells absent), a fill where the cell carries a monitoring colour.
 */

export type FormCellStyle = 'title' | 'subtitle' | 'unit' | 'label' | 'header' | 'text' | 'group' | 'number';

export type FormCell = {
  col: number;
  colSpan: number;
  rowSpan: number;
  value: string | number | null;
  style: FormCellStyle;
  fill?: Colour;
};

export type MonitoringFormGrid = {
  columnCount: number;
  /** Excel character units; the html uses them as proportions. */
  columnWidths: number[];
  rows: FormCell[][];
  headingRows: number;
  notes: string[];
};

export const MONITORING_COLUMN_COUNT = 10;
const WIDTHS = [11, 10, 11, 24, 16, 16, 14, 32, 11, 18];

const cell = (col: number, value: FormCell['value'], style: FormCellStyle, colSpan = 1, rowSpan = 1, fill?: Colour | null): FormCell => ({
  col,
  colSpan,
  rowSpan,
  value,
  style,
  ...(fill ? { fill } : {}),
});

export function monitoringFormGrid(table: MonitoringFormTable): MonitoringFormGrid {
  const h = table.header;
  const n = table.month;
  const rows: FormCell[][] = [
    [cell(0, table.title, 'title', MONITORING_COLUMN_COUNT)],
    [cell(0, `（${h.year}年1–${n}月）`, 'subtitle', 8), cell(8, `单位：${table.moneyUnit}`, 'unit', 2)],
    [cell(0, '项目名称', 'label'), cell(1, h.projectName, 'text', 9)],
    [cell(0, '主管部门', 'label'), cell(1, h.department, 'text', 4), cell(5, '实施单位', 'label', 2), cell(7, h.implementingUnit, 'text', 3)],
  ];

  rows.push([
    cell(0, `项目资金（${table.moneyUnit}）`, 'label', 1, table.budget.length + 1),
    cell(1, '', 'header', 2),
    ...['年初预算数', '全年预算数', `1–${n}月执行数`, '执行率（%）', '全年预计执行数'].map((t, k) => cell(3 + k, t, 'header')),
    cell(8, '偏差原因分析', 'header', 2),
  ]);
  let firstSource = true;
  for (const b of table.budget) {
    const label = b.kind === 'source' ? `${firstSource ? '其中：' : ''}${b.label}` : b.label;
    if (b.kind === 'source') firstSource = false;
    rows.push([
      cell(1, label, 'label', 2),
      cell(3, b.initialBudget, 'number'),
      cell(4, b.budget, 'number'),
      cell(5, b.spentToDate, 'number'),
      cell(6, b.executionPercent, 'number', 1, 1, b.colour),
      cell(7, b.expectedSpent, 'number'),
      cell(8, b.deviation, 'text', 2),
    ]);
  }

  rows.push([cell(0, '年度总体目标', 'label'), cell(1, table.goals.annual, 'text', 9)]);

  rows.push([
    cell(0, '绩效指标', 'label', 1, table.indicators.length + 1),
    ...['一级指标', '二级指标', '三级指标', '年度指标值', `1–${n}月执行情况`, '全年预计完成情况', '偏差原因分析', '完成目标可能性', '备注'].map((t, k) =>
      cell(1 + k, t, 'header'),
    ),
  ]);
  const level1Spans = runSpans(table.indicators.map((r) => r.level1));
  const level2Spans = runSpans(table.indicators.map((r) => `${r.level1}\u0000${r.level2}`));
  table.indicators.forEach((r, i) => {
    const cells: FormCell[] = [];
    if ((level1Spans[i] ?? 0) > 0) cells.push(cell(1, r.level1, 'group', 1, level1Spans[i]));
    if ((level2Spans[i] ?? 0) > 0) cells.push(cell(2, r.level2, 'group', 1, level2Spans[i]));
    cells.push(
      cell(3, r.name, 'text'),
      cell(4, r.target, 'text'),
      cell(5, r.actualToDate ?? '', 'text', 1, 1, r.colour),
      cell(6, r.expected ?? '', 'text'),
      cell(7, r.deviation, 'text'),
      cell(8, r.likelihood ?? '', 'group'),
      cell(9, r.remark, 'text'),
    );
    rows.push(cells);
  });

  return { columnCount: MONITORING_COLUMN_COUNT, columnWidths: WIDTHS, rows, headingRows: 2, notes: table.notes };
}
