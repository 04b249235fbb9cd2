import { z } from 'zod';
import type { DepartmentProjects } from '../../application/project-service.js';
import type { DepartmentView } from '../../../projections/departments/department-view.js';
import type { Assert, Exact } from './same-type.js';
import { ProjectViewSchema } from './project-state.js';
import { DepartmentRollupSchema } from './department-rollup.js';
import { ScorecardSchema } from './scorecard.js';
import { PointSchema } from './values.js';

export const TaskExecutionSchema = z
  .object({
    id: z.string(),
    name: z.string().describe('任务名称'),
    content: z.string().nullable().describe('主要内容'),
    amounts: z.array(z.object({ name: z.string(), fen: z.number().int() })).describe('amount planned by funding source, in fen'),
    budgetFen: z.number().int().nullable().describe('sum of the amounts; null when none was declared'),
    spentFen: z.number().int().describe('spending that names this task'),
    executionPercent: z.number().nullable(),
  })
  .meta({ id: 'TaskExecution' });

/** GET /api/departments/:name/:year: the department-year's own stream, as a project reads, with its tasks, score and projects. */
export const DepartmentViewSchema = ProjectViewSchema.extend({
  kind: z.literal('department'),
  tasks: z.array(TaskExecutionSchema).describe('年度主要任务 with their amounts and execution'),
  unassignedSpentFen: z.number().int().describe('spending that names no task'),
  scorecard: ScorecardSchema.describe("the department's own indicators, scored by the project rules"),
  projects: DepartmentRollupSchema.describe('the roll-up of the department\'s projects at the same point'),
}).meta({ id: 'DepartmentView' });

export const DepartmentAtSchema = z.object({ point: PointSchema, department: DepartmentViewSchema }).meta({ id: 'DepartmentAt' });

export type DepartmentViewIsExact = Assert<Exact<z.output<typeof DepartmentViewSchema>, DepartmentView<DepartmentProjects>>>;
