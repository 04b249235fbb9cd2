import { z } from 'zod';
import type { SelfEvaluationTable } from '../../../projections/reports/self-evaluation-table.js';
import type { Assert, Exact } from './same-type.js';
import type { DepartmentSelfEvaluationTable } from '../../../projections/reports/department-self-evaluation/department-self-evaluation-table.js';
import { ProjectGradeSchema, ProjectStatusSchema } from './values.js';

const amount = z.number().nullable().describe('in moneyUnit; null where the form leaves the cell empty');

/** 项目支出绩效自评表 as data (?format=json); the same table is served as csv, xlsx and html. */
export const SelfEvaluationTableSchema = z
  .object({
    title: z.literal('项目支出绩效自评表'),
    moneyUnit: z.enum(['元', '万元']).describe("the project's display unit: every amount of the funding block is in it"),
    header: z.object({
      projectId: z.string(),
      code: z.string(),
      projectName: z.string(),
      department: z.string(),
      implementingUnit: z.string(),
      year: z.number().int(),
      implementationPeriod: z.string().describe("项目实施期 \"2022-01-01 至 2022-12-31\"; '' when not registered"),
    }),
    asOf: z.string().nullable(),
    status: ProjectStatusSchema,
    funding: z.array(
      z.object({
        kind: z.enum(['total', 'source']),
        label: z.string().describe('年度资金总额, or the source: 财政拨款, 上年结转, 其他资金 …'),
        initialBudget: amount,
        budget: amount,
        spent: amount,
        points: z.number().nullable(),
        ratePercent: z.number().nullable(),
        score: z.number().nullable(),
      }),
    ),
    goals: z.object({ annual: z.string(), actual: z.string(), actualIsDraft: z.boolean().describe('true: no 实际完成情况 written yet; actual is a generated draft') }),
    indicators: z.array(
      z.object({
        id: z.string(),
        level1: z.string(),
        level2: z.string(),
        name: z.string(),
        target: z.string().describe('the latest approved target as the system reads it'),
        targetWritten: z.string().describe('the same target as written on the form'),
        originalTarget: z.string().optional(),
        standard: z.string().optional(),
        actual: z.string().nullable(),
        points: z.number(),
        score: z.number(),
        computedScore: z.number(),
        status: z.enum(['met', 'partial', 'unmet', 'pending', 'notApplicable']),
        deviation: z.string().describe('偏差原因分析及改进措施, one line per record'),
      }),
    ),
    pointsTotal: z.number(),
    total: z.number(),
    grade: ProjectGradeSchema,
    notes: z.array(z.string()),
  })
  .meta({ id: 'SelfEvaluationTable' });

/** The answer of each format, by media type. */
export const SelfEvaluationResponse = {
  description: 'the table in the format asked for (?format=json|csv|xlsx|html)',
  content: {
    'application/json': { schema: SelfEvaluationTableSchema },
    'text/csv': { schema: z.string().describe('UTF-8 with BOM, one row per line of the form') },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any().meta({ type: 'string', format: 'binary', description: 'the .xlsx workbook' }) },
    'text/html': { schema: z.string().describe('a printable page') },
  },
};

export type SelfEvaluationTableIsExact = Assert<Exact<z.output<typeof SelfEvaluationTableSchema>, SelfEvaluationTable>>;

const shape = SelfEvaluationTableSchema.shape;

/** 部门整体支出绩效自评表 as data (?format=json); the same table is served as xlsx and html. */
export const DepartmentSelfEvaluationTableSchema = z
  .object({
    title: z.literal('部门整体支出绩效自评表'),
    moneyUnit: shape.moneyUnit,
    header: z.object({ id: z.string(), department: z.string().describe('部门名称'), year: z.number().int() }),
    asOf: shape.asOf,
    status: shape.status,
    funding: shape.funding,
    tasks: z.array(
      z.object({
        id: z.string(),
        name: z.string().describe('任务名称'),
        content: z.string().describe('主要内容'),
        budget: amount,
        spent: z.number().describe('spending that names the task, in moneyUnit'),
        executionPercent: z.number().nullable(),
      }),
    ),
    unassignedSpent: z.number().describe('spending that names no task, in moneyUnit'),
    goals: shape.goals,
    indicatorGroups: z.array(
      z.object({
        task: z.string().nullable(),
        label: z.string().describe('"任务1：…"; for the indicators of no task, "不属于任务的指标" (or "" when there are no tasks)'),
        indicators: z.array(shape.indicators.element.extend({ task: z.string().nullable() })),
      }),
    ),
    prefilledFromRollup: z
      .object({
        projectCount: z.number().int(),
        projects: z.array(
          z.object({
            id: z.string(),
            code: z.string(),
            name: z.string(),
            budget: z.number().describe('全年预算数, in moneyUnit'),
            spent: z.number().describe('全年执行数, in moneyUnit'),
            executionPercent: z.number().nullable(),
            score: z.number(),
            grade: ProjectGradeSchema,
          }),
        ),
        weightedScore: z.number().nullable().describe('the roll-up’s budget-weighted average score'),
        grade: ProjectGradeSchema.nullable(),
      })
      .nullable()
      .describe('set when the department-year declares no indicators: funding is then the roll-up’s, and the projects’ results stand in the indicator part, pre-filled for the user to complete'),
    pointsTotal: shape.pointsTotal,
    total: shape.total,
    grade: shape.grade,
    notes: shape.notes,
  })
  .meta({ id: 'DepartmentSelfEvaluationTable' });

export const DepartmentSelfEvaluationResponse = {
  description: 'the table in the format asked for (?format=json|xlsx|html)',
  content: {
    'application/json': { schema: DepartmentSelfEvaluationTableSchema },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': SelfEvaluationResponse.content['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    'text/html': SelfEvaluationResponse.content['text/html'],
  },
};

export type DepartmentSelfEvaluationTableIsExact = Assert<Exact<z.output<typeof DepartmentSelfEvaluationTableSchema>, DepartmentSelfEvaluationTable>>;
