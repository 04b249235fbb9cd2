import type { GradeLabel } from '../../domain/scoring/grade.js';
import type { Colour } from '../monitoring/types.js';

/**
 * The roll-up of a department's projects for one year, as of a point (issue 17 item 3). Money is
 * integer fen (`…Fen`, exact for sums) and 元 text with two decimals ("450000.00"); percentages are
 * rounded half-up to 2 decimals. Budget is 全年预算数 (after approved adjustments), spent 全年执行数,
 * both as of the point.
 */

/** Budget, spending and execution of a set of projects, or of one funding source. */
export type RollupMoney = {
  budgetFen: number;
  budget: string;
  spentFen: number;
  spent: string;
  /** spent / budget × 100; null when the budget is 0. */
  executionPercent: number | null;
};

/** One funding source, named as the projects name it (财政拨款, 上年结转, 其他资金 …). */
export type RollupSource = RollupMoney & { name: string; projects: number };

/** One project of the department at the point. */
export type ProjectRollupLine = RollupMoney & {
  id: string;
  code: string;
  name: string;
  /** The department as the project spells it. */
  department: string;
  /** Per registered funding source (none when the project registered no sources). */
  sources: (RollupMoney & { name: string })[];
  /** The self-evaluation total at the point (pending rows score 0), by the project's own policy. */
  score: number;
  grade: GradeLabel;
  /** The monitoring colour at the point (the worst of execution and indicators). */
  colour: Colour;
  submitted: boolean;
  /** missingExplanations > 0. */
  needsExplanation: boolean;
  /**
   * How many items still ask for 偏差原因分析及改进措施 without a record. Before 31 December: the red or
   * yellow items of the checkpoint current at the point without a deviation record of that checkpoint
   * (the monitoring form's rule). From 31 December on: the gaps that keep the self-evaluation from
   * being submitted (submit's rule). The items themselves are on the project's monitoring form and
   * scorecard.
   */
  missingExplanations: number;
};

export type ProjectRef = { id: string; name: string };

export type DepartmentRollup = RollupMoney & {
  /** The department as asked (or, in the list, as most of its projects spell it). */
  department: string;
  /** NFKC, whitespace removed: what the projects were matched on. */
  key: string;
  /** The spellings found among the projects, sorted. */
  names: string[];
  year: number;
  /** The business date the colours, deadlines and checkpoints were judged at. */
  asOf: string;
  projectCount: number;
  sources: RollupSource[];
  /** Projects that registered no funding source: their money is in the totals, under no source. */
  withoutSources: RollupMoney & { projects: number };
  /**
   * Σ(score × 全年预算数) / Σ 全年预算数 over the projects, half-up to 2 decimals; projects with a zero
   * budget weigh nothing (they are counted and listed); null when no project has a budget.
   */
  weightedScore: number | null;
  /** By the project grade rule (domain/scoring/grade.ts) with the default thresholds; null with no score. */
  grade: GradeLabel | null;
  grades: Record<GradeLabel, number>;
  colours: Record<Colour, number>;
  projects: ProjectRollupLine[];
  needingExplanation: ProjectRef[];
  notSubmitted: ProjectRef[];
};

/** A row of GET /api/departments: the roll-up without its project lines. */
export type DepartmentSummary = Omit<DepartmentRollup, 'projects' | 'needingExplanation' | 'notSubmitted' | 'sources' | 'withoutSources'> & {
  needingExplanation: number;
  notSubmitted: number;
};
