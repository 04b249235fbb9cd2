import type { z } from 'zod';
import type { ProjectCommand } from '../../commands/project/command.js';
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
} from '../../commands/project/inputs.js';

/** CLI name → the command it sends; the same schemas as the HTTP routes. */
export type CliCommand = {
  schema: z.ZodType;
  needsIndicator: boolean;
  summary: string;
  command: (input: never, indicatorId: string) => ProjectCommand;
};

export const CLI_COMMANDS: Record<string, CliCommand> = {
  register: { schema: RegisterProjectInput, needsIndicator: false, summary: '登记项目 (POST /api/projects)', command: (input: RegisterProjectInput) => ({ type: 'RegisterProject', input }) },
  'declare-targets': { schema: DeclareTargetsInput, needsIndicator: false, summary: '申报绩效指标表', command: (input: DeclareTargetsInput) => ({ type: 'DeclareTargets', input }) },
  'set-spending-plan': { schema: SpendingPlanInput, needsIndicator: false, summary: '资金支出计划', command: (input: SpendingPlanInput) => ({ type: 'SetSpendingPlan', input }) },
  'record-spending': { schema: RecordSpendingInput, needsIndicator: false, summary: '记录支出', command: (input: RecordSpendingInput) => ({ type: 'RecordSpending', input }) },
  'adjust-budget': { schema: AdjustBudgetInput, needsIndicator: false, summary: '预算调整', command: (input: AdjustBudgetInput) => ({ type: 'AdjustBudget', input }) },
  'record-actual': { schema: RecordActualInput, needsIndicator: true, summary: '记录实际完成值', command: (input: RecordActualInput, indicatorId) => ({ type: 'RecordActual', indicatorId, input }) },
  'revise-target': { schema: ReviseTargetInput, needsIndicator: true, summary: '目标调整', command: (input: ReviseTargetInput, indicatorId) => ({ type: 'ReviseTarget', indicatorId, input }) },
  assess: { schema: AssessInput, needsIndicator: true, summary: '定性评价', command: (input: AssessInput, indicatorId) => ({ type: 'AssessIndicator', indicatorId, input }) },
  'override-score': { schema: OverrideScoreInput, needsIndicator: true, summary: '人工调整得分', command: (input: OverrideScoreInput, indicatorId) => ({ type: 'OverrideScore', indicatorId, input }) },
  'record-deviation': { schema: RecordDeviationInput, needsIndicator: false, summary: '偏差原因分析及改进措施', command: (input: RecordDeviationInput) => ({ type: 'RecordDeviation', input }) },
  submit: { schema: SubmitEvaluationInput, needsIndicator: false, summary: '提交自评', command: (input: { comment?: string } | undefined) => ({ type: 'SubmitEvaluation', input }) },
  reopen: { schema: ReopenEvaluationInput, needsIndicator: false, summary: '重新打开自评', command: (input: ReopenEvaluationInput) => ({ type: 'ReopenEvaluation', input }) },
};
