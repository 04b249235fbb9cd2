import { z } from 'zod';
import type { DepartmentRollup, DepartmentSummary } from '../../../projections/departments/rollup-types.js';
import type { Assert, Exact } from './same-type.js';
import { ColourSchema, MoneyText, ProjectGradeSchema } from './values.js';

const money = {
  budgetFen: z.number().int().describe('全年预算数 in fen'),
  budget: MoneyText,
  spentFen: z.number().int().describe('全年执行数 in fen, as of the point'),
  spent: MoneyText,
  executionPercent: z.number().nullable().describe('spent / budget × 100, 2 decimals; null on a zero budget'),
};

const Counts = <K extends string>(keys: readonly [K, ...K[]]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);
const GradeCounts = Counts(['优', '良', '中', '差'] as const);
const ColourCounts = Counts(['green', 'yellow', 'red', 'blue'] as const);

const ProjectRef = z.object({ id: z.string(), name: z.string() });

export const ProjectRollupLineSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    department: z.string().describe('as the project spells it'),
    ...money,
    sources: z.array(z.object({ name: z.string(), ...money })),
    score: z.number().describe('self-evaluation total at the point'),
    grade: ProjectGradeSchema,
    colour: ColourSchema.describe('monitoring colour at the point'),
    submitted: z.boolean(),
    needsExplanation: z.boolean(),
    missingExplanations: z.number().int().describe('items still asking for an explanation: red/yellow at the current checkpoint in the year, the self-evaluation gaps from 31 December'),
  })
  .meta({ id: 'ProjectRollupLine' });

const figures = {
  department: z.string(),
  key: z.string().describe('the name NFKC-normalised, whitespace removed: what projects are matched on'),
  names: z.array(z.string()).describe('the spellings found among the projects'),
  year: z.number().int(),
  asOf: z.string().describe('the business date colours, deadlines and checkpoints were judged at'),
  projectCount: z.number().int(),
  ...money,
  weightedScore: z.number().nullable().describe('Σ(score × 全年预算数) / Σ 全年预算数; zero-budget projects weigh nothing; null when no budget'),
  grade: ProjectGradeSchema.nullable(),
  grades: GradeCounts,
  colours: ColourCounts,
};

export const DepartmentRollupSchema = z
  .object({
    ...figures,
    sources: z.array(z.object({ name: z.string(), ...money, projects: z.number().int() })),
    withoutSources: z.object({ ...money, projects: z.number().int() }).describe('projects that registered no funding source'),
    projects: z.array(ProjectRollupLineSchema),
    needingExplanation: z.array(ProjectRef),
    notSubmitted: z.array(ProjectRef),
  })
  .meta({ id: 'DepartmentRollup' });

export const DepartmentSummarySchema = z
  .object({
    ...figures,
    needingExplanation: z.number().int().describe('projects still needing an explanation'),
    notSubmitted: z.number().int().describe('projects whose self-evaluation is not submitted'),
  })
  .meta({ id: 'DepartmentSummary' });

export const DepartmentListSchema = z.object({ year: z.number().int(), departments: z.array(DepartmentSummarySchema) }).meta({ id: 'DepartmentList' });

export type DepartmentRollupIsExact = Assert<Exact<z.output<typeof DepartmentRollupSchema>, DepartmentRollup>>;
export type DepartmentSummaryIsExact = Assert<Exact<z.output<typeof DepartmentSummarySchema>, DepartmentSummary>>;
