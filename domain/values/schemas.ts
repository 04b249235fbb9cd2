import { z } from 'zod';
import { MAX_VALUE_TEXT } from './limits.js';
import { GRADES } from './types.js';

/**
 * zod schemas of the value types, for events read back from the store and for HTTP bodies.
 * The event shapes below set no maximum length: a stream already holding a longer text must stay
 * readable (events are never rewritten). What enters is bounded: `ValueTextSchema` on inputs, and the
 * parsers refuse text longer than MAX_VALUE_TEXT, so new values are never longer.
 */

/** A value as written (a target, an actual, an amount): at most MAX_VALUE_TEXT characters. */
export const ValueTextSchema = z
  .string()
  .max(MAX_VALUE_TEXT, `最多 ${MAX_VALUE_TEXT} 个字符 / at most ${MAX_VALUE_TEXT} characters`);

export const ComparatorSchema = z.enum(['>=', '>', '<=', '<', '=']);

export const QuantitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('number'), value: z.number(), unit: z.string() }),
  z.object({ kind: z.literal('money'), fen: z.number().int() }),
]);

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

export const TargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('compare'), comparator: ComparatorSchema, quantity: QuantitySchema }),
  z.object({ kind: z.literal('range'), min: QuantitySchema, max: QuantitySchema }),
  z.object({ kind: z.literal('deadline'), date: IsoDateSchema }),
  z.object({ kind: z.literal('qualitative'), text: z.string() }),
]);

export const GradeSchema = z.enum(GRADES);

export const ActualValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('quantity'), quantity: QuantitySchema }),
  z.object({ kind: z.literal('date'), date: IsoDateSchema }),
  z.object({ kind: z.literal('grade'), grade: GradeSchema }),
]);

export const Level1Schema = z.enum(['output', 'cost', 'benefit', 'satisfaction']);
