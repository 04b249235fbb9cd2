import type { DeclaredProject, IndicatorState } from '../project/state.js';
import { gradeOf } from '../scoring/grade.js';
import { round2 } from '../scoring/round.js';
import { computeScorecard } from '../scoring/scorecard.js';
import type { Scorecard } from '../scoring/scorecard-types.js';
import { EXECUTION_LABEL } from '../scoring/weights.js';
import { formatFen } from '../values/format.js';
import { indicatorBasis, spendingBasis, type IndicatorBasis } from './basis.js';
import { neededForFullPoints, shortfall } from './needed.js';
import type { ForecastIndicatorRow, GradeChange, GradeLift, YearEndForecast } from './types.js';

const EXECUTION_ID = 'execution';

/**
 * The project as it would stand at the year end if it ends as forecast: each indicator's one actual is
 * its basis value, the spending is the expected 全年执行数. Scored by computeScorecard, so the forecast
 * follows every scoring rule of the self-evaluation and none is written twice.
 */
function asForecast(project: DeclaredProject, bases: IndicatorBasis[], expectedFen: number, yearEnd: string): DeclaredProject {
  const stamp = { actor: 'forecast', recordedAt: `${yearEnd}T23:59:59.999+08:00`, revision: project.revision };
  const indicators = project.indicators.map((indicator, k): IndicatorState => {
    const b = bases[k]!;
    const actuals = b.value
      ? [{ actor: stamp.actor, recordedAt: stamp.recordedAt, revision: stamp.revision, value: b.value, text: b.text ?? '', asOf: b.asOf ?? yearEnd }]
      : [];
    // Without the judgements when the row stands on something else: set to undefined rather than
    // deleted (a `delete` turns the object into a slow dictionary); scoring reads them as absent.
    const changes = b.keepsJudgements ? { actuals } : { actuals, assessment: undefined, override: undefined };
    return Object.assign({}, indicator, changes) as IndicatorState;
  });
  return Object.assign({}, project, {
    indicators,
    spending: [{ ...stamp, amountFen: expectedFen, date: yearEnd }],
  });
}

/**
 * The fewest rows to bring to full points for the expected total to reach `threshold`: rows sorted by
 * what they would gain, largest first (no k rows gain more than the k largest gains), taken until
 * the total reaches it.
 */
function lift(grade: GradeLift['grade'], threshold: number, total: number, changes: GradeChange[]): GradeLift {
  if (total >= threshold) return { grade, threshold, reached: true, possible: true, changes: [], totalAfter: total };
  const taken: GradeChange[] = [];
  let after = total;
  for (const c of changes) {
    taken.push(c);
    after = round2(after + c.gain);
    if (after >= threshold) return { grade, threshold, reached: false, possible: true, changes: taken, totalAfter: after };
  }
  return { grade, threshold, reached: false, possible: false, changes: [], totalAfter: after };
}

function rows(project: DeclaredProject, card: Scorecard, bases: IndicatorBasis[]): ForecastIndicatorRow[] {
  return project.indicators.map((indicator, k) => {
    const b = bases[k]!;
    const scored = card.indicators[k]!;
    return {
      id: indicator.id,
      level1: indicator.level1Name,
      level2: indicator.level2,
      name: indicator.name,
      target: indicator.targetText,
      basis: b.basis,
      value: b.text,
      valueAsOf: b.asOf,
      points: scored.points,
      score: scored.score,
      status: scored.status,
      neededForFullPoints: neededForFullPoints(indicator.target),
      shortfall: scored.status === 'met' ? null : shortfall(indicator.target, b.value),
    };
  });
}

/**
 * The year-end forecast of a project folded as of `asOf` (domain.md §4–§5, issue 16): the expected total
 * and grade if the year ends as forecast, which basis each row stands on, and what it takes to reach
 * full points per row and the grades 良 and 优.
 */
export function computeYearEndForecast(project: DeclaredProject, asOf: string, currentCard?: Scorecard): YearEndForecast {
  const yearEnd = `${project.year}-12-31`;
  // The caller may hand in the scorecard as of asOf it already has (the project list does).
  const current = currentCard?.asOf === asOf ? currentCard : computeScorecard(project, { asOf });
  const spending = spendingBasis(project, asOf);
  const bases = project.indicators.map((i) => indicatorBasis(project, i, asOf));
  const card = computeScorecard(asForecast(project, bases, spending.expectedFen, yearEnd), { asOf: yearEnd });
  const indicators = rows(project, card, bases);

  let spentSoFar = 0;
  for (const s of project.spending) if (s.date <= asOf) spentSoFar += s.amountFen;
  const budgetText = formatFen(project.budget.totalFen);
  const executionNeeded = `全年执行数达到 ${budgetText} 元`;

  const changes: GradeChange[] = [
    { id: EXECUTION_ID, name: EXECUTION_LABEL, from: card.execution.score, to: card.execution.points, gain: 0, needed: executionNeeded },
    ...indicators.map((r) => ({ id: r.id, name: r.name, from: r.score, to: r.points, gain: 0, needed: r.neededForFullPoints })),
  ]
    .map((c) => ({ ...c, gain: round2(c.to - c.from) }))
    .filter((c) => c.gain > 0)
    .sort((a, b) => b.gain - a.gain);

  const grades = project.policy.grades;
  return {
    projectId: project.id,
    asOf,
    yearEnd,
    current: { total: current.total, grade: current.grade },
    expected: { total: card.total, grade: gradeOf(card.total, grades) },
    execution: {
      basis: spending.basis,
      budget: budgetText,
      spentSoFar: formatFen(spentSoFar),
      expectedSpent: formatFen(spending.expectedFen),
      expectedRatePercent: card.execution.ratePercent,
      points: card.execution.points,
      score: card.execution.score,
      bySource: spending.bySource.map((s) => ({ source: s.source, expectedSpent: formatFen(s.fen), asOf: s.asOf })),
      neededForFullPoints: executionNeeded,
    },
    indicators,
    whatItTakes: {
      good: lift('良', grades.good, card.total, changes),
      excellent: lift('优', grades.excellent, card.total, changes),
    },
    warnings: card.warnings,
  };
}
