import { departmentKey } from '../../domain/department/department-key.js';
import { defaultPolicy } from '../../domain/project/policy.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import { GRADE_LABELS, gradeOf, type GradeLabel } from '../../domain/scoring/grade.js';
import type { Colour } from '../monitoring/types.js';
import { projectRollupLine } from './project-line.js';
import { rollupMoney } from './rollup-money.js';
import type { DepartmentRollup, DepartmentSummary, ProjectRollupLine, RollupSource } from './rollup-types.js';

const COLOURS: readonly Colour[] = ['green', 'yellow', 'red', 'blue'];
/** The department's grade: the project rule with the domain's default thresholds. */
const GRADES = defaultPolicy().grades;

/**
 * Σ(score × budget) / Σ budget, exactly: scores carry 2 decimals, so score × 100 is an integer and the
 * products are summed as BigInt (fen × 10,000 passes 2^53), then divided half-up to 2 decimals.
 * Zero-budget projects weigh nothing; null when no project has a budget.
 */
export function budgetWeightedScore(lines: readonly Pick<ProjectRollupLine, 'score' | 'budgetFen'>[]): number | null {
  let weighted = 0n;
  let weights = 0n;
  for (const l of lines) {
    if (l.budgetFen <= 0) continue;
    weighted += BigInt(Math.round(l.score * 100)) * BigInt(l.budgetFen);
    weights += BigInt(l.budgetFen);
  }
  if (weights === 0n) return null;
  const hundredths = (weighted * 2n + weights) / (weights * 2n); // half-up: scores are never negative
  return Number(hundredths) / 100;
}

export type RollupHeader = { department: string; year: number; asOf: string };

/** The roll-up of a department's project lines (each from projectRollupLine at the same point); projects by id. */
export function departmentRollup(header: RollupHeader, unordered: readonly ProjectRollupLine[]): DepartmentRollup {
  const lines = [...unordered].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let budgetFen = 0;
  let spent = 0;
  const sources = new Map<string, { budgetFen: number; spentFen: number; projects: number }>();
  const without = { budgetFen: 0, spentFen: 0, projects: 0 };
  const grades = Object.fromEntries(GRADE_LABELS.map((g) => [g, 0])) as Record<GradeLabel, number>;
  const colours = Object.fromEntries(COLOURS.map((c) => [c, 0])) as Record<Colour, number>;
  for (const line of lines) {
    budgetFen += line.budgetFen;
    spent += line.spentFen;
    grades[line.grade] += 1;
    colours[line.colour] += 1;
    if (line.sources.length === 0) {
      without.budgetFen += line.budgetFen;
      without.spentFen += line.spentFen;
      without.projects += 1;
    }
    for (const s of line.sources) {
      const sum = sources.get(s.name) ?? { budgetFen: 0, spentFen: 0, projects: 0 };
      sum.budgetFen += s.budgetFen;
      sum.spentFen += s.spentFen;
      sum.projects += 1;
      sources.set(s.name, sum);
    }
  }
  const weightedScore = budgetWeightedScore(lines);
  const ref = (l: ProjectRollupLine) => ({ id: l.id, name: l.name });
  return {
    department: header.department,
    key: departmentKey(header.department),
    names: [...new Set(lines.map((l) => l.department))].sort(),
    year: header.year,
    asOf: header.asOf,
    projectCount: lines.length,
    ...rollupMoney(budgetFen, spent),
    sources: [...sources].map(([name, s]): RollupSource => ({ name, ...rollupMoney(s.budgetFen, s.spentFen), projects: s.projects })),
    withoutSources: { ...rollupMoney(without.budgetFen, without.spentFen), projects: without.projects },
    weightedScore,
    grade: weightedScore === null ? null : gradeOf(weightedScore, GRADES),
    grades,
    colours,
    projects: lines,
    needingExplanation: lines.filter((l) => l.needsExplanation).map(ref),
    notSubmitted: lines.filter((l) => !l.submitted).map(ref),
  };
}

/** The pure roll-up straight from project states folded to the point (the service caches the lines instead). */
export const rollupOfProjects = (header: RollupHeader, projects: readonly DeclaredProject[]): DepartmentRollup =>
  departmentRollup(header, projects.map((p) => projectRollupLine(p, header.asOf)));

/** A row of the department list: the roll-up's figures and counts, without its lines. */
export function departmentSummary(rollup: DepartmentRollup): DepartmentSummary {
  const { projects: _p, needingExplanation, notSubmitted, sources: _s, withoutSources: _w, ...figures } = rollup;
  return { ...figures, needingExplanation: needingExplanation.length, notSubmitted: notSubmitted.length };
}
