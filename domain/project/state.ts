import type { EventMetadata } from '../recorded-event.js';
import type { ActualValue, Grade, Target } from '../values/types.js';
import type { DISPLAY_UNITS, Indicator, ProjectEvent, ProjectEventData, Task } from './events.js';
import type { Policy } from './policy.js';

/** Who recorded something and when; every fact in the state keeps it for audit. */
export type Recorded = { actor: string; recordedAt: string; revision: number };

export type TargetRevision = Recorded & {
  target: Target;
  targetText: string;
  previousTarget: Target;
  previousTargetText: string;
  reason: string;
  approvalRef: string;
};

export type ActualEntry = Recorded & {
  value: ActualValue;
  text: string;
  asOf: string;
  evidence?: string;
  note?: string;
  reading?: string;
};

export type ForecastEntry = Recorded & Omit<ProjectEventData<'IndicatorForecastRecorded'>, 'indicatorId'>;

export type IndicatorState = Indicator & {
  /** The target as first declared; `target`/`targetText` hold the latest approved value. */
  originalTarget: Target;
  originalTargetText: string;
  revisions: TargetRevision[];
  /** In recording order; the latest by asOf (then recording) is the one scored. */
  actuals: ActualEntry[];
  /** 预计全年完成值, in recording order. Absent in states saved before forecasts existed. */
  forecasts?: ForecastEntry[];
  assessment?: Recorded & { grade: Grade; score?: number; comment?: string };
  override?: Recorded & { score: number; reason: string };
};

export type SpendingEntry = Recorded & ProjectEventData<'SpendingRecorded'>;
export type BudgetAdjustment = Recorded & ProjectEventData<'BudgetAdjusted'>;
export type Deviation = Recorded & ProjectEventData<'DeviationRecorded'>;
export type SpendingForecast = Recorded & ProjectEventData<'SpendingForecastRecorded'>;

export type BudgetSource = { name: string; fen: number; totalFen: number };

export type ProjectState =
  | { status: 'none'; revision: number }
  | DeclaredProject;

export type DeclaredProject = {
  status: 'open' | 'submitted';
  /** Last stream revision folded in. */
  revision: number;
  /** A department-year (部门整体) or a project-year; states saved before department-years have none (a project). */
  kind?: 'project' | 'department';
  id: string;
  code: string;
  year: number;
  name: string;
  department: string;
  unit?: string;
  goals: { annual?: string; longTerm?: string };
  /** Every revision of the goals, oldest first. */
  goalsRevisions: (Recorded & ProjectEventData<'GoalsRevised'>)[];
  /** 实际完成情况 as written by the department, with its earlier versions. */
  achievements?: Recorded & ProjectEventData<'AchievementsDescribed'>;
  achievementsHistory: (Recorded & ProjectEventData<'AchievementsDescribed'>)[];
  executionOverride?: Recorded & ProjectEventData<'ExecutionScoreOverridden'>;
  implementationPeriod?: ProjectEventData<'ImplementationPeriodSet'>['period'];
  periodChanges: (Recorded & ProjectEventData<'ImplementationPeriodSet'>)[];
  /** 元 unless the table imported or the user chose 万元. */
  displayUnit: (typeof DISPLAY_UNITS)[number];
  policy: Policy;
  registered: Recorded;
  budget: {
    initialFen: number;
    /** Per funding source: `fen` is its 年初预算数, `totalFen` its 全年预算数. */
    sources: BudgetSource[];
    /** 全年预算数: the latest approved total. */
    totalFen: number;
    adjustments: BudgetAdjustment[];
  };
  indicators: IndicatorState[];
  /** 年度主要任务 of a department-year, as last declared (absent in states saved before they existed). */
  tasks?: Task[];
  /** Every declaration of the tasks, oldest first. */
  taskDeclarations?: (Recorded & { reason?: string })[];
  /** Once anything is recorded against the table, only revisions change it. */
  targetsLocked: boolean;
  targetsDeclaredAt?: Recorded;
  spendingPlan: { month: number; cumulativePercent: number }[];
  spending: SpendingEntry[];
  deviations: Deviation[];
  /** 全年预计执行数, in recording order. Absent in states saved before forecasts existed. */
  spendingForecasts?: SpendingForecast[];
  evaluation: {
    submissions: (Recorded & { total: number; grade: string })[];
    reopenings: (Recorded & { reason: string })[];
  };
};

export const initialState = (): ProjectState => ({ status: 'none', revision: -1 });

/**
 * Pure: the state after one event. The input is left untouched and the result shares every part the
 * event does not change (the top level, the lists and the indicator it touches are copied), so a
 * state handed out to readers stays valid while the projection moves on.
 */
export function evolve(
  state: ProjectState,
  event: ProjectEvent,
  meta: Pick<EventMetadata, 'actor' | 'recordedAt'> & { revision: number },
): ProjectState {
  return applyEvent(shallowDraft(state, event), event, meta);
}

