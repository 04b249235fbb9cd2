import { z } from 'zod';
import {
  ActualValueSchema,
  GradeSchema,
  IsoDateSchema,
  Level1Schema,
  QuantitySchema,
  TargetSchema,
} from '../values/schemas.js';
import { PolicySchema } from './policy.js';

/**
 * The events of a project-year stream `project-<code>-<year>`.
 * Each schema parses the data read back from the store (JSON round trip).
 */

export const DEVIATION_CATEGORIES = ['经费保障', '制度保障', '人员保障', '硬件保障', '其他'] as const;
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;

export const IndicatorSchema = z.object({
  /** Stable id: the declared key, else i1, i2, … in table order. */
  id: z.string(),
  /** Level 1 as printed (产出指标, 成本指标, …) and its canonical group. */
  level1Name: z.string(),
  level1: Level1Schema,
  level2: z.string(),
  name: z.string(),
  target: TargetSchema,
  /** The target as written on the form, kept for reports. */
  targetText: z.string(),
  /** Declared standard (绩效标准 / 指标值确定依据): 计划标准, 行业标准, 历史标准, 其他标准 or free text. */
  standard: z.string().optional(),
  /** Reference figure of the standard (industry or historic value). */
  reference: z.object({ text: z.string(), quantity: QuantitySchema.optional() }).optional(),
  explanation: z.string().optional(),
  scoringNote: z.string().optional(),
  points: z.number().min(0).optional(),
  /** The 年度主要任务 (its id) a department's indicator belongs to; absent: none. */
  task: z.string().optional(),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/**
 * The checkpoint a deviation explains: a month 1–12 (its month end, Asia/Shanghai) or the year end
 * (the self-evaluation). Deviations recorded before checkpoints existed carry none: see
 * `deviationCheckpoint` in state.ts.
 */
export const DeviationCheckpointSchema = z.union([z.number().int().min(1).max(12), z.literal('year-end')]);
export type DeviationCheckpoint = z.infer<typeof DeviationCheckpointSchema>;

export const BudgetSourceSchema = z.object({ name: z.string(), fen: z.number().int() });

/** 项目实施期: first and last day, and the text as written on the form. */
export const PeriodSchema = z.object({ start: IsoDateSchema, end: IsoDateSchema, text: z.string().optional() });

/** The money unit the forms print (单位：元 / 单位：万元); amounts are kept in fen whatever it is. */
export const DISPLAY_UNITS = ['元', '万元'] as const;
export const DisplayUnitSchema = z.enum(DISPLAY_UNITS);

/** One 年度主要任务 of a department-year: 任务名称, 主要内容, the amount planned by funding source (fen). */
export const TaskSchema = z.object({
  id: z.string(),
  name: z.string(),
  content: z.string().optional(),
  amounts: z.array(BudgetSourceSchema).optional(),
});
export type Task = z.infer<typeof TaskSchema>;

const GoalsSchema = z.object({ annual: z.string().optional(), longTerm: z.string().optional() });

export const ProjectEventSchemas = {
  ProjectRegistered: z.object({
    /** A department-year (部门整体) is folded like a project; absent: a project (events written before). */
    kind: z.enum(['project', 'department']).optional(),
    code: z.string(),
    year: z.number().int(),
    name: z.string(),
    department: z.string(),
    unit: z.string().optional(),
    budget: z.object({ initialFen: z.number().int(), sources: z.array(BudgetSourceSchema).default([]) }),
    goals: GoalsSchema.default({}),
    policy: PolicySchema,
    implementationPeriod: PeriodSchema.optional(),
    displayUnit: DisplayUnitSchema.optional(),
  }),
  TargetsDeclared: z.object({ indicators: z.array(IndicatorSchema) }),
  /** 年度主要任务 of a department-year, the whole list; declared again (with a reason) it replaces the list. */
  TasksDeclared: z.object({ tasks: z.array(TaskSchema), reason: z.string().optional() }),
  SpendingPlanSet: z.object({
    checkpoints: z.array(z.object({ month: z.number().int().min(1).max(12), cumulativePercent: z.number() })),
  }),
  SpendingRecorded: z.object({
    amountFen: z.number().int(),
    date: IsoDateSchema,
    note: z.string().optional(),
    reference: z.string().optional(),
    /** Required for a negative (correcting) amount. */
    reason: z.string().optional(),
    /** The funding source (资金来源) paid from; absent on projects without sources (and read as the first). */
    source: z.string().optional(),
    /** The 年度主要任务 (id) paid for, on a department-year; absent: none named. */
    task: z.string().optional(),
  }),
  BudgetAdjusted: z.object({
    totalFen: z.number().int(),
    previousFen: z.number().int(),
    reason: z.string(),
    approvalRef: z.string(),
    effectiveDate: IsoDateSchema,
    /** 全年预算数 of each source after the adjustment; absent: the difference goes to the first source. */
    sources: z.array(BudgetSourceSchema).optional(),
  }),
  ActualRecorded: z.object({
    indicatorId: z.string(),
    value: ActualValueSchema,
    /** The value as typed. */
    text: z.string(),
    asOf: IsoDateSchema,
    evidence: z.string().optional(),
    note: z.string().optional(),
    /** How the text was read when it was not literal (unit assumed, comparator dropped, words graded). */
    reading: z.string().optional(),
  }),
  TargetRevised: z.object({
    indicatorId: z.string(),
    target: TargetSchema,
    targetText: z.string(),
    previousTarget: TargetSchema,
    previousTargetText: z.string(),
    reason: z.string(),
    approvalRef: z.string(),
  }),
  IndicatorAssessed: z.object({
    indicatorId: z.string(),
    grade: GradeSchema,
    score: z.number().optional(),
    comment: z.string().optional(),
  }),
  ScoreOverridden: z.object({ indicatorId: z.string(), score: z.number(), reason: z.string() }),
  DeviationRecorded: z.object({
    /** Absent: the deviation concerns budget execution. */
    indicatorId: z.string().optional(),
    category: z.enum(DEVIATION_CATEGORIES),
    reason: z.string(),
    measure: z.string(),
    likelihood: z.enum(LIKELIHOODS).optional(),
    checkpoint: DeviationCheckpointSchema.optional(),
  }),
  /** 全年预计完成情况: the expected year-end value of one indicator, as the department sees it on asOf. */
  IndicatorForecastRecorded: z.object({
    indicatorId: z.string(),
    value: ActualValueSchema,
    /** The value as typed. */
    text: z.string(),
    asOf: IsoDateSchema,
    note: z.string().optional(),
  }),
  /** 全年预计执行数: the expected year-end spending, of the whole project or of one funding source. */
  SpendingForecastRecorded: z.object({
    amountFen: z.number().int(),
    asOf: IsoDateSchema,
    source: z.string().optional(),
    note: z.string().optional(),
  }),
  /** 年度总体目标 revised: the new text, the previous one, and why. */
  GoalsRevised: z.object({ goals: GoalsSchema, previous: GoalsSchema, reason: z.string() }),
  /** 实际完成情况 as the department writes it; a later one replaces it and keeps the earlier in history. */
  AchievementsDescribed: z.object({ text: z.string(), previousText: z.string().optional(), reason: z.string().optional() }),
  /** An assessor's 预算执行率 score with a written reason; the computed score stays visible. */
  ExecutionScoreOverridden: z.object({ score: z.number(), reason: z.string() }),
  ImplementationPeriodSet: z.object({ period: PeriodSchema, previous: PeriodSchema.optional(), reason: z.string().optional() }),
  DisplayUnitSet: z.object({ unit: DisplayUnitSchema, previous: DisplayUnitSchema }),
  EvaluationSubmitted: z.object({ total: z.number(), grade: z.string() }),
  EvaluationReopened: z.object({ reason: z.string() }),
} as const;

export type ProjectEventType = keyof typeof ProjectEventSchemas;
export type ProjectEventData<T extends ProjectEventType> = z.infer<(typeof ProjectEventSchemas)[T]>;

/** A project event with its type as discriminant. */
export type ProjectEvent = {
  [T in ProjectEventType]: { type: T; data: ProjectEventData<T> };
}[ProjectEventType];

export const PROJECT_EVENT_TYPES = Object.keys(ProjectEventSchemas) as ProjectEventType[];

export const projectStream = (projectId: string): string => `project-${projectId}`;
export const projectIdOf = (code: string, year: number): string => `${code}-${year}`;
export const PROJECT_STREAM_PREFIX = 'project-';
