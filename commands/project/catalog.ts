import type { z } from 'zod';
import type { ProjectCommand } from './command.js';
import {
  AdjustBudgetInput,
  AssessInput,
  DeclareTargetsInput,
  DeclareTasksInput,
  OverrideScoreInput,
  RegisterDepartmentInput,
  RecordActualInput,
  RecordActualsBatchInput,
  RecordDeviationInput,
  RecordForecastInput,
  RecordSpendingForecastInput,
  RecordSpendingInput,
  RegisterProjectInput,
  ReopenEvaluationInput,
  ReviseTargetInput,
  SpendingPlanInput,
  SubmitEvaluationInput,
} from './inputs.js';
import {
  DescribeAchievementsInput,
  OverrideExecutionScoreInput,
  ReviseGoalsInput,
  SetDisplayUnitInput,
  SetImplementationPeriodInput,
} from './form-inputs.js';

/** How a body, as its schema outputs it, becomes the command (with the indicator of the URL or --indicator). */
export type BuildCommand<S extends z.ZodType> = (input: z.output<S>, indicatorId: string) => ProjectCommand;

/**
 * Every command once: its CLI name, its HTTP route (relative to /api/projects/:id; register is
 * POST /api/projects), its body schema and how a body becomes the command.
 */
export type CommandSpec = {
  cli: string;
  method: 'POST' | 'PUT';
  path: string;
  summary: string;
  schema: z.ZodType;
  needsIndicator: boolean;
  /**
   * Hands the schema and the builder to `use` with their types tied together, so that a caller
   * validating a body with this schema gives the builder exactly what the schema outputs.
   */
  withSchema<R>(use: <S extends z.ZodType>(schema: S, build: BuildCommand<S>) => R): R;
};

type Route = Pick<CommandSpec, 'cli' | 'method' | 'path' | 'summary'>;

export function defineCommand<S extends z.ZodType>(route: Route, schema: S, build: BuildCommand<S>): CommandSpec {
  return { ...route, schema, needsIndicator: route.path.includes(':indicatorId'), withSchema: (use) => use(schema, build) };
}

export const REGISTER = defineCommand({ cli: 'register', method: 'POST', path: '', summary: '登记项目（绩效目标申报）' }, RegisterProjectInput, (input) => ({
  type: 'RegisterProject',
  input,
}));

const on = (cli: string, method: CommandSpec['method'], path: string, summary: string): Route => ({ cli, method, path, summary });

