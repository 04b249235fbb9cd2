import { z } from 'zod';
import type { ProjectSummary } from '../../queries/project-queries.js';
import type { Assert, Exact } from './same-type.js';
import { ColourSchema, ProjectGradeSchema, ProjectStatusSchema } from './values.js';

export const ProjectSummarySchema = z
  .object({
    id: z.string(),
    code: z.string(),
    year: z.number().int(),
    name: z.string(),
    department: z.string(),
    revision: z.number().int(),
    total: z.number(),
    grade: ProjectGradeSchema,
    colour: ColourSchema,
    executionPercent: z.number(),
    status: ProjectStatusSchema,
    forecastTotal: z.number().describe('expected total if the year ends as forecast (GET /api/projects/:id/forecast)'),
    forecastGrade: ProjectGradeSchema.describe('expected grade if the year ends as forecast'),
  })
  .meta({ id: 'ProjectSummary' });

export const ProjectListSchema = z.object({ projects: z.array(ProjectSummarySchema) }).meta({ id: 'ProjectList' });

export type ProjectSummaryIsExact = Assert<Exact<z.output<typeof ProjectSummarySchema>, ProjectSummary>>;
