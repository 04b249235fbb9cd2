import { z } from 'zod';

/** Scoring policy of one project (docs/domain.md §4–§5). Every field has the domain's default. */
export const PolicySchema = z.object({
  /** Level-1 weights; must add up to 100 with execution. `cost` only when 成本指标 is its own level 1. */
  weights: z
    .object({
      execution: z.number().min(0).max(100),
      output: z.number().min(0).max(100),
      cost: z.number().min(0).max(100).optional(),
      benefit: z.number().min(0).max(100),
      satisfaction: z.number().min(0).max(100),
    })
    .optional()
    .describe('declared weights; absent: 预算执行率 10, 产出 50 (shared with 成本), 效益 30, 满意度 10'),
  /**
   * Where 预算执行率's points sit: `separate` (default, domain §5.1: beside the levels, all adding up
   * to 100); `inOutput` (the execution points are part of the 产出 level: its indicators share the
   * rest of its weight, as forms whose indicator points alone add up to 100 do); `none` (execution
   * weighs 0).
   */
  executionPoints: z.enum(['separate', 'inOutput', 'none']).default('separate'),
  reverse: z.enum(['linear', 'ratio']).default('linear'),
  rounding: z.enum(['decimal2', 'floor', 'round']).default('decimal2'),
  grades: z
    .object({ excellent: z.number(), good: z.number(), fair: z.number() })
    .default({ excellent: 90, good: 80, fair: 60 }),
  /** Months whose last day is a monitoring checkpoint. */
  checkpoints: z.array(z.number().int().min(1).max(12)).min(1).default([3, 6, 10, 12]),
  /** Progress-ratio thresholds (%): below red → red, below yellow → yellow, at/above blue → blue. */
  colours: z
    .object({ red: z.number(), yellow: z.number(), blue: z.number() })
    .default({ red: 60, yellow: 80, blue: 120 }),
});

export type Policy = z.output<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

export const defaultPolicy = (): Policy => PolicySchema.parse({});
