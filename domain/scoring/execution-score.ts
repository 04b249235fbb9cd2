import type { DeclaredProject } from '../project/state.js';
import { formatFen } from '../values/format.js';
import type { ExecutionScore, SourceExecution } from './scorecard-types.js';
import { round, round2, type RoundingMode } from './round.js';

/** Below this share of the budget spent, execution asks for a deviation explanation. */
export const EXECUTION_EXPLANATION_PERCENT = 90;

/** 全年执行数: the sum of the spending recorded (negative entries correct earlier ones). */
export const spentFen = (project: Pick<DeclaredProject, 'spending'>): number =>
  project.spending.reduce((sum, s) => sum + s.amountFen, 0);

/** 全年执行数 per source; spending recorded without a source counts to the first. */
export function spentBySource(project: Pick<DeclaredProject, 'spending' | 'budget'>): Map<string, number> {
  const spent = new Map(project.budget.sources.map((s) => [s.name, 0]));
  const first = project.budget.sources[0]?.name;
  for (const s of project.spending) {
    const name = s.source ?? first;
    if (name !== undefined) spent.set(name, (spent.get(name) ?? 0) + s.amountFen);
  }
  return spent;
}

function sourceRows(project: Pick<DeclaredProject, 'spending' | 'budget'>): SourceExecution[] {
  const spent = spentBySource(project);
  return project.budget.sources.map((s) => {
    const fen = spent.get(s.name) ?? 0;
    return {
      name: s.name,
      initialBudget: formatFen(s.fen),
      budget: formatFen(s.totalFen),
      spent: formatFen(fen),
      ratePercent: s.totalFen > 0 ? round2((Math.max(0, fen) / s.totalFen) * 100) : null,
    };
  });
}

/**
 * 预算执行率 (docs/domain.md §5.3): rate = 全年执行数 / 全年预算数, score = weight × min(rate, 1), rounded by
 * policy. A zero budget scores 0 with a warning. Under 90 % asks for an explanation, which a
 * DeviationRecorded without indicatorId gives.
 */
export function scoreExecution(
  project: Pick<DeclaredProject, 'budget' | 'spending' | 'deviations'> & Partial<Pick<DeclaredProject, 'executionOverride'>>,
  points: number,
  rounding: RoundingMode,
): ExecutionScore {
  const budgetFen = project.budget.totalFen;
  const spent = spentFen(project);
  const warnings: string[] = [];
  let rate = 0;
  if (budgetFen <= 0) warnings.push('全年预算数为 0，预算执行率按 0 分计');
  else {
    rate = Math.max(0, spent) / budgetFen;
    if (spent > budgetFen) warnings.push(`全年执行数 ${formatFen(spent)} 元超过全年预算数 ${formatFen(budgetFen)} 元`);
  }
  const computedScore = round(points * Math.min(rate, 1), rounding);
  const override = project.executionOverride;
  // Integer comparison in fen: 90 % exactly does not ask for an explanation.
  const needsExplanation = budgetFen > 0 && spent * 100 < budgetFen * EXECUTION_EXPLANATION_PERCENT;
  return {
    initialBudget: formatFen(project.budget.initialFen),
    budget: formatFen(budgetFen),
    spent: formatFen(spent),
    ratePercent: round2(rate * 100),
    points,
    score: override ? round(override.score, rounding) : computedScore,
    computedScore,
    ...(override ? { override: { score: override.score, reason: override.reason, actor: override.actor } } : {}),
    needsExplanation,
    explained: project.deviations.some((d) => d.indicatorId === undefined),
    sources: sourceRows(project),
    warnings,
  };
}
