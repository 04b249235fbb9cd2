import type { Policy } from '../project/policy.js';
import { quantityMagnitude } from '../values/units.js';
import type { ActualValue, Comparator, Grade, Quantity, Target } from '../values/types.js';
import type { IndicatorStatus } from './scorecard-types.js';
import { round2 } from './round.js';

const EPS = 1e-9;

/** Score bands of the qualitative grades as fractions of the points (docs/domain.md §5.4). */
export const GRADE_BANDS: Record<Grade, { min: number; max: number; maxInclusive: boolean; defaultTenths: number }> = {
  达成: { min: 0.8, max: 1, maxInclusive: true, defaultTenths: 10 },
  部分达成: { min: 0.6, max: 0.8, maxInclusive: false, defaultTenths: 7 },
  未达成: { min: 0, max: 0.6, maxInclusive: false, defaultTenths: 3 },
};

/** The score a grade gives when none is stated: 达成 w, 部分达成 0.7w, 未达成 0.3w. */
export function gradeDefaultScore(grade: Grade, points: number): number {
  return (points * GRADE_BANDS[grade].defaultTenths) / 10;
}

/** A band edge as shown in messages: at most 4 decimals, no float noise. */
const edge = (x: number): number => Number(x.toFixed(4));

/**
 * Null when `score` lies in the grade's band (达成 [0.8w, w], 部分达成 [0.6w, 0.8w), 未达成 [0, 0.6w)),
 * else the reason it is refused, with the band in 分. The command that records an assessment
 * refuses such a score; the scorecard only reports it.
 */
export function checkGradeScore(grade: Grade, score: number, points: number): string | null {
  const band = GRADE_BANDS[grade];
  const lo = points * band.min;
  const hi = points * band.max;
  const inBand = score >= lo - EPS && (band.maxInclusive ? score <= hi + EPS : score < hi - EPS);
  if (inBand) return null;
  return `${grade}的得分应在 [${edge(lo)}, ${edge(hi)}${band.maxInclusive ? ']' : ')'} 之内，得到 ${score}`;
}

export type IndicatorScoreInput = {
  target: Target;
  points: number;
  /** The latest actual (latestActual of state.ts), if any. */
  actual?: ActualValue;
  /** The assessor's grade (and score) from IndicatorAssessed, if any. */
  assessment?: { grade: Grade; score?: number };
  reverse: Policy['reverse'];
  /** Evaluation date: an uncompleted deadline not yet passed stays pending. Absent: at evaluation. */
  asOf?: string;
};

export type IndicatorScoreResult = {
  /** Unrounded; rounding is the scorecard's business. */
  score: number;
  status: IndicatorStatus;
  /** B / A × 100 for ≥ > =, A / B × 100 for ≤ <; in a range 100 within, else as the bound crossed. */
  achievementPercent: number | null;
  /** B ≥ 1.3 × A on a ≥, > or = indicator: full points, but the target may have been set too low. */
  overAchieved: boolean;
  /** The grade it was scored by, when scored as qualitative. */
  grade?: Grade;
  /** Why a recorded value could not be used (unit mismatch, score out of band …). */
  problems: string[];
};

/** met: full points; unmet: nothing, or graded 未达成; partial in between. */
export function statusOf(score: number, points: number, grade?: Grade): Exclude<IndicatorStatus, 'pending' | 'notApplicable'> {
  if (grade === '未达成') return 'unmet';
  if (points <= 0) return grade === '部分达成' ? 'partial' : 'met';
  if (score >= points - EPS) return 'met';
  if (score <= EPS) return 'unmet';
  return 'partial';
}

const pending = (problems: string[] = []): IndicatorScoreResult => ({
  score: 0,
  status: 'pending',
  achievementPercent: null,
  overAchieved: false,
  problems,
});

function byGrade(grade: Grade, points: number, givenScore: number | undefined, problems: string[]): IndicatorScoreResult {
  let score = gradeDefaultScore(grade, points);
  if (givenScore !== undefined) {
    // Recorded facts are used as given (the command refused out-of-band scores); only report a misfit.
    const misfit = checkGradeScore(grade, givenScore, points);
    if (misfit) problems.push(misfit);
    score = Math.min(Math.max(givenScore, 0), points);
  }
  return { score, status: statusOf(score, points, grade), achievementPercent: null, overAchieved: false, grade, problems };
}

/** Scored as 定性: the assessment, else a grade recorded as the actual; none → pending. */
function qualitative(input: IndicatorScoreInput, problems: string[]): IndicatorScoreResult {
  if (input.assessment) return byGrade(input.assessment.grade, input.points, input.assessment.score, problems);
  if (input.actual?.kind === 'grade') return byGrade(input.actual.grade, input.points, undefined, problems);
  return pending(problems);
}

/** Why two quantities cannot be compared, or null. A number with no unit is read in the target's unit. */
function mismatch(target: Quantity, actual: Quantity): string | null {
  if (target.kind !== actual.kind) return '实际值与目标值一个是金额一个不是，无法比较';
  if (target.kind === 'number' && actual.kind === 'number' && target.unit !== actual.unit && target.unit && actual.unit) {
    return `实际值单位 ${actual.unit} 与目标单位 ${target.unit} 不一致`;
  }
  return null;
}

