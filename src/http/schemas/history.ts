import { z } from 'zod';
import type { HistoryEntry } from '../../../projections/reports/history.js';
import type { Assert, Exact } from './same-type.js';

export const HistoryEntrySchema = z
  .object({
    revision: z.number().int(),
    type: z.string().describe('event type, e.g. SpendingRecorded'),
    data: z.unknown().describe("the event's data as recorded"),
    summary: z.string().describe('one line in Chinese'),
    actor: z.string(),
    recordedAt: z.string(),
    effectiveAt: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'HistoryEntry' });

export const HistorySchema = z.object({ projectId: z.string(), entries: z.array(HistoryEntrySchema) }).meta({ id: 'History' });

export type HistoryEntryIsExact = Assert<Exact<z.output<typeof HistoryEntrySchema>, HistoryEntry>>;
