import { z } from 'zod';
import type { ProjectDiff } from '../../../projections/reports/diff.js';
import type { Assert, Exact } from './same-type.js';
import { PointSchema, ProjectGradeSchema, ProjectStatusSchema } from './values.js';

const change = <T extends z.ZodType>(value: T) => z.object({ from: value, to: value }).nullable();
const ActualSnapshot = z.object({ text: z.string(), asOf: z.string() }).nullable();
const ListedIndicator = z.object({ indicatorId: z.string(), name: z.string(), target: z.string() });

export const ProjectDiffSchema = z
  .object({
    changed: z.boolean().describe('false when nothing below changed'),
    status: change(ProjectStatusSchema.nullable()),
    targets: z.array(z.object({ indicatorId: z.string(), name: z.string(), from: z.string(), to: z.string() })),
    actuals: z.array(z.object({ indicatorId: z.string(), name: z.string(), from: ActualSnapshot, to: ActualSnapshot })),
    spending: z.object({
      total: change(z.string()),
      added: z.array(
        z.object({
          revision: z.number().int(),
          amount: z.string(),
          date: z.string(),
          note: z.string().optional(),
          reason: z.string().optional(),
          actor: z.string(),
        }),
      ),
    }),
    budget: change(z.string().nullable()),
    scores: z.object({
      indicators: z.array(z.object({ indicatorId: z.string(), name: z.string(), from: z.number().nullable(), to: z.number().nullable() })),
      execution: change(z.number().nullable()),
      total: change(z.number().nullable()),
      grade: change(ProjectGradeSchema.nullable()),
    }),
    indicatorsAdded: z.array(ListedIndicator),
    indicatorsRemoved: z.array(ListedIndicator),
  })
  .meta({ id: 'ProjectDiff' });

export const DiffSchema = z
  .object({ projectId: z.string(), from: PointSchema, to: PointSchema, changes: ProjectDiffSchema })
  .meta({ id: 'Diff' });

export type ProjectDiffIsExact = Assert<Exact<z.output<typeof ProjectDiffSchema>, ProjectDiff>>;
