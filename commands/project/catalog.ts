import type { z } from 'zod';
import type { ProjectCommand } from './command.js';
import {
  AdjustBudgetInput,
  AssessInput,
  DeclareTargetsInput,
  OverrideScoreInput,
  RecordActualInput,
  RecordDeviationInput,
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
  command: (input: never, indicatorId: string) => ProjectCommand;
};

export const REGISTER: CommandSpec = {
  cli: 'register',
  method: 'POST',
  path: '',
  summary: '登记项目（绩效目标申报）',
  schema: RegisterProjectInput,
  needsIndicator: false,
  command: (input: RegisterProjectInput) => ({ type: 'RegisterProject', input }),
};

const onProject = (cli: string, method: CommandSpec['method'], path: string, summary: string, schema: z.ZodType, command: CommandSpec['command']): CommandSpec => ({
  cli,
  method,
  path,
  summary,
  schema,
  needsIndicator: path.includes(':indicatorId'),
  command,
});

/** Commands on an existing project. */
export const PROJECT_COMMANDS: readonly CommandSpec[] = [
  onProject('declare-targets', 'PUT', '/targets', '申报/替换绩效指标表', DeclareTargetsInput, (input: DeclareTargetsInput) => ({ type: 'DeclareTargets', input })),
  onProject('set-spending-plan', 'PUT', '/spending-plan', '资金支出计划', SpendingPlanInput, (input: SpendingPlanInput) => ({ type: 'SetSpendingPlan', input })),
  onProject('record-spending', 'POST', '/spending', '记录支出（负数为更正，须说明原因）', RecordSpendingInput, (input: RecordSpendingInput) => ({ type: 'RecordSpending', input })),
  onProject('adjust-budget', 'POST', '/budget-adjustments', '预算调整（全年预算数）', AdjustBudgetInput, (input: AdjustBudgetInput) => ({ type: 'AdjustBudget', input })),
  onProject('record-actual', 'POST', '/indicators/:indicatorId/actuals', '记录实际完成值', RecordActualInput, (input: RecordActualInput, indicatorId) => ({ type: 'RecordActual', indicatorId, input })),
  onProject('revise-target', 'POST', '/indicators/:indicatorId/revisions', '目标调整（须批准文号）', ReviseTargetInput, (input: ReviseTargetInput, indicatorId) => ({ type: 'ReviseTarget', indicatorId, input })),
  onProject('assess', 'POST', '/indicators/:indicatorId/assessment', '定性评价（达成/部分达成/未达成）', AssessInput, (input: AssessInput, indicatorId) => ({ type: 'AssessIndicator', indicatorId, input })),
  onProject('override-score', 'POST', '/indicators/:indicatorId/score-override', '人工调整得分（须说明理由）', OverrideScoreInput, (input: OverrideScoreInput, indicatorId) => ({ type: 'OverrideScore', indicatorId, input })),
  onProject('record-deviation', 'POST', '/deviations', '偏差原因分析及改进措施', RecordDeviationInput, (input: RecordDeviationInput) => ({ type: 'RecordDeviation', input })),
  onProject('revise-goals', 'POST', '/goals', '修改年度总体目标（须说明原因）', ReviseGoalsInput, (input: ReviseGoalsInput) => ({ type: 'ReviseGoals', input })),
  onProject('describe-achievements', 'PUT', '/achievements', '填写实际完成情况（修改须说明原因）', DescribeAchievementsInput, (input: DescribeAchievementsInput) => ({ type: 'DescribeAchievements', input })),
  onProject('override-execution-score', 'POST', '/execution/score-override', '人工调整预算执行率得分（须说明理由）', OverrideExecutionScoreInput, (input: OverrideExecutionScoreInput) => ({ type: 'OverrideExecutionScore', input })),
  onProject('set-implementation-period', 'PUT', '/implementation-period', '登记项目实施期（修改须说明原因）', SetImplementationPeriodInput, (input: SetImplementationPeriodInput) => ({ type: 'SetImplementationPeriod', input })),
  onProject('set-display-unit', 'PUT', '/display-unit', '报表金额单位（元 / 万元）', SetDisplayUnitInput, (input: SetDisplayUnitInput) => ({ type: 'SetDisplayUnit', input })),
  onProject('submit', 'POST', '/evaluation/submit', '提交自评', SubmitEvaluationInput, (input: { comment?: string } | undefined) => ({ type: 'SubmitEvaluation', input })),
  onProject('reopen', 'POST', '/evaluation/reopen', '重新打开自评（须说明原因）', ReopenEvaluationInput, (input: ReopenEvaluationInput) => ({ type: 'ReopenEvaluation', input })),
];

export const ALL_COMMANDS: readonly CommandSpec[] = [REGISTER, ...PROJECT_COMMANDS];
