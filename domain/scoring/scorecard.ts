import type { DeclaredProject, IndicatorState } from '../project/state.js';
import { latestActual } from '../project/state.js';
import { quantityMagnitude } from '../values/units.js';
import { isNotApplicable } from '../values/not-applicable.js';
import { periodWarnings } from '../values/parse-period.js';
import type { Quantity, Target } from '../values/types.js';
import type { IndicatorScore, Scorecard } from './scorecard-types.js';
import { scoreExecution } from './execution-score.js';
import { gradeOf } from './grade.js';
import { scoreIndicator, statusOf } from './indicator-score.js';
import { round, round2, type RoundingMode } from './round.js';
import { applyWeights } from './weights.js';

/** Share of a reference figure, when both are the same kind of quantity. */
function percentOfReference(value: Quantity | undefined, reference: Quantity): number | null {
  if (!value || value.kind !== reference.kind) return null;
  if (value.kind === 'number' && reference.kind === 'number' && value.unit !== reference.unit) return null;
  const ref = quantityMagnitude(reference);
  return ref === 0 ? null : round2((quantityMagnitude(value) / ref) * 100);
}

const targetQuantity = (t: Target): Quantity | undefined => (t.kind === 'compare' ? t.quantity : undefined);

function referenceOf(indicator: IndicatorState): IndicatorScore['reference'] {
  const ref = indicator.reference;
  if (!ref) return undefined;
  const actual = latestActual(indicator)?.value;
  const actualQuantity = actual?.kind === 'quantity' ? actual.quantity : undefined;
  return {
    text: ref.text,
    targetVsReferencePercent: ref.quantity ? percentOfReference(targetQuantity(indicator.target), ref.quantity) : null,
    actualVsReferencePercent: ref.quantity ? percentOfReference(actualQuantity, ref.quantity) : null,
  };
}

function explanationReason(status: IndicatorScore['status'], overAchieved: boolean): string | undefined {
  if (status === 'pending') return '尚无实际完成值或评定';
  if (status !== 'met') return '未完全达成';
  if (overAchieved) return '超额完成（≥130%）';
  return undefined;
}

function indicatorScore(
  indicator: IndicatorState,
  points: number,
  project: DeclaredProject,
  asOf: string | undefined,
  warnings: string[],
): IndicatorScore {
  const rounding: RoundingMode = project.policy.rounding;
  const latest = latestActual(indicator);
  if (isNotApplicable(indicator.target)) return notApplicableRow(indicator, latest?.text ?? null);
  const result = scoreIndicator({
    target: indicator.target,
    points,
    ...(latest ? { actual: latest.value } : {}),
    ...(indicator.assessment
      ? {
          assessment: {
            grade: indicator.assessment.grade,
            ...(indicator.assessment.score !== undefined ? { score: indicator.assessment.score } : {}),
          },
        }
      : {}),
    reverse: project.policy.reverse,
    ...(asOf !== undefined ? { asOf } : {}),
  });
  for (const p of result.problems) warnings.push(`${indicator.name}：${p}`);

  const computedScore = round(result.score, rounding);
  const override = indicator.override;
  const score = override ? round(override.score, rounding) : computedScore;
  // An override is the assessor's judgment: the status follows the score that counts.
  const status = override ? statusOf(score, points, result.grade) : result.status;
  const needsExplanation = status !== 'met' || result.overAchieved;
  const reason = explanationReason(status, result.overAchieved);
  const reference = referenceOf(indicator);
  const revised = indicator.revisions.length > 0 && indicator.originalTargetText !== indicator.targetText;
  return {
    id: indicator.id,
    level1: indicator.level1Name,
    level2: indicator.level2,
    name: indicator.name,
    target: indicator.targetText,
    ...(revised ? { originalTarget: indicator.originalTargetText } : {}),
    ...(indicator.standard !== undefined ? { standard: indicator.standard } : {}),
    // A grade typed as the actual gives way to the assessment, as it does in the score: the row shows the grade that counts.
    actual: indicator.assessment && (!latest || latest.value.kind === 'grade') ? indicator.assessment.grade : (latest?.text ?? null),
    ...(latest?.reading ? { actualReading: latest.reading } : {}),
    achievementPercent: result.achievementPercent,
    points,
    computedScore,
    score,
    ...(override ? { override: { score: override.score, reason: override.reason, actor: override.actor } } : {}),
    status,
    needsExplanation,
    ...(needsExplanation && reason ? { explanationReason: reason } : {}),
    explained: project.deviations.some((d) => d.indicatorId === indicator.id),
    ...(reference ? { reference } : {}),
  };
}

function notApplicableRow(indicator: IndicatorState, actual: string | null): IndicatorScore {
  return {
    id: indicator.id,
    level1: indicator.level1Name,
    level2: indicator.level2,
    name: indicator.name,
    target: indicator.targetText,
    ...(indicator.standard !== undefined ? { standard: indicator.standard } : {}),
    actual,
    achievementPercent: null,
    points: 0,
    computedScore: 0,
    score: 0,
    status: 'notApplicable',
    needsExplanation: false,
    notApplicable: `年度指标值为 "${indicator.targetText}"，不适用：不计分，分值并入同一一级指标的其他指标`,
    explained: false,
  };
}

/**
 * The year-end self-evaluation score (docs/domain.md §5) of a project folded up to the point in time
 * wanted: the caller filters the events. `asOf` is echoed, and decides whether an uncompleted
 * deadline is still pending (not yet due) or scored 未达成; without it the scorecard is read as at
 * evaluation. Total = execution score + Σ indicator scores, each rounded by policy.
 */
export function computeScorecard(project: DeclaredProject, options: { asOf?: string } = {}): Scorecard {
  const applied = applyWeights(project);
  const warnings = [...applied.errors, ...applied.warnings];
  const execution = scoreExecution(project, applied.weights.execution, project.policy.rounding);
  warnings.push(...execution.warnings);
  if (project.implementationPeriod) warnings.push(...periodWarnings(project.implementationPeriod, project.year));
  const indicators = project.indicators.map((i) =>
    indicatorScore(i, applied.pointsById.get(i.id) ?? 0, project, options.asOf, warnings),
  );
  const total = round2(indicators.reduce((sum, i) => sum + i.score, execution.score));
  return {
    projectId: project.id,
    asOf: options.asOf ?? null,
    total,
    grade: gradeOf(total, project.policy.grades),
    execution,
    indicators,
    weights: applied.weights,
    warnings,
  };
}
