import { invalid, refuse } from '../../errors.js';
import type { AdjustBudgetInput, RecordSpendingInput, SpendingPlanInput } from '../inputs.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
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
      },
      effectiveAt: dayEffectiveAt(day),
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}

/** An approved change of 全年预算数. */
export function adjustBudget(state: ProjectState, input: AdjustBudgetInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const totalFen = money('total', input.total);
  if (totalFen < 0) throw invalid('total', '全年预算数不能为负 / the budget cannot be negative');
  if (totalFen === project.budget.totalFen) {
    throw refuse('budget-unchanged', `全年预算数已是 ${totalFen / 100} 元 / the budget is already that amount`, [{ field: 'total', message: '与现值相同' }]);
  }
  const effectiveDate = date('effectiveDate', input.effectiveDate, project.year);
  inProjectYear('effectiveDate', effectiveDate, project.year);
  return [
    {
      type: 'BudgetAdjusted',
      data: { totalFen, previousFen: project.budget.totalFen, reason: input.reason, approvalRef: input.approvalRef, effectiveDate },
      effectiveAt: dayEffectiveAt(effectiveDate),
      reason: input.reason,
    },
  ];
}
