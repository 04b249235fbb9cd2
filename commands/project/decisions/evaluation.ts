import { computeScorecard } from '../../../domain/scoring/scorecard.js';
import { explanationGaps } from '../../../domain/scoring/explanation-gaps.js';
import { ZONE } from '../../../domain/time-zone.js';
import { refuse } from '../../errors.js';
import type { ReopenEvaluationInput } from '../inputs.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
import { requireOpen, requireProject } from './guards.js';

/**
 * Freezes the self-evaluation. Refused while an indicator not met in full, over-achieved, or an
 * execution rate under 90% lacks a deviation record; each gap is listed.
 */
export function submitEvaluation(state: ProjectState, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  if (project.indicators.length === 0) throw refuse('no-targets', '尚未申报绩效指标，不能提交自评 / no indicators declared');
  const card = computeScorecard(project, { asOf: ctx.now.setZone(ZONE).toISODate()! });
  const gaps = explanationGaps(card).map((g) => ({ field: g.indicatorId === null ? 'execution' : `indicators.${g.indicatorId}`, message: g.message }));
  if (gaps.length > 0) {
    throw refuse('explanations-missing', `不能提交自评：${gaps.length} 项缺少偏差说明 / deviation records missing`, gaps);
  }
  return [{ type: 'EvaluationSubmitted', data: { total: card.total, grade: card.grade } }];
}

export function reopenEvaluation(state: ProjectState, input: ReopenEvaluationInput, _ctx: DecisionContext): Decided[] {
  const project = requireProject(state);
  if (project.status !== 'submitted') throw refuse('evaluation-not-submitted', '自评尚未提交，无需重新打开 / the evaluation is not submitted');
  return [{ type: 'EvaluationReopened', data: { reason: input.reason }, reason: input.reason }];
}