/** Commands on an existing project. */
export const PROJECT_COMMANDS: readonly CommandSpec[] = [
  defineCommand(on('declare-targets', 'PUT', '/targets', '申报/替换绩效指标表'), DeclareTargetsInput, (input) => ({ type: 'DeclareTargets', input })),
  defineCommand(on('set-spending-plan', 'PUT', '/spending-plan', '资金支出计划'), SpendingPlanInput, (input) => ({ type: 'SetSpendingPlan', input })),
  defineCommand(on('record-spending', 'POST', '/spending', '记录支出（负数为更正，须说明原因）'), RecordSpendingInput, (input) => ({ type: 'RecordSpending', input })),
  defineCommand(on('adjust-budget', 'POST', '/budget-adjustments', '预算调整（全年预算数）'), AdjustBudgetInput, (input) => ({ type: 'AdjustBudget', input })),
  defineCommand(on('record-actual', 'POST', '/indicators/:indicatorId/actuals', '记录实际完成值'), RecordActualInput, (input, indicatorId) => ({ type: 'RecordActual', indicatorId, input })),
  defineCommand(on('revise-target', 'POST', '/indicators/:indicatorId/revisions', '目标调整（须批准文号）'), ReviseTargetInput, (input, indicatorId) => ({ type: 'ReviseTarget', indicatorId, input })),
  defineCommand(on('assess', 'POST', '/indicators/:indicatorId/assessment', '定性评价（达成/部分达成/未达成）'), AssessInput, (input, indicatorId) => ({ type: 'AssessIndicator', indicatorId, input })),
  defineCommand(on('override-score', 'POST', '/indicators/:indicatorId/score-override', '人工调整得分（须说明理由）'), OverrideScoreInput, (input, indicatorId) => ({ type: 'OverrideScore', indicatorId, input })),
  defineCommand(on('record-deviation', 'POST', '/deviations', '偏差原因分析及改进措施'), RecordDeviationInput, (input) => ({ type: 'RecordDeviation', input })),
  defineCommand(on('revise-goals', 'POST', '/goals', '修改年度总体目标（须说明原因）'), ReviseGoalsInput, (input) => ({ type: 'ReviseGoals', input })),
  defineCommand(on('describe-achievements', 'PUT', '/achievements', '填写实际完成情况（修改须说明原因）'), DescribeAchievementsInput, (input) => ({ type: 'DescribeAchievements', input })),
  defineCommand(on('override-execution-score', 'POST', '/execution/score-override', '人工调整预算执行率得分（须说明理由）'), OverrideExecutionScoreInput, (input) => ({ type: 'OverrideExecutionScore', input })),
  defineCommand(on('set-implementation-period', 'PUT', '/implementation-period', '登记项目实施期（修改须说明原因）'), SetImplementationPeriodInput, (input) => ({ type: 'SetImplementationPeriod', input })),
  defineCommand(on('set-display-unit', 'PUT', '/display-unit', '报表金额单位（元 / 万元）'), SetDisplayUnitInput, (input) => ({ type: 'SetDisplayUnit', input })),
  defineCommand(on('record-forecast', 'POST', '/indicators/:indicatorId/forecasts', '预计全年完成值（全年预计完成情况）'), RecordForecastInput, (input, indicatorId) => ({ type: 'RecordForecast', indicatorId, input })),
  defineCommand(on('record-actuals', 'POST', '/actuals/batch', '一次记录多个指标的实际完成值与预计值（整批通过或整批不写入）'), RecordActualsBatchInput, (input) => ({ type: 'RecordActualsBatch', input })),
  defineCommand(on('record-spending-forecast', 'POST', '/spending-forecasts', '全年预计执行数（可按资金来源）'), RecordSpendingForecastInput, (input) => ({ type: 'RecordSpendingForecast', input })),
  defineCommand(on('submit', 'POST', '/evaluation/submit', '提交自评'), SubmitEvaluationInput, (input) => ({ type: 'SubmitEvaluation', input })),
  defineCommand(on('reopen', 'POST', '/evaluation/reopen', '重新打开自评（须说明原因）'), ReopenEvaluationInput, (input) => ({ type: 'ReopenEvaluation', input })),
];

/** A department-year (部门整体): POST /api/departments. */
export const REGISTER_DEPARTMENT = defineCommand(
  { cli: 'register-department', method: 'POST', path: '', summary: '登记部门整体（部门整体支出绩效目标申报：预算、年度总体目标）' },
  RegisterDepartmentInput,
  (input) => ({ type: 'RegisterDepartment', input }),
);

export const DECLARE_TASKS = defineCommand(on('declare-tasks', 'PUT', '/tasks', '申报/替换部门年度主要任务（已有记录时须说明原因）'), DeclareTasksInput, (input) => ({
  type: 'DeclareTasks',
  input,
}));

/**
 * Commands on an existing department-year (relative to /api/departments/:name/:year): its tasks, then
 * every project command, decided by the same rules on the department's own stream.
 */
export const DEPARTMENT_COMMANDS: readonly CommandSpec[] = [DECLARE_TASKS, ...PROJECT_COMMANDS];

/** The operationId of a department route: `department-<cli>`, except the commands only a department has. */
export const departmentOperationId = (spec: CommandSpec): string =>
  spec === DECLARE_TASKS || spec === REGISTER_DEPARTMENT ? spec.cli : `department-${spec.cli}`;

export const ALL_COMMANDS: readonly CommandSpec[] = [REGISTER, ...PROJECT_COMMANDS, REGISTER_DEPARTMENT, DECLARE_TASKS];
