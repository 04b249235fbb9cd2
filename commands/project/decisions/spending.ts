import { invalid, refuse } from '../../errors.js';
import type { AdjustBudgetInput, RecordSpendingInput, SpendingPlanInput } from '../inputs.js';
import type { DeclaredProject, ProjectState } from '../../../domain/project/state.js';
import { spentBySource } from '../../../domain/scoring/execution-score.js';
import { formatFen } from '../../../domain/values/format.js';
import type { Decided, DecisionContext } from '../command.js';
import { requireTask } from './tasks.js';
import { date, dayEffectiveAt, declarationEffectiveAt, inProjectYear, money, notInFuture, requireOpen } from './guards.js';

/** The plan's cumulative shares by month; they must not decrease. */
export function setSpendingPlan(state: ProjectState, input: SpendingPlanInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  if (project.spendingPlan.length > 0 && project.targetsLocked && !input.reason) {
    throw invalid('reason', '已有执行记录，调整资金支出计划须说明原因（reason） / changing the plan after facts were recorded needs a reason');
  }
  const checkpoints = [...input.checkpoints].sort((a, b) => a.month - b.month);
  for (let i = 1; i < checkpoints.length; i++) {
    const prev = checkpoints[i - 1]!;
    const cur = checkpoints[i]!;
    if (cur.month === prev.month) throw invalid('checkpoints', `${cur.month}月 出现两次 / month ${cur.month} appears twice`);
    if (cur.cumulativePercent < prev.cumulativePercent) {
      throw refuse('plan-decreasing', `累计支出进度不能下降：${prev.month}月 ${prev.cumulativePercent}% → ${cur.month}月 ${cur.cumulativePercent}%`, [
        { field: `checkpoints[${input.checkpoints.indexOf(cur)}].cumulativePercent`, message: `应不低于 ${prev.month}月 的 ${prev.cumulativePercent}%` },
      ]);
    }
  }
  return [
    {
      type: 'SpendingPlanSet',
      data: { checkpoints },
      effectiveAt: declarationEffectiveAt(project.year, ctx),
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}

/** A payment (执行数) on its date; a negative amount corrects an earlier one and needs a reason. */
export function recordSpending(state: ProjectState, input: RecordSpendingInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const amountFen = money('amount', input.amount);
  if (amountFen === 0) throw invalid('amount', '金额不能为 0 / the amount cannot be zero');
  if (amountFen < 0 && !input.reason) {
    throw invalid('reason', '负数金额是更正，须说明原因（reason） / a negative amount is a correction and needs a reason');
  }
  const day = date('date', input.date, project.year);
  inProjectYear('date', day, project.year);
  notInFuture('date', day, ctx);
  const source = sourceOf(project, input.source);
  const task = input.task === undefined ? undefined : requireTask(project, input.task, 'task');
  if (source !== undefined && amountFen < 0) {
    const fromSource = spentBySource(project).get(source) ?? 0;
    if (fromSource + amountFen < 0) {
      throw refuse('spending-negative', `更正后「${source}」累计执行数为负（${(fromSource + amountFen) / 100} 元） / the correction makes the source's spending negative`, [
        { field: 'amount', message: `「${source}」当前累计执行数 ${fromSource / 100} 元` },
      ]);
    }
  }
  const spent = project.spending.reduce((sum, s) => sum + s.amountFen, 0);
  if (spent + amountFen < 0) {
    throw refuse('spending-negative', `更正后累计执行数为负（${(spent + amountFen) / 100} 元） / the correction makes total spending negative`, [
      { field: 'amount', message: `当前累计执行数 ${spent / 100} 元` },
    ]);
  }
  return [
    {
      type: 'SpendingRecorded',
      data: {
        amountFen,
        date: day,
        ...(input.note ? { note: input.note } : {}),
        ...(input.reference ? { reference: input.reference } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(source !== undefined ? { source } : {}),
        ...(task !== undefined ? { task } : {}),
      },
      effectiveAt: dayEffectiveAt(day),
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}

/** The source a payment is recorded against: the one named, else the first; undefined on a project without sources. */
function sourceOf(project: DeclaredProject, named: string | undefined): string | undefined {
  const names = project.budget.sources.map((s) => s.name);
  if (named === undefined) return names[0];
  if (names.includes(named)) return named;
  const known = names.length > 0 ? names.join('、') : '（项目未登记资金来源）';
  throw refuse('source-unknown', `资金来源「${named}」未登记；已登记：${known} / unknown funding source`, [{ field: 'source', message: `应为 ${known} 之一` }]);
}

/**
 * 全年预算数 per source after an adjustment. Stated sources must add up to the new total (the ones
 * not named keep theirs); unstated, the difference goes to the first source, which must not become
 * negative.
 */
function adjustedSources(project: DeclaredProject, input: AdjustBudgetInput, totalFen: number): { name: string; fen: number }[] | undefined {
  const current = project.budget.sources;
  if (!input.sources) {
    const first = current[0];
    if (first && first.totalFen + totalFen - project.budget.totalFen < 0) {
      throw refuse('source-negative', `调整后「${first.name}」全年预算数为负，请按来源列明（sources） / state the adjustment per source`, [{ field: 'sources', message: '请按资金来源列明调整后的全年预算数' }]);
    }
    return undefined;
  }
  const stated = input.sources.map((s, i) => ({ name: s.name, fen: money(`sources[${i}].amount`, s.amount) }));
  stated.forEach((s, i) => {
    if (s.fen < 0) throw invalid(`sources[${i}].amount`, '全年预算数不能为负 / cannot be negative');
    if (stated.findIndex((o) => o.name === s.name) !== i) throw invalid(`sources[${i}].name`, `资金来源「${s.name}」重复 / listed twice`);
  });
  const kept = current.filter((c) => !stated.some((s) => s.name === c.name));
  const sum = stated.reduce((a, s) => a + s.fen, 0) + kept.reduce((a, s) => a + s.totalFen, 0);
  if (sum !== totalFen) {
    const terms = [...stated.map((s) => `${s.name} ${formatFen(s.fen)}`), ...kept.map((s) => `${s.name} ${formatFen(s.totalFen)}`)].join(' + ');
    throw refuse('sources-sum', `各资金来源全年预算数合计 ${formatFen(sum)} 元 ≠ 全年预算数 ${formatFen(totalFen)} 元 / sources do not add up`, [
      { field: 'sources', message: `${terms} = ${formatFen(sum)} 元，应为 ${formatFen(totalFen)} 元` },
    ]);
  }
  return stated;
}

/** An approved change of 全年预算数. */
export function adjustBudget(state: ProjectState, input: AdjustBudgetInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const totalFen = money('total', input.total);
  if (totalFen < 0) throw invalid('total', '全年预算数不能为负 / the budget cannot be negative');
  if (totalFen === project.budget.totalFen && !input.sources) {
    throw refuse('budget-unchanged', `全年预算数已是 ${totalFen / 100} 元 / the budget is already that amount`, [{ field: 'total', message: '与现值相同' }]);
  }
  const effectiveDate = date('effectiveDate', input.effectiveDate, project.year);
  inProjectYear('effectiveDate', effectiveDate, project.year);
  const sources = adjustedSources(project, input, totalFen);
  return [
    {
      type: 'BudgetAdjusted',
      data: {
        totalFen,
        previousFen: project.budget.totalFen,
        reason: input.reason,
        approvalRef: input.approvalRef,
        effectiveDate,
        ...(sources ? { sources } : {}),
      },
      effectiveAt: dayEffectiveAt(effectiveDate),
      reason: input.reason,
    },
  ];
}
