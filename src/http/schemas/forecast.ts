import { z } from 'zod';
import type { YearEndForecast } from '../../../domain/forecast/types.js';
import type { Assert, Exact } from './same-type.js';
import { ProjectGradeSchema } from './values.js';

const BasisSchema = z.enum(['forecast', 'latest-actual', 'trajectory', 'none']).meta({ id: 'ForecastBasis' });
const score = z.object({ total: z.number(), grade: ProjectGradeSchema });

const GradeLiftSchema = z
  .object({
    grade: ProjectGradeSchema,
    threshold: z.number(),
    reached: z.boolean().describe('the forecast already reaches it'),
    possible: z.boolean().describe('false: even full points on every row that can gain would not reach it'),
    changes: z.array(z.object({ id: z.string(), name: z.string(), from: z.number(), to: z.number(), gain: z.number(), needed: z.string() })),
    totalAfter: z.number(),
  })
  .meta({ id: 'GradeLift' });

/** GET /api/projects/:id/forecast: the year-end score if the year ends as forecast, and what it takes. */
export const YearEndForecastSchema = z
  .object({
    projectId: z.string(),
    asOf: z.string(),
    yearEnd: z.string(),
    current: score,
    expected: score,
    execution: z.object({
      basis: BasisSchema,
      budget: z.string(),
      spentSoFar: z.string(),
      expectedSpent: z.string(),
      expectedRatePercent: z.number(),
      points: z.number(),
      score: z.number(),
      bySource: z.array(z.object({ source: z.string(), expectedSpent: z.string(), asOf: z.string() })),
      neededForFullPoints: z.string(),
    }),
    indicators: z.array(
      z.object({
        id: z.string(),
        level1: z.string(),
        level2: z.string(),
        name: z.string(),
        target: z.string(),
        basis: BasisSchema,
        value: z.string().nullable(),
        valueAsOf: z.string().nullable(),
        points: z.number(),
        score: z.number(),
        status: z.enum(['met', 'partial', 'unmet', 'pending', 'notApplicable']),
        neededForFullPoints: z.string(),
        shortfall: z.string().nullable(),
      }),
    ),
    whatItTakes: z.object({ good: GradeLiftSchema, excellent: GradeLiftSchema }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'YearEndForecast' });

export type YearEndForecastIsExact = Assert<Exact<z.output<typeof YearEndForecastSchema>, YearEndForecast>>;
