import { z } from 'zod';

/** What every accepted command answers (with the ETag of the revision). */
export const CommandReplySchema = z
  .object({
    id: z.string().describe('the project id, <code>-<year>'),
    revision: z.number().int().describe('the stream revision after the command'),
  })
  .meta({ id: 'CommandReply' });
