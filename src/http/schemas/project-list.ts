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
    budget: z.string().describe('全年预算数 in 元, e.g. "500000.00"'),
    spent: z.string().describe('全年执行数 as of today, in 元'),
    expectedSpent: z.string().describe('全年预计执行数 of the year-end forecast, in 元'),
    displayUnit: z.enum(['元', '万元']).describe('the money unit of the project\'s forms'),
  })
  .meta({ id: 'ProjectSummary' });

export const ProjectListSchema = z
  .object({
    projects: z.array(ProjectSummarySchema),
    colourThresholds: z
      .object({ red: z.number(), yellow: z.number(), blue: z.number() })
      .describe('the default progress-ratio thresholds of the colours (%): red below `red`, yellow below `yellow`, blue from `blue`; a project may set its own'),
  })
  .meta({ id: 'ProjectList' });

/** The list as JSON, or (?format=xlsx) the same rows as a workbook. */
export const ProjectListResponse = {
  description: 'the list (?format=json), or the same rows as an A4-landscape workbook (?format=xlsx)',
  content: {
    'application/json': { schema: ProjectListSchema },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any().meta({ type: 'string', format: 'binary', description: 'the .xlsx workbook' }) },
  },
};

export type ProjectSummaryIsExact = Assert<Exact<z.output<typeof ProjectSummarySchema>, ProjectSummary>>;
