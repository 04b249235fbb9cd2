import { z } from 'zod';
import { PolicySchema } from '../../domain/project/policy.js';
import { DEVIATION_CATEGORIES, LIKELIHOODS } from '../../domain/project/events.js';
import { GradeSchema, ValueTextSchema } from '../../domain/values/schemas.js';
import { COUNT_LIMITS, TEXT_LIMITS } from './limits.js';
import { DisplayUnitInput, PeriodInputSchema } from './form-inputs.js';

/**
 * Command bodies as users send them (HTTP JSON, CLI --json, import). Money, dates and targets arrive as
 * text or numbers and are parsed by the command handler with the project's context (its year, the
 * indicator's target), so a refusal names the exact field. Objects are strict: a misspelt field
 * ("nte" for "note") is refused by name rather than dropped.
 */

/** Every free text has a maximum length (limits.ts), refused by name beyond it. */
const longest = (max: number) => `最多 ${max} 个字符 / at most ${max} characters`;
const text = (what: string, max: number) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what}：必填` : `${what}：应为文本`) }).trim().min(1, `${what}不能为空`).max(max, `${what}：${longest(max)}`);
const optionalText = (max: number) => z.string().trim().max(max, longest(max)).optional();
const CODE_CHARS = /^[A-Za-z0-9_\-.]+$/;

export const MoneyInputSchema = z
  .union([z.number(), ValueTextSchema], { error: (issue) => (issue.input === undefined ? '必填：请填写金额' : '应为金额：数字（元）或带单位的文本，如 "45万元"') })
  .describe('amount in 元 as a number or decimal string, or text with a unit (元, 万元, 亿元)');

export const DateInputSchema = z
  .string({ error: (issue) => (issue.input === undefined ? '必填：请填写日期' : '应为日期，如 2022-06-30 或 2022年6月30日') })
  .max(50, longest(50))
  .describe('ISO date or Chinese date (2022年6月30日), Asia/Shanghai');

export const StructuredTargetSchema = z.strictObject({
  comparator: z.string().max(TEXT_LIMITS.unit, longest(TEXT_LIMITS.unit)).describe('≥ > ≤ < = 定性, or the symbol as printed'),
  value: z.union([z.number(), ValueTextSchema]),
  unit: z.string().max(TEXT_LIMITS.unit, longest(TEXT_LIMITS.unit)).optional(),
});

export const TargetInputSchema = z
  .union([ValueTextSchema, StructuredTargetSchema], { error: '应为目标值文本（如 "≥7次"）或 {comparator, value, unit}' })
  .describe('the target as written on the form ("≥7次", "≤ 50 万元", "2022年12月", "高质量完成") or {comparator, value, unit}');

export const RegisterProjectInput = z.strictObject({
  code: text('项目编码 code', TEXT_LIMITS.code).regex(CODE_CHARS, '项目编码 code：只能包含字母、数字、-、_、.'),
  year: z.number({ error: '年度 year：应为整数年份，如 2022' }).int().min(2000).max(2100),
  name: text('项目名称 name', TEXT_LIMITS.name),
  department: text('主管部门 department', TEXT_LIMITS.department),
  unit: optionalText(TEXT_LIMITS.department),
  budget: z.strictObject({
    initial: MoneyInputSchema,
    sources: z
      .array(z.strictObject({ name: text('资金来源 name', TEXT_LIMITS.name), amount: MoneyInputSchema }))
      .max(COUNT_LIMITS.fundSources, `最多 ${COUNT_LIMITS.fundSources} 个资金来源`)
      .optional(),
  }),
  goals: z.strictObject({ annual: optionalText(TEXT_LIMITS.goals), longTerm: optionalText(TEXT_LIMITS.goals) }).optional(),
  policy: PolicySchema.partial().optional(),
  implementationPeriod: PeriodInputSchema.optional(),
  displayUnit: DisplayUnitInput.optional().describe('money unit of the printed forms: 元 (default) or 万元'),
});
export type RegisterProjectInput = z.infer<typeof RegisterProjectInput>;

export const IndicatorInput = z.strictObject({
  key: z.string().trim().max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)).regex(CODE_CHARS, 'key：只能包含字母、数字、-、_、.').optional(),
  level1: text('一级指标 level1', TEXT_LIMITS.name),
  level2: text('二级指标 level2', TEXT_LIMITS.name),
  name: text('三级指标 name', TEXT_LIMITS.name),
  target: TargetInputSchema.optional(),
  standard: optionalText(TEXT_LIMITS.standard),
  reference: z
    .union([z.string().max(TEXT_LIMITS.reference, longest(TEXT_LIMITS.reference)), z.number()])
    .optional()
    .describe('reference figure of the standard, e.g. "95%"'),
  explanation: optionalText(TEXT_LIMITS.standard),
  scoringNote: optionalText(TEXT_LIMITS.standard),
  points: z.number().min(0).max(100).optional(),
  task: z.string().trim().max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)).optional().describe('id of the 年度主要任务 (department-years only)'),
});
export type IndicatorInput = z.infer<typeof IndicatorInput>;

export const DeclareTargetsInput = z.strictObject({
  indicators: z
    .array(IndicatorInput)
    .min(1, '至少需要一个指标')
    .max(COUNT_LIMITS.indicators, `一个项目最多 ${COUNT_LIMITS.indicators} 个指标 / at most ${COUNT_LIMITS.indicators} indicators`),
});
export type DeclareTargetsInput = z.infer<typeof DeclareTargetsInput>;

export const SpendingPlanInput = z.strictObject({
  checkpoints: z
    .array(
      z.strictObject({
        month: z.number().int().min(1, 'month：1–12').max(12, 'month：1–12'),
        cumulativePercent: z.number().min(0, 'cumulativePercent：0–100').max(100, 'cumulativePercent：0–100'),
      }),
    )
    .min(1)
    .max(COUNT_LIMITS.checkpoints),
  /** Needed to change a plan once facts are recorded against the project. */
  reason: optionalText(TEXT_LIMITS.prose),
});
export type SpendingPlanInput = z.infer<typeof SpendingPlanInput>;

export const RecordSpendingInput = z.strictObject({
  amount: MoneyInputSchema,
  date: DateInputSchema,
  note: optionalText(TEXT_LIMITS.prose),
  reference: optionalText(TEXT_LIMITS.reference),
  reason: optionalText(TEXT_LIMITS.prose),
  source: text('资金来源 source', TEXT_LIMITS.name).optional().describe('资金来源 as registered (财政拨款 …); default: the first'),
  task: z.string().trim().max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)).optional().describe('id of the 年度主要任务 paid for (department-years only)'),
});
export type RecordSpendingInput = z.infer<typeof RecordSpendingInput>;

export const AdjustBudgetInput = z.strictObject({
  total: MoneyInputSchema,
  reason: text('调整原因 reason', TEXT_LIMITS.prose),
  approvalRef: text('批准文号 approvalRef', TEXT_LIMITS.reference),
  effectiveDate: DateInputSchema,
  sources: z
    .array(z.strictObject({ name: text('资金来源 name', TEXT_LIMITS.name), amount: MoneyInputSchema }))
    .max(COUNT_LIMITS.fundSources, `最多 ${COUNT_LIMITS.fundSources} 个资金来源`)
    .optional()
    .describe('全年预算数 of each source after the adjustment; they must add up to total. Absent: the difference goes to the first source'),
});
export type AdjustBudgetInput = z.infer<typeof AdjustBudgetInput>;

export const RecordActualInput = z.strictObject({
  value: z.union([z.number(), ValueTextSchema], { error: 'value：应为数值、带单位的文本、完成日期或等级（达成/部分达成/未达成）' }),
  asOf: DateInputSchema,
  evidence: optionalText(TEXT_LIMITS.prose),
  note: optionalText(TEXT_LIMITS.prose),
});
export type RecordActualInput = z.infer<typeof RecordActualInput>;

export const ReviseTargetInput = z.strictObject({
  target: TargetInputSchema,
  reason: text('调整原因 reason', TEXT_LIMITS.prose),
  approvalRef: text('批准文号 approvalRef', TEXT_LIMITS.reference),
});
export type ReviseTargetInput = z.infer<typeof ReviseTargetInput>;

export const AssessInput = z.strictObject({
  grade: GradeSchema,
  score: z.number().min(0).optional(),
  comment: optionalText(TEXT_LIMITS.prose),
});
export type AssessInput = z.infer<typeof AssessInput>;

export const OverrideScoreInput = z.strictObject({ score: z.number().min(0), reason: text('理由 reason', TEXT_LIMITS.prose) });
export type OverrideScoreInput = z.infer<typeof OverrideScoreInput>;

export const RecordDeviationInput = z.strictObject({
  indicatorId: z.string().max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)).optional(),
  category: z.enum(DEVIATION_CATEGORIES),
  reason: text('偏差原因 reason', TEXT_LIMITS.prose),
  measure: text('改进措施 measure', TEXT_LIMITS.prose),
  likelihood: z.enum(LIKELIHOODS).optional(),
  checkpoint: z
    .union([z.number().int().min(1).max(12), z.literal('year-end')], { error: 'checkpoint：应为 1–12 的月份或 "year-end"（年末自评）' })
    .optional()
    .describe('the checkpoint month explained (1–12), or "year-end"; absent: the checkpoint current today'),
});
export type RecordDeviationInput = z.infer<typeof RecordDeviationInput>;

export const SubmitEvaluationInput = z.strictObject({ comment: optionalText(TEXT_LIMITS.prose) }).optional();
export const ReopenEvaluationInput = z.strictObject({ reason: text('重新打开原因 reason', TEXT_LIMITS.prose) });
export type ReopenEvaluationInput = z.infer<typeof ReopenEvaluationInput>;

export const RecordForecastInput = z.strictObject({
  value: z.union([z.number(), ValueTextSchema], {
    error: 'value：应为预计全年完成值：数值、带单位的文本、完成日期或等级（达成/部分达成/未达成）',
  }),
  asOf: DateInputSchema,
  note: optionalText(TEXT_LIMITS.prose),
});
export type RecordForecastInput = z.infer<typeof RecordForecastInput>;

export const RecordSpendingForecastInput = z.strictObject({
  amount: MoneyInputSchema,
  asOf: DateInputSchema,
  source: text('资金来源 source', TEXT_LIMITS.name).optional().describe('funding source (资金来源) name; absent: the whole project'),
  note: optionalText(TEXT_LIMITS.prose),
});
export type RecordSpendingForecastInput = z.infer<typeof RecordSpendingForecastInput>;

const SourceAmounts = z
  .array(z.strictObject({ name: text('资金来源 name', TEXT_LIMITS.name), amount: MoneyInputSchema }))
  .max(COUNT_LIMITS.fundSources, `最多 ${COUNT_LIMITS.fundSources} 个资金来源`);

/** A department-year (部门整体): its stream is named after the department (see department-stream.ts). */
export const RegisterDepartmentInput = z.strictObject({
  name: text('部门名称 name', TEXT_LIMITS.department),
  year: z.number({ error: '年度 year：应为整数年份，如 2022' }).int().min(2000).max(2100),
  budget: z.strictObject({ initial: MoneyInputSchema, sources: SourceAmounts.optional() }),
  goals: z.strictObject({ annual: optionalText(TEXT_LIMITS.goals), longTerm: optionalText(TEXT_LIMITS.goals) }).optional(),
  policy: PolicySchema.partial().optional(),
  displayUnit: DisplayUnitInput.optional().describe('money unit of the printed forms: 元 (default) or 万元'),
});
export type RegisterDepartmentInput = z.infer<typeof RegisterDepartmentInput>;

export const TaskInput = z.strictObject({
  id: z.string().trim().min(1).max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)).regex(CODE_CHARS, 'id：只能包含字母、数字、-、_、.').optional().describe('default: t1, t2, … in order'),
  name: text('任务名称 name', TEXT_LIMITS.name),
  content: optionalText(TEXT_LIMITS.goals),
  amounts: SourceAmounts.optional().describe('the amount planned for the task, by funding source'),
});
export type TaskInput = z.infer<typeof TaskInput>;

export const DeclareTasksInput = z.strictObject({
  tasks: z.array(TaskInput).min(1, '至少需要一项任务').max(COUNT_LIMITS.tasks, `最多 ${COUNT_LIMITS.tasks} 项任务`),
  /** Needed to declare the tasks again once facts are recorded. */
  reason: optionalText(TEXT_LIMITS.prose),
});
export type DeclareTasksInput = z.infer<typeof DeclareTasksInput>;

/**
 * Actuals (and forecasts) of many indicators as of one checkpoint date, decided together: every row on
 * the same state, all or nothing (decisions/actuals-batch.ts).
 */
export const RecordActualsBatchInput = z.strictObject({
  asOf: DateInputSchema,
  rows: z
    .array(
      z.strictObject({
        indicatorId: z.string({ error: 'indicatorId：应为指标编号' }).trim().min(1, 'indicatorId 不能为空').max(TEXT_LIMITS.key, longest(TEXT_LIMITS.key)),
        actual: z.union([z.number(), ValueTextSchema], { error: 'actual：应为数值、带单位的文本、完成日期或等级' }).optional(),
        forecast: z.union([z.number(), ValueTextSchema], { error: 'forecast：应为数值、带单位的文本、完成日期或等级' }).optional(),
        evidence: optionalText(TEXT_LIMITS.prose),
        note: optionalText(TEXT_LIMITS.prose),
      }),
    )
    .min(1, '至少需要一行')
    .max(COUNT_LIMITS.indicators, `最多 ${COUNT_LIMITS.indicators} 行`),
});
export type RecordActualsBatchInput = z.infer<typeof RecordActualsBatchInput>;
