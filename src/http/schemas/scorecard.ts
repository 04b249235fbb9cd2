import { z } from 'zod';
import type { Scorecard } from '../../../domain/scoring/scorecard-types.js';
import type { Assert, Exact } from './same-type.js';
import { MoneyText, ProjectGradeSchema } from './values.js';

export const IndicatorScoreSchema = z
  .object({
    id: z.string(),
    level1: z.string().describe('as printed, e.g. 产出指标'),
    level2: z.string(),
    name: z.string(),
    target: z.string().describe('latest approved target as written'),
    originalTarget: z.string().optional().describe('the target as first declared, when revised'),
    standard: z.string().optional(),
    actual: z.string().nullable().describe('latest actual by asOf as typed, or the grade; null when none'),
    actualReading: z.string().optional().describe('how the actual was read when not literally, e.g. "90" under a 万元 target is 90 万元'),
    achievementPercent: z.number().nullable(),
    points: z.number(),
    computedScore: z.number(),
    score: z.number().describe('the override when set, else computedScore'),
    override: z.object({ score: z.number(), reason: z.string(), actor: z.string() }).optional(),
    status: z.enum(['met', 'partial', 'unmet', 'pending', 'notApplicable']),
    needsExplanation: z.boolean(),
    explanationReason: z.string().optional(),
    notApplicable: z.string().optional().describe('why the row is not scored (target /, 无, —)'),
    explained: z.boolean(),
    reference: z
      .object({ text: z.string(), targetVsReferencePercent: z.number().nullable(), actualVsReferencePercent: z.number().nullable() })
      .optional(),
  })
  .meta({ id: 'IndicatorScore' });

export const ExecutionScoreSchema = z
  .object({
    initialBudget: MoneyText,
    budget: MoneyText.describe('全年预算数'),
    spent: MoneyText.describe('全年执行数'),
    ratePercent: z.number(),
    points: z.number(),
    score: z.number().describe('the override when set, else computedScore'),
    computedScore: z.number(),
    override: z.object({ score: z.number(), reason: z.string(), actor: z.string() }).optional(),
    needsExplanation: z.boolean(),
    explained: z.boolean(),
    sources: z
      .array(z.object({ name: z.string(), initialBudget: MoneyText, budget: MoneyText, spent: MoneyText, ratePercent: z.number().nullable() }))
      .describe('per funding source, in registration order (the score is on the total)'),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ExecutionScore' });

export const ScorecardSchema = z
  .object({
    projectId: z.string(),
    asOf: z.string().nullable(),
    total: z.number(),
    grade: ProjectGradeSchema,
    execution: ExecutionScoreSchema,
    indicators: z.array(IndicatorScoreSchema),
    weights: z.object({ execution: z.number(), output: z.number(), cost: z.number(), benefit: z.number(), satisfaction: z.number() }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Scorecard' });

export type ScorecardIsExact = Assert<Exact<z.output<typeof ScorecardSchema>, Scorecard>>;
