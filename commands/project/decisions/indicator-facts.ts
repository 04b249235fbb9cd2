import { checkpointCurrentOn } from '../../../domain/project/deviation-checkpoint.js';
import { ZONE } from '../../../domain/time-zone.js';
import { applyWeights } from '../../../domain/scoring/weights.js';
import { checkGradeScore } from '../../../domain/scoring/indicator-score.js';
import { invalid, refuse } from '../../errors.js';
import { formatTarget } from '../../../domain/values/format.js';
import { readActual } from '../../../domain/values/parse-actual.js';
import { parseTarget } from '../../../domain/values/parse-target.js';
import { isNotApplicable } from '../../../domain/values/not-applicable.js';
import type { IndicatorState } from '../../../domain/project/state.js';
import type { AssessInput, OverrideScoreInput, RecordActualInput, RecordDeviationInput, ReviseTargetInput } from '../inputs.js';
import type { DeclaredProject, ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
import { date, dayEffectiveAt, inProjectYear, notInFuture, requireIndicator, requireOpen } from './guards.js';

/** A row marked not applicable (target `/`) takes no actual, grade or score. */
function requireApplicable(indicator: IndicatorState, field: string): void {
  if (!isNotApplicable(indicator.target)) return;
  const message = `指标「${indicator.name}」的年度指标值为 "${indicator.targetText}"（不适用），不计分，无需填写 / the row is marked not applicable`;
  throw refuse('indicator-not-applicable', message, [{ field, message: '该指标不适用' }]);
}

/** 实际完成值 of one indicator, as of a business date. */
export function recordActual(state: ProjectState, indicatorId: string, input: RecordActualInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const indicator = requireIndicator(project, indicatorId);
  requireApplicable(indicator, 'value');
  const read = readActual(input.value, indicator.target, { year: project.year, targetText: indicator.targetText });
  if (!read.ok) throw invalid('value', read.error);
  const value = { ok: true as const, value: read.value.value };
  const asOf = date('asOf', input.asOf, project.year);
  inProjectYear('asOf', asOf, project.year);
  notInFuture('asOf', asOf, ctx);
  if (value.value.kind === 'date') {
    inProjectYear('value', value.value.date, project.year);
    notInFuture('value', value.value.date, ctx);
  }
  return [
    {
      type: 'ActualRecorded',
      data: {
        indicatorId,
        value: value.value,
        text: String(input.value).trim(),
        asOf,
        ...(input.evidence ? { evidence: input.evidence } : {}),
        ...(input.note ? { note: input.note } : {}),
        ...(read.value.note ? { reading: read.value.note } : {}),
      },
      effectiveAt: dayEffectiveAt(asOf),
    },
  ];
}

/** An approved change of one target; the original stays in the record. */
export function reviseTarget(state: ProjectState, indicatorId: string, input: ReviseTargetInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const indicator = requireIndicator(project, indicatorId);
  const target = parseTarget(input.target, { year: project.year });
  if (!target.ok) throw invalid('target', target.error);
  const family = (t: { kind: string }) => (t.kind === 'range' ? 'compare' : t.kind);
  if (family(target.value) !== family(indicator.target)) {
    const names: Record<string, string> = { compare: '定量', deadline: '完成时限', qualitative: '定性' };
    throw refuse(
      'target-kind-changed',
      `目标调整不能改变指标类型：原为${names[family(indicator.target)]}（${indicator.targetText}），新值 "${String(typeof input.target === 'string' ? input.target : input.target.value)}" 为${names[family(target.value)]} / a revision keeps the kind of target`,
      [{ field: 'target', message: `应为${names[family(indicator.target)]}目标` }],
    );
  }
  if (formatTarget(target.value) === formatTarget(indicator.target)) {
    throw refuse('target-unchanged', `目标值已是 ${indicator.targetText} / the target already has that value`, [{ field: 'target', message: '与现值相同' }]);
  }
  const targetText = typeof input.target === 'string' ? input.target.trim() : `${input.target.comparator}${input.target.value}${input.target.unit ?? ''}`;
  return [
    {
      type: 'TargetRevised',
      data: {
        indicatorId,
        target: target.value,
        targetText,
        previousTarget: indicator.target,
        previousTargetText: indicator.targetText,
        reason: input.reason,
        approvalRef: input.approvalRef,
      },
      effectiveAt: ctx.now.toISO()!,
      reason: input.reason,
    },
  ];
}

export function pointsOf(project: DeclaredProject, indicatorId: string): number {
  return applyWeights(project).pointsById.get(indicatorId) ?? 0;
}

/** A qualitative grade, optionally with a score inside the grade's band. */
export function assessIndicator(state: ProjectState, indicatorId: string, input: AssessInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  requireApplicable(requireIndicator(project, indicatorId), 'grade');
  if (input.score !== undefined) {
    const w = pointsOf(project, indicatorId);
    const outside = checkGradeScore(input.grade, input.score, w);
    if (outside) throw refuse('score-outside-band', `${outside}（该指标分值 ${w}）`, [{ field: 'score', message: outside }]);
  }
  return [
    {
      type: 'IndicatorAssessed',
      data: { indicatorId, grade: input.grade, ...(input.score !== undefined ? { score: input.score } : {}), ...(input.comment ? { comment: input.comment } : {}) },
    },
  ];
}

/** An assessor's score in [0, w] with a written reason; the computed score stays visible. */
export function overrideScore(state: ProjectState, indicatorId: string, input: OverrideScoreInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  requireApplicable(requireIndicator(project, indicatorId), 'score');
  const w = pointsOf(project, indicatorId);
  if (input.score > w + 1e-9) {
    throw refuse('score-above-points', `得分 ${input.score} 超过该指标分值 ${w}`, [{ field: 'score', message: `应在 [0, ${w}] 内` }]);
  }
  return [{ type: 'ScoreOverridden', data: { indicatorId, score: input.score, reason: input.reason }, reason: input.reason }];
}

/** 偏差原因分析及改进措施, for an indicator or (without indicatorId) for budget execution. */
export function recordDeviation(state: ProjectState, input: RecordDeviationInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  if (input.indicatorId !== undefined) requireIndicator(project, input.indicatorId);
  // Every new record names its checkpoint; without one, the checkpoint current today.
  const checkpoint = input.checkpoint ?? checkpointCurrentOn(project, ctx.now.setZone(ZONE).toISODate()!);
  return [
    {
      type: 'DeviationRecorded',
      data: {
        ...(input.indicatorId !== undefined ? { indicatorId: input.indicatorId } : {}),
        category: input.category,
        reason: input.reason,
        measure: input.measure,
        ...(input.likelihood ? { likelihood: input.likelihood } : {}),
        checkpoint,
      },
      reason: input.reason,
    },
  ];
}
