import { z } from 'zod';
import { ActualValueSchema, GradeSchema, QuantitySchema, TargetSchema } from '../../../domain/values/schemas.js';
import type { PointInTime } from '../../queries/point-in-time.js';
import type { Assert, Exact } from './same-type.js';

/** Value types shared by the answers, named once in the document. */

export const MoneyText = z.string().describe('元 with two decimals, e.g. "450000.00"');
export const ColourSchema = z.enum(['green', 'yellow', 'red', 'blue']).meta({ id: 'Colour' });
export const ProjectGradeSchema = z.enum(['优', '良', '中', '差']).meta({ id: 'ProjectGrade' });
export const IndicatorGradeSchema = GradeSchema.meta({ id: 'IndicatorGrade' });
export const QuantityOut = QuantitySchema.meta({ id: 'Quantity', description: 'money is integer fen' });
export const TargetOut = TargetSchema.meta({ id: 'Target' });
export const ActualValueOut = ActualValueSchema.meta({ id: 'ActualValue' });
export const ProjectStatusSchema = z.enum(['open', 'submitted']).meta({ id: 'ProjectStatus' });

/** The point in time a query answered for (?asOf, ?knownAt, ?revision, or now). */
export const PointSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('now') }),
    z.object({ kind: z.literal('asOf'), date: z.string(), untilMs: z.number() }),
    z.object({ kind: z.literal('knownAt'), at: z.string(), untilMs: z.number() }),
    z.object({ kind: z.literal('revision'), revision: z.number().int() }),
  ])
  .meta({ id: 'PointInTime' });

export type PointIsExact = Assert<Exact<z.output<typeof PointSchema>, PointInTime>>;
