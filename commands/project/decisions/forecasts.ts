import { parseActual } from '../../../domain/values/parse-actual.js';
import type { ProjectState } from '../../../domain/project/state.js';
import { invalid, refuse } from '../../errors.js';
import type { RecordForecastInput, RecordSpendingForecastInput } from '../inputs.js';
import type { Decided, DecisionContext } from '../command.js';
import { date, dayEffectiveAt, inProjectYear, money, notInFuture, requireIndicator, requireOpen } from './guards.js';

/**
 * 预计全年完成值: the department's expected year-end value of one indicator, read like an actual (in
 * the target's unit and formats). The forecast is made on asOf (not in the future); the value it
 * expects, a completion date for instance, may well be.
 */
export function recordForecast(state: ProjectState, indicatorId: string, input: RecordForecastInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const indicator = requireIndicator(project, indicatorId);
  const value = parseActual(input.value, indicator.target, { year: project.year });
  if (!value.ok) throw invalid('value', value.error);
  const asOf = date('asOf', input.asOf, project.year);
  inProjectYear('asOf', asOf, project.year);
  notInFuture('asOf', asOf, ctx);
  return [
    {
      type: 'IndicatorForecastRecorded',
      data: { indicatorId, value: value.value, text: String(input.value).trim(), asOf, ...(input.note ? { note: input.note } : {}) },
      effectiveAt: dayEffectiveAt(asOf),
    },
  ];
}

/**
 * 全年预计执行数: the expected year-end spending of the whole project, or of one of its funding sources
 * (a name the project declared).
 */
export function recordSpendingForecast(state: ProjectState, input: RecordSpendingForecastInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const amountFen = money('amount', input.amount);
  if (amountFen < 0) throw invalid('amount', '预计执行数不能为负 / the expected spending cannot be negative');
  const asOf = date('asOf', input.asOf, project.year);
  inProjectYear('asOf', asOf, project.year);
  notInFuture('asOf', asOf, ctx);
  if (input.source !== undefined) {
    const names = project.budget.sources.map((s) => s.name);
    if (!names.includes(input.source)) {
      const known = names.length > 0 ? names.join('、') : '（该项目未登记资金来源）';
      throw refuse('source-unknown', `资金来源 "${input.source}" 不是该项目的来源；已有：${known} / no such funding source`, [
        { field: 'source', message: `应为：${known}` },
      ]);
    }
  }
  return [
    {
      type: 'SpendingForecastRecorded',
      data: { amountFen, asOf, ...(input.source !== undefined ? { source: input.source } : {}), ...(input.note ? { note: input.note } : {}) },
      effectiveAt: dayEffectiveAt(asOf),
    },
  ];
}
