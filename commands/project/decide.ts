import type { ProjectState } from '../../domain/project/state.js';
import type { Decided, DecisionContext, ProjectCommand } from './command.js';
import { declareTargets } from './decisions/declare-targets.js';
import { declareTasks } from './decisions/declare-tasks.js';
import { registerDepartment } from './decisions/register-department.js';
import { submitEvaluation, reopenEvaluation } from './decisions/evaluation.js';
import { assessIndicator, overrideScore, recordActual, recordDeviation, reviseTarget } from './decisions/indicator-facts.js';
import { recordForecast, recordSpendingForecast } from './decisions/forecasts.js';
import { recordActualsBatch } from './decisions/actuals-batch.js';
import { registerProject } from './decisions/register-project.js';
import { describeAchievements, overrideExecutionScore, reviseGoals, setDisplayUnit, setImplementationPeriod } from './decisions/form-facts.js';
import { adjustBudget, recordSpending, setSpendingPlan } from './decisions/spending.js';

/** Pure: the events a command produces on a project's state, or a Refusal thrown. */
export function decide(command: ProjectCommand, state: ProjectState, ctx: DecisionContext): Decided[] {
  switch (command.type) {
    case 'RegisterProject':
      return registerProject(state, command.input, ctx);
    case 'RegisterDepartment':
      return registerDepartment(state, command.input, ctx);
    case 'DeclareTasks':
      return declareTasks(state, command.input, ctx);
    case 'DeclareTargets':
      return declareTargets(state, command.input, ctx);
    case 'SetSpendingPlan':
      return setSpendingPlan(state, command.input, ctx);
    case 'RecordSpending':
      return recordSpending(state, command.input, ctx);
    case 'AdjustBudget':
      return adjustBudget(state, command.input, ctx);
    case 'RecordActual':
      return recordActual(state, command.indicatorId, command.input, ctx);
    case 'ReviseTarget':
      return reviseTarget(state, command.indicatorId, command.input, ctx);
    case 'AssessIndicator':
      return assessIndicator(state, command.indicatorId, command.input, ctx);
    case 'OverrideScore':
      return overrideScore(state, command.indicatorId, command.input, ctx);
    case 'RecordDeviation':
      return recordDeviation(state, command.input, ctx);
    case 'ReviseGoals':
      return reviseGoals(state, command.input, ctx);
    case 'DescribeAchievements':
      return describeAchievements(state, command.input, ctx);
    case 'OverrideExecutionScore':
      return overrideExecutionScore(state, command.input, ctx);
    case 'SetImplementationPeriod':
      return setImplementationPeriod(state, command.input, ctx);
    case 'SetDisplayUnit':
      return setDisplayUnit(state, command.input, ctx);
    case 'RecordForecast':
      return recordForecast(state, command.indicatorId, command.input, ctx);
    case 'RecordActualsBatch':
      return recordActualsBatch(state, command.input, ctx);
    case 'RecordSpendingForecast':
      return recordSpendingForecast(state, command.input, ctx);
    case 'SubmitEvaluation':
      return submitEvaluation(state, ctx);
    case 'ReopenEvaluation':
      return reopenEvaluation(state, command.input, ctx);
  }
}
