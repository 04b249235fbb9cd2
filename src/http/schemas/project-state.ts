import { z } from 'zod';
import { BudgetSourceSchema, DeviationCheckpointSchema, DisplayUnitSchema, PeriodSchema, ProjectEventSchemas } from '../../../domain/project/events.js';
import { PolicySchema } from '../../../domain/project/policy.js';
import { QuantitySchema } from '../../../domain/values/schemas.js';
import type { ProjectView } from '../../../projections/project-view.js';
import type { Assert, Exact } from './same-type.js';
import { ActualValueOut, IndicatorGradeSchema, PointSchema, ProjectStatusSchema, TargetOut } from './values.js';

/** GET /api/projects/:id: the project as a reader sees it at a point, every fact with who recorded it and when. */

const recorded = {
  actor: z.string(),
  recordedAt: z.string().describe('ISO timestamp, +08:00'),
  revision: z.number().int().describe('stream revision of the event'),
};
const RecordedSchema = z.object(recorded);

const ActualEntrySchema = z
  .object({
    ...recorded,
    value: ActualValueOut,
    text: z.string(),
    asOf: z.string(),
    evidence: z.string().optional(),
    note: z.string().optional(),
    reading: z.string().optional().describe('how the value was read when not literally (a bare number in the target\'s unit, a comparator, a grade word)'),
  })
  .meta({ id: 'ActualEntry' });

export const IndicatorViewSchema = z
  .object({
    id: z.string(),
    level1: z.enum(['output', 'cost', 'benefit', 'satisfaction']),
    level1Name: z.string().describe('level 1 as printed: 产出指标, 成本指标 …'),
    level2: z.string(),
    name: z.string(),
    target: TargetOut.describe('the latest approved target'),
    targetText: z.string(),
    originalTarget: TargetOut,
    originalTargetText: z.string(),
    kind: z.enum(['compare', 'range', 'deadline', 'qualitative']),
    standard: z.string().optional(),
    reference: z.object({ text: z.string(), quantity: QuantitySchema.optional() }).optional(),
    explanation: z.string().optional(),
    scoringNote: z.string().optional(),
    points: z.number().optional(),
    task: z.string().optional().describe('the 年度主要任务 (id) of a department\'s indicator'),
    revisions: z.array(
      z.object({
        ...recorded,
        target: TargetOut,
        targetText: z.string(),
        previousTarget: TargetOut,
        previousTargetText: z.string(),
        reason: z.string(),
        approvalRef: z.string(),
      }),
    ),
    actuals: z.array(ActualEntrySchema),
    latestActual: ActualEntrySchema.nullable().describe('the actual that counts: the latest by asOf, ties to the later recorded'),
    assessment: z.object({ ...recorded, grade: IndicatorGradeSchema, score: z.number().optional(), comment: z.string().optional() }).optional(),
    override: z.object({ ...recorded, score: z.number(), reason: z.string() }).optional(),
    forecasts: z
      .array(z.object({ ...recorded, value: ActualValueOut, text: z.string(), asOf: z.string(), note: z.string().optional() }))
      .describe('预计全年完成值, in recording order'),
  })
  .meta({ id: 'IndicatorView' });

export const DeviationSchema = ProjectEventSchemas.DeviationRecorded.extend(recorded).meta({ id: 'Deviation' });

const DeviationViewSchema = DeviationSchema.extend({
  checkpoint: DeviationCheckpointSchema.describe('the checkpoint month it explains, or year-end'),
  checkpointStated: z.boolean().describe('false: recorded before checkpoints existed, read from the recording date'),
}).meta({ id: 'DeviationView' });

export const ProjectViewSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    year: z.number().int(),
    name: z.string(),
    department: z.string(),
    unit: z.string().optional(),
    status: ProjectStatusSchema,
    revision: z.number().int().describe('the stream revision this view stands at'),
    goals: z.object({ annual: z.string().optional(), longTerm: z.string().optional() }),
    policy: PolicySchema,
    registered: RecordedSchema,
    budget: z.object({
      initialFen: z.number().int(),
      totalFen: z.number().int().describe('全年预算数, in fen'),
      spentFen: z.number().int().describe('全年执行数, in fen'),
      initial: z.string().describe('元 text, "500000.00"'),
      total: z.string(),
      spent: z.string(),
      sources: z.array(BudgetSourceSchema.extend({ totalFen: z.number().int().describe('全年预算数 of the source, in fen') })),
      adjustments: z.array(ProjectEventSchemas.BudgetAdjusted.extend(recorded)),
    }),
    indicators: z.array(IndicatorViewSchema),
    targetsLocked: z.boolean(),
    targetsDeclaredAt: RecordedSchema.optional(),
    spendingPlan: z.array(z.object({ month: z.number().int(), cumulativePercent: z.number() })),
    spending: z.array(ProjectEventSchemas.SpendingRecorded.extend(recorded)),
    deviations: z.array(DeviationViewSchema),
    spendingForecasts: z.array(ProjectEventSchemas.SpendingForecastRecorded.extend(recorded)).describe('全年预计执行数, in recording order'),
    evaluation: z.object({
      submissions: z.array(z.object({ ...recorded, total: z.number(), grade: z.string() })),
      reopenings: z.array(z.object({ ...recorded, reason: z.string() })),
    }),
    goalsRevisions: z.array(ProjectEventSchemas.GoalsRevised.extend(recorded)),
    achievements: z
      .object({ text: z.string().nullable(), history: z.array(ProjectEventSchemas.AchievementsDescribed.extend(recorded)) })
      .describe('实际完成情况 as written (null: not yet), and every earlier version'),
    implementationPeriod: PeriodSchema.extend({ warnings: z.array(z.string()) }).nullable().describe('项目实施期 and its warnings'),
    displayUnit: DisplayUnitSchema,
    executionOverride: ProjectEventSchemas.ExecutionScoreOverridden.extend(recorded).optional(),
    choices: z
      .object({ deviationCategories: z.array(z.string()), likelihoods: z.array(z.string()), grades: z.array(IndicatorGradeSchema) })
      .describe('the values the forms offer'),
  })
  .meta({ id: 'ProjectView' });

export const ProjectAtSchema = z.object({ point: PointSchema, project: ProjectViewSchema }).meta({ id: 'ProjectAt' });

export type ProjectViewIsExact = Assert<Exact<z.output<typeof ProjectViewSchema>, ProjectView>>;
