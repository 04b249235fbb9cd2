import { z } from 'zod';
import type { ImportResult } from '../../import/import-service.js';
import type { Assert, Exact } from './same-type.js';
import { TargetOut } from './values.js';

/**
 * POST /api/import: what was found in the file and what became of each project. The bodies are
 * those of the commands the import sends (as in the command routes), without their input checks:
 * an answer is described, not validated again.
 */

const Money = z.union([z.number(), z.string()]);
const TargetInput = z.union([z.string(), z.object({ comparator: z.string(), value: z.union([z.number(), z.string()]), unit: z.string().optional() })]);

const RegisterBody = z.object({
  code: z.string().optional(),
  year: z.number().int().optional(),
  name: z.string(),
  department: z.string().optional(),
  unit: z.string().optional(),
  budget: z.object({ initial: Money, sources: z.array(z.object({ name: z.string(), amount: Money })).optional() }).optional(),
  goals: z.object({ annual: z.string().optional(), longTerm: z.string().optional() }).optional(),
  implementationPeriod: z.union([z.string(), z.object({ start: z.string(), end: z.string() })]).optional(),
  displayUnit: z.enum(['元', '万元']).optional(),
  policy: z
    .object({
      weights: z
        .object({ execution: z.number(), output: z.number(), cost: z.number().optional(), benefit: z.number(), satisfaction: z.number() })
        .optional(),
      reverse: z.enum(['linear', 'ratio']).optional(),
      rounding: z.enum(['decimal2', 'floor', 'round']).optional(),
      grades: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }).optional(),
      checkpoints: z.array(z.number().int()).optional(),
      colours: z.object({ red: z.number(), yellow: z.number(), blue: z.number() }).optional(),
      executionPoints: z.enum(['separate', 'inOutput', 'none']).optional(),
    })
    .optional(),
});

const IndicatorBody = z.object({
  key: z.string().optional(),
  level1: z.string(),
  level2: z.string(),
  name: z.string(),
  target: TargetInput.optional(),
  standard: z.string().optional(),
  reference: z.union([z.string(), z.number()]).optional(),
  explanation: z.string().optional(),
  scoringNote: z.string().optional(),
  points: z.number().optional(),
  task: z.string().optional(),
});

const ImportOutcomeSchema = z.object({
  id: z.string().nullable(),
  departmentYear: z
    .object({ name: z.string(), year: z.number().int(), url: z.string() })
    .optional()
    .describe('the department-year (部门整体) this table is'),
  name: z.string(),
  status: z.enum(['would-create', 'would-update', 'unchanged', 'created', 'updated', 'missing', 'refused']),
  assumed: z.array(z.string()).describe('what the import filled in where the table and the parameters were silent'),
  commands: z.array(z.string()).describe('commands sent, or in a dry run that would be'),
  missing: z.array(z.string()),
  revision: z.number().int().optional(),
  error: z.object({ rule: z.string(), detail: z.string(), errors: z.array(z.unknown()) }).optional(),
});

export const ImportResultSchema = z
  .object({
    dryRun: z.boolean(),
    projects: z.array(
      z.object({
        kind: z.literal('department').optional().describe('a 部门整体 table: a department-year'),
        register: RegisterBody,
        tasks: z
          .object({
            tasks: z.array(
              z.object({ id: z.string().optional(), name: z.string(), content: z.string().optional(), amounts: z.array(z.object({ name: z.string(), amount: Money })).optional() }),
            ),
            reason: z.string().optional(),
          })
          .optional()
          .describe('年度主要任务 of a department-year'),
        targets: z.object({ indicators: z.array(IndicatorBody) }),
        spendingPlan: z
          .object({ checkpoints: z.array(z.object({ month: z.number().int(), cumulativePercent: z.number() })), reason: z.string().optional() })
          .optional(),
        missing: z.array(z.string()),
        preview: z.object({
          indicators: z.array(
            z.object({
              level1: z.string(),
              level2: z.string(),
              name: z.string(),
              target: z.string().describe('as printed'),
              place: z.string().describe('the target cell, as warnings name places ("第12行", "Sheet1!D7")'),
              parsed: TargetOut.nullable(),
              display: z.string().nullable(),
              standard: z.string().optional(),
              task: z.string().optional(),
            }),
          ),
          budgetFen: z.number().int().optional(),
        }),
        source: z.object({ place: z.string() }),
        outcome: ImportOutcomeSchema,
      }),
    ),
    warnings: z.array(z.object({ place: z.string(), raw: z.string(), message: z.string() })),
    message: z.string(),
  })
  .meta({ id: 'ImportResult' });

export type ImportResultIsExact = Assert<Exact<z.output<typeof ImportResultSchema>, ImportResult>>;
