import type { EventMetadata } from '../../src/store/event-store.js';
import type { ActualValue, Grade, Target } from '../values/types.js';
import type { Indicator, ProjectEvent, ProjectEventData } from './events.js';
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
};

export type IndicatorState = Indicator & {
  /** The target as first declared; `target`/`targetText` hold the latest approved value. */
  originalTarget: Target;
  originalTargetText: string;
  revisions: TargetRevision[];
  /** In recording order; the latest by asOf (then recording) is the one scored. */
  actuals: ActualEntry[];
  assessment?: Recorded & { grade: Grade; score?: number; comment?: string };
  override?: Recorded & { score: number; reason: string };
};

export type SpendingEntry = Recorded & ProjectEventData<'SpendingRecorded'>;
export type BudgetAdjustment = Recorded & ProjectEventData<'BudgetAdjusted'>;
export type Deviation = Recorded & ProjectEventData<'DeviationRecorded'>;

export type ProjectState =
  | { status: 'none'; revision: number }
  | DeclaredProject;

export type DeclaredProject = {
  status: 'open' | 'submitted';
  /** Last stream revision folded in. */
  revision: number;
  id: string;
  code: string;
  year: number;
  name: string;
  department: string;
  unit?: string;
  goals: { annual?: string; longTerm?: string };
  policy: Policy;
  registered: Recorded;
  budget: {
    initialFen: number;
    sources: { name: string; fen: number }[];
    /** 全年预算数: the latest approved total. */
    totalFen: number;
    adjustments: BudgetAdjustment[];
  };
  indicators: IndicatorState[];
  /** Once anything is recorded against the table, only revisions change it. */
  targetsLocked: boolean;
  targetsDeclaredAt?: Recorded;
  spendingPlan: { month: number; cumulativePercent: number }[];
  spending: SpendingEntry[];
  deviations: Deviation[];
  evaluation: {
    submissions: (Recorded & { total: number; grade: string })[];
    reopenings: (Recorded & { reason: string })[];
  };
};

export const initialState = (): ProjectState => ({ status: 'none', revision: -1 });

/** Pure fold of one project-year stream. Events outside the stream's rules are folded as they are. */
export function evolve(
  state: ProjectState,
  event: ProjectEvent,
  meta: Pick<EventMetadata, 'actor' | 'recordedAt'> & { revision: number },
): ProjectState {
  const recorded: Recorded = { actor: meta.actor, recordedAt: meta.recordedAt, revision: meta.revision };
  if (event.type === 'ProjectRegistered') {
    const d = event.data;
    return {
      status: 'open',
      revision: meta.revision,
      id: `${d.code}-${d.year}`,
      code: d.code,
      year: d.year,
      name: d.name,
      department: d.department,
      ...(d.unit !== undefined ? { unit: d.unit } : {}),
      goals: d.goals,
      policy: d.policy,
      registered: recorded,
      budget: { initialFen: d.budget.initialFen, sources: d.budget.sources, totalFen: d.budget.initialFen, adjustments: [] },
      indicators: [],
      targetsLocked: false,
      spendingPlan: [],
      spending: [],
      deviations: [],
      evaluation: { submissions: [], reopenings: [] },
    };
  }
  if (state.status === 'none') return { ...state, revision: meta.revision };
  const s: DeclaredProject = { ...state, revision: meta.revision };
  const updateIndicator = (id: string, f: (i: IndicatorState) => IndicatorState): IndicatorState[] =>
    s.indicators.map((i) => (i.id === id ? f(i) : i));

  switch (event.type) {
    case 'TargetsDeclared':
      return {
        ...s,
        targetsDeclaredAt: recorded,
        indicators: event.data.indicators.map((i) => ({
          ...i,
          originalTarget: i.target,
          originalTargetText: i.targetText,
          revisions: [],
          actuals: [],
        })),
      };
    case 'SpendingPlanSet':
      return { ...s, spendingPlan: event.data.checkpoints };
    case 'SpendingRecorded':
      return { ...s, targetsLocked: true, spending: [...s.spending, { ...recorded, ...event.data }] };
    case 'BudgetAdjusted':
      return {
        ...s,
        budget: {
          ...s.budget,
          totalFen: event.data.totalFen,
          adjustments: [...s.budget.adjustments, { ...recorded, ...event.data }],
        },
      };
    case 'ActualRecorded': {
      const { indicatorId, ...rest } = event.data;
      return {
        ...s,
        targetsLocked: true,
        indicators: updateIndicator(indicatorId, (i) => ({ ...i, actuals: [...i.actuals, { ...recorded, ...rest }] })),
      };
    }
    case 'TargetRevised': {
      const { indicatorId, ...rest } = event.data;
      return {
        ...s,
        targetsLocked: true,
        indicators: updateIndicator(indicatorId, (i) => ({
          ...i,
          target: rest.target,
          targetText: rest.targetText,
          revisions: [...i.revisions, { ...recorded, ...rest }],
        })),
      };
    }
    case 'IndicatorAssessed': {
      const { indicatorId, ...rest } = event.data;
      return {
        ...s,
        targetsLocked: true,
        indicators: updateIndicator(indicatorId, (i) => ({ ...i, assessment: { ...recorded, ...rest } })),
      };
    }
    case 'ScoreOverridden': {
      const { indicatorId, ...rest } = event.data;
      return {
        ...s,
        targetsLocked: true,
        indicators: updateIndicator(indicatorId, (i) => ({ ...i, override: { ...recorded, ...rest } })),
      };
    }
    case 'DeviationRecorded':
      return { ...s, targetsLocked: true, deviations: [...s.deviations, { ...recorded, ...event.data }] };
    case 'EvaluationSubmitted':
      return {
        ...s,
        status: 'submitted',
        evaluation: { ...s.evaluation, submissions: [...s.evaluation.submissions, { ...recorded, ...event.data }] },
      };
    case 'EvaluationReopened':
      return {
        ...s,
        status: 'open',
        evaluation: { ...s.evaluation, reopenings: [...s.evaluation.reopenings, { ...recorded, ...event.data }] },
      };
  }
}

/** The actual that counts: the latest by asOf, ties broken by recording order. */
export function latestActual(indicator: IndicatorState): ActualEntry | undefined {
  let best: ActualEntry | undefined;
  for (const a of indicator.actuals) if (!best || a.asOf >= best.asOf) best = a;
  return best;
}
