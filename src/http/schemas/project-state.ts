import { z } from 'zod';
import { BudgetSourceSchema, IndicatorSchema, ProjectEventSchemas } from '../../../commands/project/events.js';
import { PolicySchema } from '../../../commands/project/policy.js';
import type { DeclaredProject } from '../../../commands/project/state.js';
import type { Assert, Exact } from './same-type.js';
import { ActualValueOut, IndicatorGradeSchema, PointSchema, ProjectStatusSchema, TargetOut } from './values.js';

/** GET /api/projects/:id: the project's state at a point, every fact with who recorded it and when. */

const recorded = {
  actor: z.string(),
  recordedAt: z.string().describe('ISO timestamp, +08:00'),
  revision: z.number().int().describe('stream revision of the event'),
};
const RecordedSchema = z.object(recorded);

export const IndicatorStateSchema = IndicatorSchema.extend({
  target: TargetOut,
  originalTarget: TargetOut,
  originalTargetText: z.string(),
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
  actuals: z.array(
    z.object({
      ...recorded,
      value: ActualValueOut,
      text: z.string(),
      asOf: z.string(),
      evidence: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  assessment: z.object({ ...recorded, grade: IndicatorGradeSchema, score: z.number().optional(), comment: z.string().optional() }).optional(),
  override: z.object({ ...recorded, score: z.number(), reason: z.string() }).optional(),
}).meta({ id: 'IndicatorState' });

export const DeviationSchema = ProjectEventSchemas.DeviationRecorded.extend(recorded).meta({ id: 'Deviation' });

export const ProjectStateSchema = z
  .object({
    status: ProjectStatusSchema,
    revision: z.number().int().describe('last stream revision folded in'),
    id: z.string(),
    code: z.string(),
    year: z.number().int(),
    name: z.string(),
    department: z.string(),
    unit: z.string().optional(),
    goals: z.object({ annual: z.string().optional(), longTerm: z.string().optional() }),
    policy: PolicySchema,
    registered: RecordedSchema,
    budget: z.object({
      initialFen: z.number().int(),
      sources: z.array(BudgetSourceSchema),
      totalFen: z.number().int().describe('全年预算数: the latest approved total, in fen'),
      adjustments: z.array(ProjectEventSchemas.BudgetAdjusted.extend(recorded)),
    }),
    indicators: z.array(IndicatorStateSchema),
    targetsLocked: z.boolean(),
    targetsDeclaredAt: RecordedSchema.optional(),
    spendingPlan: z.array(z.object({ month: z.number().int(), cumulativePercent: z.number() })),
    spending: z.array(ProjectEventSchemas.SpendingRecorded.extend(recorded)),
    deviations: z.array(DeviationSchema),
    evaluation: z.object({
      submissions: z.array(z.object({ ...recorded, total: z.number(), grade: z.string() })),
      reopenings: z.array(z.object({ ...recorded, reason: z.string() })),
    }),
  })
  .meta({ id: 'ProjectState' });

export const ProjectAtSchema = z.object({ point: PointSchema, project: ProjectStateSchema }).meta({ id: 'ProjectAt' });

export type ProjectStateIsExact = Assert<Exact<z.output<typeof ProjectStateSchema>, DeclaredProject>>;
