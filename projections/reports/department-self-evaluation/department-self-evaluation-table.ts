import type { DeclaredProject } from '../../../domain/project/state.js';
import type { Scorecard } from '../../../domain/scoring/scorecard-types.js';
import { amountIn, type MoneyUnit } from '../../../domain/values/display.js';
import { tasksExecution } from '../../departments/task-execution.js';
import type { DepartmentRollup } from '../../departments/rollup-types.js';
import { prefillActual, prefillNotes, rollupFunding, rollupPrefill, type RollupPrefill } from './rollup-prefill.js';
import { selfEvaluationTable, type FundingRow, type IndicatorRow, type SelfEvaluationTable } from '../self-evaluation-table.js';

/**
 * The 部门整体支出绩效自评表 as data, the one source of its json, xlsx and html forms. It is the
 * project 自评表 of the department's own stream (the same funding block, goals, indicator rows, scores
 * and notes), with the 年度主要任务 and the indicators grouped by their task.
 */
export type TaskRow = {
  id: string;
  /** 任务名称 */
  name: string;
  /** 主要内容 */
  content: string;
  /** The amounts declared for the task, in moneyUnit; null when none was. */
  budget: number | null;
  /** Spending that names the task, in moneyUnit. */
  spent: number;
  executionPercent: number | null;
};

export type DepartmentIndicatorRow = IndicatorRow & { task: string | null };

/** The indicators of one task (task null: those of none), in the order of the tasks. */
export type IndicatorGroup = { task: string | null; label: string; indicators: DepartmentIndicatorRow[] };

export type DepartmentSelfEvaluationTable = {
  title: '部门整体支出绩效自评表';
  moneyUnit: MoneyUnit;
  header: { id: string; department: string; year: number };
  asOf: string | null;
  status: DeclaredProject['status'];
  funding: FundingRow[];
  tasks: TaskRow[];
  /** Spending that names no task, in moneyUnit. */
  unassignedSpent: number;
  goals: SelfEvaluationTable['goals'];
  indicatorGroups: IndicatorGroup[];
  /** Set when the department-year declares no indicators: funding and results from the roll-up. */
  prefilledFromRollup: RollupPrefill | null;
  pointsTotal: number;
  total: number;
  grade: Scorecard['grade'];
  notes: string[];
};

/** `rollup` is used only when the department-year declares no indicators of its own (see rollup-prefill.ts). */
export function departmentSelfEvaluationTable(state: DeclaredProject, card: Scorecard, rollup?: DepartmentRollup): DepartmentSelfEvaluationTable {
  const base = selfEvaluationTable(state, card);
  const unit = state.displayUnit;
  const { tasks, unassignedSpentFen } = tasksExecution(state);
  const taskOf = new Map(state.indicators.map((i) => [i.id, i.task ?? null]));
  const rows = base.indicators.map((r): DepartmentIndicatorRow => ({ ...r, task: taskOf.get(r.id) ?? null }));
  const groups: IndicatorGroup[] = tasks.map((t, n) => ({ task: t.id, label: `任务${n + 1}：${t.name}`, indicators: rows.filter((r) => r.task === t.id) }));
  const prefill = state.indicators.length === 0 && rollup !== undefined ? rollupPrefill(rollup, unit) : null;
  const none = rows.filter((r) => r.task === null || !tasks.some((t) => t.id === r.task));
  if (none.length > 0) groups.push({ task: null, label: tasks.length > 0 ? '不属于任务的指标' : '', indicators: none });
  return {
    title: '部门整体支出绩效自评表',
    moneyUnit: unit,
    header: { id: state.id, department: state.department, year: state.year },
    asOf: base.asOf,
    status: base.status,
    funding: prefill !== null && rollup !== undefined ? rollupFunding(rollup, unit) : base.funding,
    tasks: tasks.map((t) => ({
      id: t.id,
      name: t.name,
      content: t.content ?? '',
      budget: t.budgetFen === null ? null : amountIn(t.budgetFen, unit),
      spent: amountIn(t.spentFen, unit),
      executionPercent: t.executionPercent,
    })),
    unassignedSpent: amountIn(unassignedSpentFen, unit),
    goals: prefill !== null && base.goals.actualIsDraft ? { ...base.goals, actual: prefillActual(prefill, rollup!, unit) } : base.goals,
    indicatorGroups: groups.filter((g) => g.indicators.length > 0),
    prefilledFromRollup: prefill,
    pointsTotal: base.pointsTotal,
    total: base.total,
    grade: base.grade,
    notes: [
      ...(prefill !== null ? prefillNotes(base.notes) : base.notes.map((n) => n.replace('项目未登记资金来源', '部门未登记资金来源'))),
      ...(tasks.length > 0 ? ['任务的执行数为记明该任务的支出；未记明任务的支出只计入部门合计。'] : []),
    ],
  };
}
