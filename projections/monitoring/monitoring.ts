import type { DeclaredProject } from '../../domain/project/state.js';
import { formatFen } from '../../domain/values/format.js';
import type { CheckpointProgress, Colour, Monitoring } from './types.js';
import { round2 } from '../../domain/scoring/round.js';
import { checkpointDate, monthOfYear, plannedPercentAt } from './checkpoints.js';
import { colourOfRatio, worstColour } from './colour.js';
import { monitorIndicator } from './indicator-monitoring.js';

export const EXECUTION_ITEM_NAME = '预算执行';

function spentBy(project: DeclaredProject, date: string): number {
  let sum = 0;
  for (const s of project.spending) if (s.date <= date) sum += s.amountFen;
  return sum;
}

const percentOfBudget = (fen: number, budgetFen: number): number =>
  budgetFen > 0 ? round2((fen / budgetFen) * 100) : 0;

/**
 * actual / planned × 100 from the unrounded share spent, and its colour; nothing planned yet (or
 * no budget) cannot be behind.
 */
function progress(spentFen: number, plannedPercent: number, budgetFen: number, project: DeclaredProject) {
  if (plannedPercent <= 0 || budgetFen <= 0) return { ratio: null, colour: 'green' as Colour };
  const ratio = round2((spentFen * 100 * 100) / (budgetFen * plannedPercent));
  return { ratio, colour: colourOfRatio(ratio, project.policy.colours) };
}

/**
 * 绩效运行监控 at `asOf` (docs/domain.md §4), from a project folded up to that date.
 * - checkpoints: the policy's month ends (Asia/Shanghai) on or before asOf, each with the planned
 *   share (see plannedPercentAt), the share spent by that day and their ratio;
 * - execution: spent by asOf against the planned share of the latest checkpoint passed (0 before
 *   the first: nothing is due yet), or with no plan the time share month/12 of asOf's month;
 * - indicators: see monitorIndicator, against the same planned share;
 * - colour: the worst of execution and indicators; deviations: the red and yellow items with the
 *   deviation records already made for them.
 */
export function computeMonitoring(project: DeclaredProject, asOf: string): Monitoring {
  const budgetFen = project.budget.totalFen;
  const plan = project.spendingPlan;

  const checkpoints: CheckpointProgress[] = [...new Set(project.policy.checkpoints)]
    .sort((a, b) => a - b)
    .map((month) => ({ month, date: checkpointDate(project.year, month) }))
    .filter((c) => c.date <= asOf)
    .map(({ month, date }) => {
      const plannedPercent = plannedPercentAt(plan, month);
      const spentFen = spentBy(project, date);
      const actualPercent = percentOfBudget(spentFen, budgetFen);
      return { month, date, plannedPercent, actualPercent, ...progress(spentFen, plannedPercent, budgetFen, project) };
    });

  const latest = checkpoints.at(-1);
  const plannedPercent =
    plan.length === 0 ? plannedPercentAt([], monthOfYear(project.year, asOf)) : (latest?.plannedPercent ?? 0);
  const spent = spentBy(project, asOf);
  const actualPercent = percentOfBudget(spent, budgetFen);
  const execution = {
    budget: formatFen(budgetFen),
    spent: formatFen(spent),
    actualPercent,
    plannedPercent,
    ...progress(spent, plannedPercent, budgetFen, project),
  };

  const indicators = project.indicators.map((i) => monitorIndicator(i, asOf, plannedPercent, project.policy.colours));

  const flagged = (c: Colour | null): c is 'red' | 'yellow' => c === 'red' || c === 'yellow';
  const deviations: Monitoring['deviations'] = [];
  if (flagged(execution.colour)) {
    deviations.push({
      indicatorId: null,
      name: EXECUTION_ITEM_NAME,
      colour: execution.colour,
      records: project.deviations.filter((d) => d.indicatorId === undefined),
    });
  }
  for (const i of indicators) {
    if (flagged(i.colour)) {
      deviations.push({
        indicatorId: i.id,
        name: i.name,
        colour: i.colour,
        records: project.deviations.filter((d) => d.indicatorId === i.id),
      });
    }
  }

  return {
    projectId: project.id,
    asOf,
    colour: worstColour([execution.colour, ...indicators.map((i) => i.colour)]),
    execution,
    checkpoints,
    indicators,
    deviations,
  };
}
