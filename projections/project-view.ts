import { DEVIATION_CATEGORIES, LIKELIHOODS, type DeviationCheckpoint } from '../domain/project/events.js';
import { deviationCheckpoint } from '../domain/project/deviation-checkpoint.js';
import type { Policy } from '../domain/project/policy.js';
import {
  latestActual,
  type ActualEntry,
  type BudgetAdjustment,
  type DeclaredProject,
  type Deviation,
  type ForecastEntry,
  type SpendingForecast,
  type IndicatorState,
  type Recorded,
  type SpendingEntry,
  type TargetRevision,
} from '../domain/project/state.js';
import { formatFen } from '../domain/values/format.js';
import { periodWarnings } from '../domain/values/parse-period.js';
import { GRADES, type Grade, type Level1, type Quantity, type Target } from '../domain/values/types.js';

/**
 * The answer of `GET /api/projects/:id`: a project as a reader sees it, built field by field from the
 * state (so a change of the state's internals does not change the API), with what a page would
 * otherwise derive itself: the actual that counts per indicator, the amount spent, money also as
 * 元 text, and the choices the forms offer.
 */
export type ProjectView = {
  id: string;
  code: string;
  year: number;
  name: string;
  department: string;
  unit?: string;
  status: DeclaredProject['status'];
  /** The stream revision this view stands at (the ETag of the current state). */
  revision: number;
  goals: { annual?: string; longTerm?: string };
  /** Every revision of the goals (previous text, reason, who, when). */
  goalsRevisions: DeclaredProject['goalsRevisions'];
  /** 实际完成情况 as written, and every earlier version. */
  achievements: { text: string | null; history: DeclaredProject['achievementsHistory'] };
  /** 项目实施期 and its warnings (reversed, not covering the year, implausibly long). */
  implementationPeriod: { start: string; end: string; text?: string; warnings: string[] } | null;
  /** Money unit of the printed forms. */
  displayUnit: DeclaredProject['displayUnit'];
  executionOverride?: DeclaredProject['executionOverride'];
  policy: Policy;
  registered: Recorded;
  budget: {
    initialFen: number;
    /** 全年预算数: the latest approved total. */
    totalFen: number;
    /** 全年执行数: every spending entry of this view, corrections included. */
    spentFen: number;
    /** The same three as decimal 元 text, "450000.00". */
    initial: string;
    total: string;
    spent: string;
    sources: { name: string; fen: number; totalFen: number }[];
    adjustments: BudgetAdjustment[];
  };
  indicators: IndicatorView[];
  /** Once anything is recorded against the table, only revisions change it. */
  targetsLocked: boolean;
  targetsDeclaredAt?: Recorded;
  spendingPlan: { month: number; cumulativePercent: number }[];
  spending: SpendingEntry[];
  /** Each deviation with the checkpoint it explains; `checkpointStated: false` when the record predates checkpoints and it was read from the recording date. */
  deviations: (Deviation & { checkpoint: DeviationCheckpoint; checkpointStated: boolean })[];
  /** 全年预计执行数 as recorded, in recording order. */
  spendingForecasts: SpendingForecast[];
  evaluation: {
    submissions: (Recorded & { total: number; grade: string })[];
    reopenings: (Recorded & { reason: string })[];
  };
  /** The values the forms offer (the commands accept no others). */
  choices: {
    deviationCategories: readonly string[];
    likelihoods: readonly string[];
    grades: readonly Grade[];
  };
};

export type IndicatorView = {
  id: string;
  level1: Level1;
  /** Level 1 as printed (产出指标, 成本指标, …). */
  level1Name: string;
  level2: string;
  name: string;
  /** The latest approved target, and as written. */
  target: Target;
  targetText: string;
  originalTarget: Target;
  originalTargetText: string;
  /** 定量 compare/range, 完成时限 deadline, 定性 qualitative: qualitative ones are assessed, the others get actuals. */
  kind: Target['kind'];
  standard?: string;
  reference?: { text: string; quantity?: Quantity };
  explanation?: string;
  scoringNote?: string;
  points?: number;
  /** The 年度主要任务 a department's indicator belongs to. */
  task?: string;
  revisions: TargetRevision[];
  /** In recording order. */
  actuals: ActualEntry[];
  /** The actual that counts: the latest by asOf, ties to the later recorded (docs/domain.md). */
  latestActual: ActualEntry | null;
  /** 预计全年完成值 as recorded, in recording order. */
  forecasts: ForecastEntry[];
  assessment?: Recorded & { grade: Grade; score?: number; comment?: string };
  override?: Recorded & { score: number; reason: string };
};

const CHOICES: ProjectView['choices'] = { deviationCategories: DEVIATION_CATEGORIES, likelihoods: LIKELIHOODS, grades: GRADES };

export function projectView(project: DeclaredProject): ProjectView {
  let spentFen = 0;
  for (const s of project.spending) spentFen += s.amountFen;
  return {
    id: project.id,
    code: project.code,
    year: project.year,
    name: project.name,
    department: project.department,
    ...(project.unit !== undefined ? { unit: project.unit } : {}),
    status: project.status,
    revision: project.revision,
    goals: project.goals,
    goalsRevisions: project.goalsRevisions,
    achievements: { text: project.achievements?.text ?? null, history: project.achievementsHistory },
    implementationPeriod: project.implementationPeriod
      ? { ...project.implementationPeriod, warnings: periodWarnings(project.implementationPeriod, project.year) }
      : null,
    displayUnit: project.displayUnit,
    ...(project.executionOverride ? { executionOverride: project.executionOverride } : {}),
    policy: project.policy,
    registered: project.registered,
    budget: {
      initialFen: project.budget.initialFen,
      totalFen: project.budget.totalFen,
      spentFen,
      initial: formatFen(project.budget.initialFen),
      total: formatFen(project.budget.totalFen),
      spent: formatFen(spentFen),
      sources: project.budget.sources,
      adjustments: project.budget.adjustments,
    },
    indicators: project.indicators.map(indicatorView),
    targetsLocked: project.targetsLocked,
    ...(project.targetsDeclaredAt !== undefined ? { targetsDeclaredAt: project.targetsDeclaredAt } : {}),
    spendingPlan: project.spendingPlan,
    spending: project.spending,
    deviations: project.deviations.map((d) => {
      const reading = deviationCheckpoint(project, d);
      return { ...d, checkpoint: reading.checkpoint, checkpointStated: reading.stated };
    }),
    spendingForecasts: project.spendingForecasts ?? [],
    evaluation: project.evaluation,
    choices: CHOICES,
  };
}

function indicatorView(i: IndicatorState): IndicatorView {
  const optional = <K extends 'standard' | 'reference' | 'explanation' | 'scoringNote' | 'points' | 'task' | 'assessment' | 'override'>(key: K) =>
    i[key] !== undefined ? ({ [key]: i[key] } as Pick<IndicatorState, K>) : {};
  return {
    id: i.id,
    level1: i.level1,
    level1Name: i.level1Name,
    level2: i.level2,
    name: i.name,
    target: i.target,
    targetText: i.targetText,
    originalTarget: i.originalTarget,
    originalTargetText: i.originalTargetText,
    kind: i.target.kind,
    ...optional('standard'),
    ...optional('reference'),
    ...optional('explanation'),
    ...optional('scoringNote'),
    ...optional('points'),
    ...optional('task'),
    revisions: i.revisions,
    actuals: i.actuals,
    latestActual: latestActual(i) ?? null,
    forecasts: i.forecasts ?? [],
    ...optional('assessment'),
    ...optional('override'),
  };
}
