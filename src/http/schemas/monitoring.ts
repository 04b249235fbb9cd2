import { z } from 'zod';
import type { Monitoring } from '../../../projections/monitoring/types.js';
import { DeviationSchema } from './project-state.js';
import type { Assert, Exact } from './same-type.js';
import { ColourSchema, IndicatorGradeSchema, MoneyText } from './values.js';

export const MonitoringSchema = z
  .object({
    projectId: z.string(),
    asOf: z.string(),
    colour: ColourSchema.describe("the project's colour: the worst of execution and the indicators"),
    execution: z.object({
      budget: MoneyText,
      spent: MoneyText,
      actualPercent: z.number(),
      plannedPercent: z.number().describe('at the latest checkpoint passed, or month/12 without a plan'),
      ratio: z.number().nullable(),
      colour: ColourSchema,
    }),
    checkpoints: z.array(
      z.object({
        month: z.number().int(),
        date: z.string().describe('last day of the month'),
        plannedPercent: z.number(),
        actualPercent: z.number(),
        ratio: z.number().nullable(),
        colour: ColourSchema,
      }),
    ),
    indicators: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        target: z.string(),
        actual: z.string().nullable(),
        ratio: z.number().nullable(),
        colour: ColourSchema.nullable().describe('null: nothing to judge yet'),
        grade: IndicatorGradeSchema.optional(),
      }),
    ),
    deviations: z
      .array(z.object({ indicatorId: z.string().nullable(), name: z.string(), colour: ColourSchema, records: z.array(DeviationSchema) }))
      .describe('red or yellow items, with their deviation records'),
  })
  .meta({ id: 'Monitoring' });

export type MonitoringIsExact = Assert<Exact<z.output<typeof MonitoringSchema>, Monitoring>>;
