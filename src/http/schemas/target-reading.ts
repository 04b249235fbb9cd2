import { z } from 'zod';
import { TEXT_LIMITS, COUNT_LIMITS } from '../../../commands/project/limits.js';
import { ValueTextSchema } from '../../../domain/values/schemas.js';
import type { TargetReading } from '../../read/read-targets.js';
import type { Assert, Exact } from './same-type.js';

export const ReadTargetsBodySchema = z.strictObject({
  year: z.number({ error: 'year：应为整数年份' }).int().min(2000).max(2100).optional().describe('the project year: "12月" reads as a date in it'),
  rows: z
    .array(z.strictObject({ target: ValueTextSchema.optional(), name: z.string().max(TEXT_LIMITS.name).optional() }))
    .max(COUNT_LIMITS.indicators),
});

const TargetReadingSchema = z.union([
  z.object({
    ok: z.literal(true),
    kind: z.enum(['quantitative', 'deadline', 'qualitative', 'not-applicable']),
    reading: z.string().describe('the target as the system reads it, e.g. "≥ 7 次"'),
  }),
  z.object({ ok: z.literal(false), error: z.string().describe('what could not be read and what was expected (Chinese)') }),
]);

export const TargetReadingsSchema = z
  .object({ readings: z.array(TargetReadingSchema).describe('one per row, in order') })
  .meta({ id: 'TargetReadings' });

export type TargetReadingsIsExact = Assert<Exact<z.output<typeof TargetReadingsSchema>, { readings: TargetReading[] }>>;
