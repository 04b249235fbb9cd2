import {
  amountCell,
  COLUMN_COUNT,
  FOOTER,
  FORM_WIDTHS,
  fundingBlock,
  goalsBlock,
  gridCell as cell,
  headingRows,
  indicatorHeader,
  indicatorRows,
  totalRows,
  type FormGrid,
  type GridCell,
} from '../self-evaluation-grid.js';
import type { RollupPrefill } from './rollup-prefill.js';
import type { DepartmentSelfEvaluationTable } from './department-self-evaluation-table.js';

/**
 * The printed layout of the 部门整体支出绩效自评表, on the project form's nine columns: 部门名称, the
 * funding block, 年度主要任务 (任务名称 | 主要内容 | 预算数 | 执行数 | 执行率), 年度总体目标, and the
 * indicator table with one row naming each task above its indicators.
 */
export function departmentSelfEvaluationGrid(table: DepartmentSelfEvaluationTable): FormGrid {
  const h = table.header;
  const rows: GridCell[][] = [
    ...headingRows(table.title, h.year, table.moneyUnit),
    [cell(0, '部门名称', 'label'), cell(1, h.department, 'text', 8)],
    ...fundingBlock(`年度预算资金（${table.moneyUnit}）`, table.funding),
  ];
  if (table.tasks.length > 0) {
    rows.push([
      cell(0, '年度主要任务', 'label', 1, table.tasks.length + 1),
      cell(1, '任务名称', 'header', 2),
      cell(3, '主要内容', 'header', 3),
      ...['预算数', '执行数', '执行率（%）'].map((t, k) => cell(6 + k, t, 'header')),
    ]);
    table.tasks.forEach((t, n) => {
      rows.push([
        cell(1, `任务${n + 1}：${t.name}`, 'text', 2),
        cell(3, t.content, 'text', 3),
        amountCell(6, t.budget),
        amountCell(7, t.spent),
        cell(8, t.executionPercent, 'number'),
      ]);
    });
  }
  rows.push(...goalsBlock(table.goals));
  const labelled = table.indicatorGroups.filter((g) => g.label !== '');
  const count = table.indicatorGroups.reduce((n, g) => n + g.indicators.length, 0) + labelled.length;
  if (table.prefilledFromRollup !== null) rows.push(...prefilledProjectRows(table.prefilledFromRollup));
  else rows.push(indicatorHeader(count));
  for (const group of table.indicatorGroups) {
    if (group.label !== '') rows.push([cell(1, group.label, 'label', 8)]);
    rows.push(...indicatorRows(group.indicators));
  }
  // Pre-filled: 总分 and 自评等级 are the user's to fill (the empty stream's own score means nothing).
  rows.push(...(table.prefilledFromRollup !== null ? blankTotalRows() : totalRows(table)));
  return { columnCount: COLUMN_COUNT, columnWidths: [...FORM_WIDTHS], rows, headingRows: 2, notes: table.notes, footer: FOOTER };
}

/**
 * Where the indicator table would be: each project's result from the roll-up (项目名称 | 编码 |
 * 全年预算数 | 全年执行数 | 执行率 | 得分 | 等级), marked as pre-filled for the user to complete.
 */
function prefilledProjectRows(prefill: RollupPrefill): GridCell[][] {
  const rows: GridCell[][] = [
    [
      cell(0, '绩效指标（由所属项目汇总预填，待完善）', 'label', 1, prefill.projects.length + 2),
      cell(1, '项目名称', 'header', 2),
      cell(3, '项目编码', 'header'),
      ...['全年预算数', '全年执行数', '执行率（%）', '得分', '等级'].map((t, k) => cell(4 + k, t, 'header')),
    ],
  ];
  for (const p of prefill.projects) {
    rows.push([
      cell(1, p.name, 'text', 2),
      cell(3, p.code, 'text'),
      amountCell(4, p.budget),
      amountCell(5, p.spent),
      cell(6, p.executionPercent, 'number'),
      cell(7, p.score, 'number'),
      cell(8, p.grade, 'text'),
    ]);
  }
  rows.push([cell(1, `项目加权平均（按全年预算数加权，${prefill.projectCount} 个项目）`, 'label', 5), cell(6, '', 'text'), cell(7, prefill.weightedScore, 'number'), cell(8, prefill.grade ?? '', 'text')]);
  return rows;
}

function blankTotalRows(): GridCell[][] {
  return [
    [cell(0, '总分', 'label', 6), cell(6, '', 'text'), cell(7, '', 'text'), cell(8, '', 'text')],
    [cell(0, '自评等级', 'label', 6), cell(6, '', 'text', 3)],
  ];
}