/**
 * A copy of the parts of `state` that applying `event` changes in place: the top level always, and
 * only the list or the indicator the event touches (an actual copies one indicator and its actuals,
 * not the spending). Object.assign, not spreads: V8 copies `{ ...a, b }` of objects of many shapes
 * through a slow runtime path (about 2 µs each).
 */
function shallowDraft(state: ProjectState, event: ProjectEvent): ProjectState {
  const s = Object.assign({}, state);
  if (s.status === 'none') return s;
  switch (event.type) {
    case 'SpendingRecorded':
      s.spending = s.spending.slice();
      break;
    case 'BudgetAdjusted':
      s.budget = Object.assign({}, s.budget, {
        adjustments: s.budget.adjustments.slice(),
        sources: s.budget.sources.map((x) => Object.assign({}, x)),
      });
      break;
    case 'DeviationRecorded':
      s.deviations = s.deviations.slice();
      break;
    case 'GoalsRevised':
      s.goalsRevisions = s.goalsRevisions.slice();
      break;
    case 'AchievementsDescribed':
      s.achievementsHistory = s.achievementsHistory.slice();
      break;
    case 'ImplementationPeriodSet':
      s.periodChanges = s.periodChanges.slice();
      break;
    case 'SpendingForecastRecorded':
      if (s.spendingForecasts) s.spendingForecasts = s.spendingForecasts.slice();
      break;
    case 'EvaluationSubmitted':
    case 'EvaluationReopened':
      s.evaluation = { submissions: s.evaluation.submissions.slice(), reopenings: s.evaluation.reopenings.slice() };
      break;
    case 'ActualRecorded':
    case 'TargetRevised':
    case 'IndicatorAssessed':
    case 'ScoreOverridden':
    case 'IndicatorForecastRecorded': {
      const touched = event.data.indicatorId;
      s.indicators = s.indicators.map((i) =>
        i.id === touched
          ? Object.assign({}, i, { actuals: i.actuals.slice(), revisions: i.revisions.slice() }, i.forecasts ? { forecasts: i.forecasts.slice() } : {})
          : i,
      );
      break;
    }
    // The others replace what they change (a new table, a new plan) or only the top level.
  }
  return s;
}

/**
 * Applies one event to a state the caller owns, changing it in place, and returns the state
 * (a new object for ProjectRegistered). Folds use it so that a stream of n events costs O(n),
 * not O(n²) array copies; `evolve` is the pure form.
 */
