import { checkpointCurrentOn, deviationCheckpoint } from '../../domain/project/deviation-checkpoint.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import { explanationGaps } from '../../domain/scoring/explanation-gaps.js';
import { spentBySource, spentFen } from '../../domain/scoring/execution-score.js';
import { computeScorecard } from '../../domain/scoring/scorecard.js';
import { computeMonitoring } from '../monitoring/monitoring.js';
import type { Monitoring } from '../monitoring/types.js';
import { colourWord } from '../reports/monitoring-form/monitoring-form-table.js';
import { rollupMoney } from './rollup-money.js';
import type { ProjectRollupLine } from './rollup-types.js';

/** An item asking for 偏差原因分析及改进措施 that has no deviation record yet. */
export type MissingExplanation = { indicatorId: string | null; name: string; reason: string };

/**
 * Before the year's last day, the monitoring form's rule: each red or yellow item at `asOf` needs a
 * deviation record of the checkpoint current then (the latest passed, else the first ahead).
 */
function unexplainedAtCheckpoint(project: DeclaredProject, monitoring: Monitoring, asOf: string): MissingExplanation[] {
  const checkpoint = checkpointCurrentOn(project, asOf);
  const out: MissingExplanation[] = [];
  for (const item of monitoring.deviations) {
    const indicatorId = item.indicatorId ?? undefined;
    const explained = project.deviations.some((d) => d.indicatorId === indicatorId && deviationCheckpoint(project, d).checkpoint === checkpoint);
    if (!explained) {
      const when = checkpoint === 'year-end' ? '年末' : `${checkpoint}月节点`;
      out.push({ indicatorId: item.indicatorId, name: item.name, reason: `${when}${colourWord(item.colour)}，缺少偏差原因分析及改进措施` });
    }
  }
  return out;
}

/**
 * What still asks for 偏差原因分析及改进措施 at `asOf`: before 31 December the monitoring form's rule,
 * from 31 December on the self-evaluation gaps `submit` refuses on.
 */
export function missingExplanations(project: DeclaredProject, asOf: string, card = computeScorecard(project, { asOf }), monitoring = computeMonitoring(project, asOf)): MissingExplanation[] {
  return asOf >= `${project.year}-12-31`
    ? explanationGaps(card).map((g) => ({ indicatorId: g.indicatorId, name: g.name, reason: g.message }))
    : unexplainedAtCheckpoint(project, monitoring, asOf);
}

/**
 * One project's line of its department's roll-up, from the project folded to the point and the
 * business date the point stands for: the scorecard and the monitoring as their own queries compute
 * them, and what still asks for an explanation (see ProjectRollupLine.missingExplanations).
 */
export function projectRollupLine(project: DeclaredProject, asOf: string): ProjectRollupLine {
  const card = computeScorecard(project, { asOf });
  const monitoring = computeMonitoring(project, asOf);
  const missing = missingExplanations(project, asOf, card, monitoring);
  const bySource = spentBySource(project);
  return {
    id: project.id,
    code: project.code,
    name: project.name,
    department: project.department,
    ...rollupMoney(project.budget.totalFen, spentFen(project)),
    sources: project.budget.sources.map((s) => ({ name: s.name, ...rollupMoney(s.totalFen, bySource.get(s.name) ?? 0) })),
    score: card.total,
    grade: card.grade,
    colour: monitoring.colour,
    submitted: project.status === 'submitted',
    needsExplanation: missing.length > 0,
    missingExplanations: missing.length,
  };
}
