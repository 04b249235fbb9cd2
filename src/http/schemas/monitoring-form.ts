import { z } from 'zod';
import type { MonitoringFormTable } from '../../../projections/reports/monitoring-form/monitoring-form-table.js';
import type { Assert, Exact } from './same-type.js';
import { ColourSchema } from './values.js';

const amount = z.number().nullable().describe('元; null where the form leaves the cell empty');

const FormDeviationSchema = z.object({
  category: z.string(),
  reason: z.string(),
  measure: z.string(),
  likelihood: z.string().nullable(),
  actor: z.string(),
  recordedAt: z.string(),
  checkpointStated: z.boolean(),
});

/** 项目支出绩效目标执行监控表 for checkpoint month N as data (?format=json); the same table as xlsx and html. */
export const MonitoringFormTableSchema = z
  .object({
    title: z.literal('项目支出绩效目标执行监控表'),
    moneyUnit: z.literal('元'),
    month: z.number().int(),
    asOf: z.string(),
    header: z.object({ projectId: z.string(), code: z.string(), projectName: z.string(), department: z.string(), implementingUnit: z.string(), year: z.number().int() }),
    goals: z.object({ annual: z.string() }),
    colour: ColourSchema,
    budget: z.array(
      z.object({
        kind: z.enum(['total', 'source']),
        label: z.string(),
        initialBudget: amount,
        budget: amount,
        spentToDate: amount.describe('1–N月执行数'),
        executionPercent: z.number().nullable(),
        plannedPercent: z.number().nullable(),
        colour: ColourSchema.nullable(),
        expectedSpent: amount.describe('全年预计执行数'),
        deviation: z.string(),
      }),
    ),
    indicators: z.array(
      z.object({
        id: z.string(),
        level1: z.string(),
        level2: z.string(),
        name: z.string(),
        target: z.string(),
        actualToDate: z.string().nullable().describe('1–N月执行情况'),
        ratio: z.number().nullable(),
        colour: ColourSchema.nullable(),
        expected: z.string().nullable().describe('全年预计完成情况'),
        expectedBasis: z.enum(['forecast', 'latest-actual', 'trajectory', 'none']),
        expectedValueUsed: z.string().nullable(),
        deviations: z.array(FormDeviationSchema),
        deviation: z.string().describe('偏差原因分析'),
        likelihood: z.string().nullable().describe('完成目标可能性'),
        needsExplanation: z.boolean(),
        remark: z.string().describe('备注'),
      }),
    ),
    needingExplanation: z.array(z.object({ id: z.string().nullable(), name: z.string(), colour: ColourSchema })),
    forecast: z.object({ expectedTotal: z.number(), expectedGrade: z.string(), currentTotal: z.number() }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'MonitoringFormTable' });

export const MonitoringFormResponse = {
  description: 'the form in the format asked for (?format=json|xlsx|html)',
  content: {
    'application/json': { schema: MonitoringFormTableSchema },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any().meta({ type: 'string', format: 'binary', description: 'the .xlsx workbook' }) },
    'text/html': { schema: z.string().describe('a printable page') },
  },
};

export type MonitoringFormTableIsExact = Assert<Exact<z.output<typeof MonitoringFormTableSchema>, MonitoringFormTable>>;