export function applyEvent(
  draft: ProjectState,
  event: ProjectEvent,
  meta: Pick<EventMetadata, 'actor' | 'recordedAt'> & { revision: number },
): ProjectState {
  if (event.type === 'ProjectRegistered') {
    const d = event.data;
    return {
      status: 'open',
      revision: meta.revision,
      ...(d.kind === 'department' ? { kind: 'department' as const } : {}),
      id: `${d.code}-${d.year}`,
      code: d.code,
      year: d.year,
      name: d.name,
      department: d.department,
      ...(d.unit !== undefined ? { unit: d.unit } : {}),
      goals: d.goals,
      goalsRevisions: [],
      achievementsHistory: [],
      ...(d.implementationPeriod ? { implementationPeriod: d.implementationPeriod } : {}),
      periodChanges: [],
      displayUnit: d.displayUnit ?? '元',
      policy: d.policy,
      registered: stamped(meta, {}),
      budget: {
        initialFen: d.budget.initialFen,
        sources: d.budget.sources.map((s) => ({ name: s.name, fen: s.fen, totalFen: s.fen })),
        totalFen: d.budget.initialFen,
        adjustments: [],
      },
      indicators: [],
      targetsLocked: false,
      spendingPlan: [],
      spending: [],
      deviations: [],
      evaluation: { submissions: [], reopenings: [] },
    };
  }
  draft.revision = meta.revision;
  if (draft.status === 'none') return draft;
  const s = draft;

  switch (event.type) {
    case 'TargetsDeclared':
      s.targetsDeclaredAt = stamped(meta, {});
      s.indicators = event.data.indicators.map((i) =>
        Object.assign({}, i, { originalTarget: i.target, originalTargetText: i.targetText, revisions: [], actuals: [] }),
      );
      break;
    case 'TasksDeclared':
      s.tasks = event.data.tasks;
      s.taskDeclarations = [...(s.taskDeclarations ?? []), stamped(meta, event.data.reason !== undefined ? { reason: event.data.reason } : {})];
      break;
    case 'SpendingPlanSet':
      s.spendingPlan = event.data.checkpoints;
      break;
    case 'SpendingRecorded':
      s.targetsLocked = true;
      s.spending.push(stamped(meta, event.data));
      break;
    case 'BudgetAdjusted':
      adjustSources(s.budget, event.data);
      s.budget.totalFen = event.data.totalFen;
      s.budget.adjustments.push(stamped(meta, event.data));
      break;
    case 'ActualRecorded':
      s.targetsLocked = true;
      findIndicator(s.indicators, event.data.indicatorId)?.actuals.push(stamped(meta, event.data, 'indicatorId'));
      break;
    case 'TargetRevised': {
      s.targetsLocked = true;
      const i = findIndicator(s.indicators, event.data.indicatorId);
      if (i) {
        i.target = event.data.target;
        i.targetText = event.data.targetText;
        i.revisions.push(stamped(meta, event.data, 'indicatorId'));
      }
      break;
    }
    case 'IndicatorAssessed': {
      s.targetsLocked = true;
      const i = findIndicator(s.indicators, event.data.indicatorId);
      if (i) i.assessment = stamped(meta, event.data, 'indicatorId');
      break;
    }
    case 'ScoreOverridden': {
      s.targetsLocked = true;
      const i = findIndicator(s.indicators, event.data.indicatorId);
      if (i) i.override = stamped(meta, event.data, 'indicatorId');
      break;
    }
    case 'DeviationRecorded':
      s.targetsLocked = true;
      s.deviations.push(stamped(meta, event.data));
      break;
    case 'GoalsRevised':
      s.goals = event.data.goals;
      s.goalsRevisions.push(stamped(meta, event.data));
      break;
    case 'AchievementsDescribed': {
      const entry = stamped(meta, event.data);
      s.achievements = entry;
      s.achievementsHistory.push(entry);
      break;
    }
    case 'ExecutionScoreOverridden':
      s.targetsLocked = true;
      s.executionOverride = stamped(meta, event.data);
      break;
    case 'ImplementationPeriodSet':
      s.implementationPeriod = event.data.period;
      s.periodChanges.push(stamped(meta, event.data));
      break;
    case 'DisplayUnitSet':
      s.displayUnit = event.data.unit;
      break;
    case 'IndicatorForecastRecorded': {
      const i = findIndicator(s.indicators, event.data.indicatorId);
      if (i) (i.forecasts ??= []).push(stamped(meta, event.data, 'indicatorId'));
      break;
    }
    case 'SpendingForecastRecorded':
      (s.spendingForecasts ??= []).push(stamped(meta, event.data));
      break;
    case 'EvaluationSubmitted':
      s.status = 'submitted';
      s.evaluation.submissions.push(stamped(meta, event.data));
      break;
    case 'EvaluationReopened':
      s.status = 'open';
      s.evaluation.reopenings.push(stamped(meta, event.data));
      break;
  }
  return s;
}

/**
 * `{ actor, recordedAt, revision, ...data }` without the `omit` key. Copied by hand: V8 runs a double
 * spread (`{ ...recorded, ...data }`) and an object rest through a slow runtime path, about 1 µs an
 * event, which was most of the cost of a fold.
 */
function stamped<T extends object, K extends keyof T = never>(
  meta: Pick<EventMetadata, 'actor' | 'recordedAt'> & { revision: number },
  data: T,
  omit?: K,
): Recorded & Omit<T, K> {
  const out: Record<string, unknown> = { actor: meta.actor, recordedAt: meta.recordedAt, revision: meta.revision };
  for (const key in data) if ((key as PropertyKey) !== omit) out[key] = data[key];
  return out as Recorded & Omit<T, K>;
}

/** Per-source 全年预算数 after an adjustment: as stated, else the difference on the first source. */
function adjustSources(budget: DeclaredProject['budget'], data: ProjectEventData<'BudgetAdjusted'>): void {
  if (data.sources) {
    for (const stated of data.sources) {
      const known = budget.sources.find((x) => x.name === stated.name);
      if (known) known.totalFen = stated.fen;
      else budget.sources.push({ name: stated.name, fen: 0, totalFen: stated.fen });
    }
    return;
  }
  const first = budget.sources[0];
  if (first) first.totalFen += data.totalFen - budget.totalFen;
}

/** A plain loop: this runs once per event in every fold. */
function findIndicator(indicators: readonly IndicatorState[], id: string): IndicatorState | undefined {
  for (const i of indicators) if (i.id === id) return i;
  return undefined;
}

/** The forecast that counts on `asOf`: the latest dated on or before it, ties broken by recording order. */
export function latestForecast(indicator: IndicatorState, asOf: string): ForecastEntry | undefined {
  let best: ForecastEntry | undefined;
  for (const f of indicator.forecasts ?? []) if (f.asOf <= asOf && (!best || f.asOf >= best.asOf)) best = f;
  return best;
}

/** The actual that counts: the latest by asOf, ties broken by recording order. */
export function latestActual(indicator: IndicatorState): ActualEntry | undefined {
  let best: ActualEntry | undefined;
  for (const a of indicator.actuals) if (!best || a.asOf >= best.asOf) best = a;
  return best;
}
