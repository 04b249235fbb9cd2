import type { DateTime } from 'luxon';
import type {
  AdjustBudgetInput,
  AssessInput,
  DeclareTargetsInput,
  OverrideScoreInput,
  RecordActualInput,
  RecordActualsBatchInput,
  RecordDeviationInput,
  RecordForecastInput,
  RecordSpendingForecastInput,
  RecordSpendingInput,
  DeclareTasksInput,
  RegisterDepartmentInput,
  RegisterProjectInput,
  ReopenEvaluationInput,
  ReviseTargetInput,
  SpendingPlanInput,
} from './inputs.js';
import type { ProjectEvent } from '../../domain/project/events.js';
import type {
  DescribeAchievementsInput,
  OverrideExecutionScoreInput,
  ReviseGoalsInput,
  SetDisplayUnitInput,
  SetImplementationPeriodInput,
} from './form-inputs.js';

/** Commands on one project-year stream; inputs are already shape-checked by their zod schemas. */
export type ProjectCommand =
  | { type: 'RegisterProject'; input: RegisterProjectInput }
  | { type: 'RegisterDepartment'; input: RegisterDepartmentInput }
  | { type: 'DeclareTasks'; input: DeclareTasksInput }
  | { type: 'DeclareTargets'; input: DeclareTargetsInput }
  | { type: 'SetSpendingPlan'; input: SpendingPlanInput }
  | { type: 'RecordSpending'; input: RecordSpendingInput }
  | { type: 'AdjustBudget'; input: AdjustBudgetInput }
  | { type: 'RecordActual'; indicatorId: string; input: RecordActualInput }
  | { type: 'ReviseTarget'; indicatorId: string; input: ReviseTargetInput }
  | { type: 'AssessIndicator'; indicatorId: string; input: AssessInput }
  | { type: 'OverrideScore'; indicatorId: string; input: OverrideScoreInput }
  | { type: 'RecordDeviation'; input: RecordDeviationInput }
  | { type: 'ReviseGoals'; input: ReviseGoalsInput }
  | { type: 'DescribeAchievements'; input: DescribeAchievementsInput }
  | { type: 'OverrideExecutionScore'; input: OverrideExecutionScoreInput }
  | { type: 'SetImplementationPeriod'; input: SetImplementationPeriodInput }
  | { type: 'SetDisplayUnit'; input: SetDisplayUnitInput }
  | { type: 'RecordForecast'; indicatorId: string; input: RecordForecastInput }
  | { type: 'RecordActualsBatch'; input: RecordActualsBatchInput }
  | { type: 'RecordSpendingForecast'; input: RecordSpendingForecastInput }
  | { type: 'SubmitEvaluation'; input?: { comment?: string | undefined } | undefined }
  | { type: 'ReopenEvaluation'; input: ReopenEvaluationInput };

/** What a decision needs besides the state: the injected clock and the actor. */
export type DecisionContext = { now: DateTime; actor: string };

/** An event decided, with its business time and reason for the metadata. */
export type Decided = ProjectEvent & { effectiveAt?: string; reason?: string };
