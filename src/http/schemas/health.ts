import { z } from 'zod';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    store: z.object({ kind: z.enum(['sqlite', 'eventstoredb', 'postgres']), position: z.string().describe('the store\'s head position (a bigint as text)') }),
    readModels: z.object({ position: z.string().describe('the position the read models include') }),
  })
  .meta({ id: 'Health' });
export type Health = z.output<typeof HealthSchema>;
