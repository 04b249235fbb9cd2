import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readTargets } from '../../read/read-targets.js';
import { problems } from '../schemas/problem.js';
import { ReadTargetsBodySchema, TargetReadingsSchema } from '../schemas/target-reading.js';

/** Read-only helpers of the pages: how the parsers read a text, nothing recorded. */
export function readRoutes(app: FastifyInstance): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/read/targets',
    {
      schema: {
        tags: ['queries'],
        operationId: 'read-targets',
        summary: '试读指标值（不写入）',
        body: ReadTargetsBodySchema,
        response: { 200: TargetReadingsSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request) => ({ readings: readTargets(request.body.rows, request.body.year) }),
  );
}
