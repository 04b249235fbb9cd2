import { z } from 'zod';

/** What every accepted command answers (with the ETag of the revision). */
export const CommandReplySchema = z
  .object({
    id: z.string().describe('the project id, <code>-<year>'),
    revision: z.number().int().describe('the stream revision after the command'),
    readModelsLag: z
      .boolean()
      .optional()
      .describe('present (true) when the events are written but the read models did not include them yet when answered'),
  })
  .meta({ id: 'CommandReply' });
export type CommandReply = z.output<typeof CommandReplySchema>;