/** Fraction of the points earned by B against A, before over-achievement and percent. */
function reachFraction(comparator: Comparator, a: number, b: number, reverse: Policy['reverse']): number {
  switch (comparator) {
    case '>=':
    case '>':
      if (a <= 0) return 1;
      return b >= a ? 1 : b / a;
    case '=':
      if (a <= 0) return b <= 0 ? 1 : 0; // "安全事故 = 0"
      return b >= a ? 1 : b / a;
    case '<=':
    case '<':
      if (a <= 0) return b <= 0 ? 1 : 0;
      if (b <= a) return 1;
      return reverse === 'linear' ? Math.max(0, (2 * a - b) / a) : a / b;
  }
}

function percentOf(comparator: Comparator, a: number, b: number): number | null {
  if (comparator === '<=' || comparator === '<') return b > 0 ? round2((a / b) * 100) : null;
  return a > 0 ? round2((b / a) * 100) : null;
}

function quantitative(
  target: Extract<Target, { kind: 'compare' | 'range' }>,
  actual: Quantity,
  input: IndicatorScoreInput,
): IndicatorScoreResult {
  const problems: string[] = [];
  const reference = target.kind === 'compare' ? target.quantity : target.min;
  const problem = mismatch(reference, actual);
  if (problem) return pending([problem]);
  const b = Math.max(0, quantityMagnitude(actual)); // negatives count as 0
  let fraction: number;
  let achievementPercent: number | null;
  let overAchieved = false;
  if (target.kind === 'compare') {
    const a = quantityMagnitude(target.quantity);
    fraction = reachFraction(target.comparator, a, b, input.reverse);
    achievementPercent = percentOf(target.comparator, a, b);
    // `=` too: an actual far above an "= A" target also says the target may have been set too low.
    const greater = target.comparator === '>=' || target.comparator === '>' || target.comparator === '=';
    // B ≥ 1.3A, compared as 10B ≥ 13A so that exactly 130 % is not lost to float noise.
    overAchieved = greater && a > 0 && b * 10 >= a * 13 - EPS * Math.max(1, a);
  } else {
    const lo = quantityMagnitude(target.min);
    const hi = quantityMagnitude(target.max);
    if (b < lo) {
      fraction = reachFraction('>=', lo, b, input.reverse);
      achievementPercent = percentOf('>=', lo, b);
    } else if (b > hi) {
      fraction = reachFraction('<=', hi, b, input.reverse);
      achievementPercent = percentOf('<=', hi, b);
    } else {
      fraction = 1;
      achievementPercent = 100;
    }
  }
  const score = input.points * fraction;
  return { score, status: statusOf(score, input.points), achievementPercent, overAchieved, problems };
}

/**
 * The score of one level-3 indicator (docs/domain.md §5.4), unrounded.
 * A = target, B = the latest actual, w = points.
 * - ≥ > =: B ≥ A → w, else w·B/A; A = 0 → w (for `=`: w if B ≤ 0, else 0).
 * - ≤ <: B ≤ A → w, else linear w·max(0, 1 − (B − A)/A) (0 at B = 2A) or ratio w·A/B; A = 0 → w if B ≤ 0, else 0.
 * - range [a, b]: within → w, below as ≥ a, above as ≤ b.
 * - deadline: completed on or before it → w; later or not completed → as 定性 (default 未达成).
 * - 定性: the grade's stated score, else its default (w, 0.7w, 0.3w); no grade yet → pending.
 * A quantitative indicator with a grade recorded as its actual, or assessed with no actual, is scored
 * as 定性. No actual and no grade → pending, 0.
 */
export function scoreIndicator(input: IndicatorScoreInput): IndicatorScoreResult {
  const { target, actual } = input;
  switch (target.kind) {
    case 'compare':
    case 'range':
      if (actual?.kind === 'quantity') return quantitative(target, actual.quantity, input);
      if (actual?.kind === 'date') return qualitative(input, ['定量指标的实际值是日期，无法比较']);
      return qualitative(input, []);
    case 'deadline': {
      const problems = actual?.kind === 'quantity' ? ['时效指标的实际值应为完成日期'] : [];
      if (actual?.kind === 'date' && actual.date <= target.date) {
        return { score: input.points, status: statusOf(input.points, input.points), achievementPercent: null, overAchieved: false, problems };
      }
      if (input.assessment || actual?.kind === 'grade') return qualitative(input, problems);
      const notYetDue = actual?.kind !== 'date' && input.asOf !== undefined && input.asOf <= target.date;
      if (notYetDue) return pending(problems);
      return byGrade('未达成', input.points, undefined, problems);
    }
    case 'qualitative': {
      const problems = actual?.kind === 'quantity' || actual?.kind === 'date' ? ['定性指标需评定等级（达成/部分达成/未达成）'] : [];
      return qualitative(input, problems);
    }
  }
}
