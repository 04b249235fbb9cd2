import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProjectCommand } from '../../../commands/project/command.js';
import { projectIdOf } from '../../../domain/project/events.js';
import { refOf, type YearRef } from '../../../domain/project/department-stream.js';
import { PROJECT_COMMANDS, REGISTER } from '../../../commands/project/catalog.js';
import { RegisterProjectInput } from '../../../commands/project/inputs.js';
import { actionOfCommand } from '../../auth/access-rules.js';
import type { ProjectService } from '../../application/project-service.js';
import { isoTimestamp, type Clock } from '../../clock.js';
import { authorize } from '../access.js';
import type { IdempotencyKeys, StoredReply } from '../idempotency.js';
import { actorOf, etagOf, expectedRevisionOf, headerText } from '../request-context.js';
import { CommandReplySchema, type CommandReply } from '../schemas/command-reply.js';
import { COMMAND_PROBLEMS, REGISTER_PROBLEMS } from '../schemas/problem.js';

export const ProjectIdParam = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+-\d{4}$/, '项目标识应为 <编码>-<年度>，如 52270022P00430210142W-2022');

const ProjectParams = z.object({ id: ProjectIdParam });
const IndicatorParams = z.object({ id: ProjectIdParam, indicatorId: z.string().min(1) });

export type CommandExecutor = (
  request: FastifyRequest,
  reply: FastifyReply,
  target: string | YearRef,
  command: ProjectCommand,
  successStatus: number,
  location?: string,
) => Promise<FastifyReply>;

/**
 * Authorizes, then runs the command once per Idempotency-Key, and sends {id, revision} with the ETag:
 * the one way a command route answers, on a project-year or a department-year.
 */
export function commandExecutor(service: ProjectService, idempotency: IdempotencyKeys, clock: Clock): CommandExecutor {
  return async (request, reply, target, command, successStatus, location) => {
    const projectId = refOf(target).id;
    const expectedRevision = expectedRevisionOf(request);
    const actor = actorOf(request);
    const run = async (correlationId: string = request.id): Promise<StoredReply> => {
      const result = await service.execute(target, command, {
        actor,
        correlationId,
        ...(expectedRevision !== undefined ? { expectedRevision } : {}),
        // Decided on the state the command is decided on; an unknown project answers 404 from the command itself.
        authorize: (department) => {
          if (department !== undefined) authorize(request, actionOfCommand(command.type), department);
        },
      });
      // Typed by the response schema: a field it does not describe would be stripped from the answer.
      const body: CommandReply = { id: projectId, revision: result.revision };
      if (result.readModelsLag) body.readModelsLag = true;
      return { status: successStatus, etag: etagOf(result.revision), body };
    };
    const key = headerText(request.headers['idempotency-key']);
    const answer = key
      ? await idempotency.run(actor, key, { method: request.method, url: request.url, body: request.body }, isoTimestamp(clock()), run, async (correlationId) => {
          const revision = await service.committedRevision(target, correlationId);
          return revision === undefined ? undefined : { status: successStatus, etag: etagOf(revision), body: { id: projectId, revision } };
        })
      : { ...(await run()), replayed: false };
    if (answer.etag) reply.header('etag', answer.etag);
    if (answer.replayed) reply.header('idempotent-replayed', 'true');
    // Written, but queries may not show it yet (EventStoreDB mode: the subscription is behind).
    if ((answer.body as { readModelsLag?: boolean } | undefined)?.readModelsLag === true) reply.header('x-read-models-lag', 'true');
    if (successStatus === 201) reply.header('location', location ?? `/api/projects/${projectId}`);
    return reply.code(answer.status).send(answer.body);
  };
}

export function commandRoutes(app: FastifyInstance, service: ProjectService, idempotency: IdempotencyKeys, clock: Clock): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const execute = commandExecutor(service, idempotency, clock);

  typed.post(
    '/api/projects',
    {
      schema: {
        tags: ['commands'],
        operationId: REGISTER.cli,
        summary: REGISTER.summary,
        body: RegisterProjectInput,
        response: { 201: CommandReplySchema, ...REGISTER_PROBLEMS },
      },
    },
    async (request, reply) => {
      const id = projectIdOf(request.body.code, request.body.year);
      return execute(request, reply, id, { type: 'RegisterProject', input: request.body }, 201);
    },
  );

  for (const route of PROJECT_COMMANDS) {
    route.withSchema((body, build) =>
      typed.route({
        method: route.method,
        url: `/api/projects/:id${route.path}`,
        config: { access: 'project' },
        schema: {
          tags: ['commands'],
          operationId: route.cli,
          summary: route.summary,
          params: route.needsIndicator ? IndicatorParams : ProjectParams,
          body,
          response: { 200: CommandReplySchema, ...COMMAND_PROBLEMS },
        },
        handler: async (request, reply) => {
          const params = request.params as { id: string; indicatorId?: string };
          // The validator compiler parsed the body with `body`: what it hands over is that schema's output
          // (fastify's request typing cannot resolve an output of a schema type left generic).
          const command = build(request.body as z.output<typeof body>, params.indicatorId ?? '');
          return execute(request, reply, params.id, command, 200);
        },
      }),
    );
  }
}
