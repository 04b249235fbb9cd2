import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { ProjectionRunner } from '../read-models/projection-runner.js';
import type { EventStore } from '../store/event-store.js';
import type { ProjectStateCache } from '../read-models/projects/project-state-cache.js';
import { ProjectService } from '../application/project-service.js';
import type { TokenTable } from '../auth/principal.js';
import { registerAccess } from './access.js';
import { LOOPBACK_HOSTS } from './request-origin.js';
import { IdempotencyKeys } from './idempotency.js';
import { errorHandler, problem, sendProblem } from './problem.js';
import { commandExecutor, commandRoutes } from './routes/command-routes.js';
import { departmentRoutes } from './routes/department-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { queryRoutes } from './routes/query-routes.js';
import { departmentRollupRoutes } from './routes/department-rollup-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { webRoutes } from './routes/web-routes.js';
import { OPENAPI, transformRoute, withoutUnusedSchemas } from './schemas/openapi.js';

export type AppDeps = {
  store: EventStore;
  /** The local SQLite database holding read models and their checkpoints. */
  readDb: Database;
  runner: ProjectionRunner;
  /** Shared with the projection; absent: a cache of this app's own. */
  states?: ProjectStateCache;
  clock: Clock;
  logger?: FastifyBaseLogger;
  /** Max JSON body of a command in bytes (default 1 MB; imports take up to 20 MB). */
  bodyLimit?: number;
  /** Access control; absent: single-user mode (actor from X-Actor, else "local"). */
  tokens?: TokenTable;
  /** Longest wait of a written command for its events to reach the read models (default 2000 ms); then it answers with X-Read-Models-Lag. */
  readModelWaitMs?: number;
  /**
   * Host names the server answers to (DNS rebinding). Default: the loopback names in single-user
   * mode, any in token mode.
   */
  allowedHosts?: readonly string[];
};

/** Builds the configured HTTP app; starts nothing (server.ts listens). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    // A malformed URL or an over-long path parameter (414) is answered like every refusal: problem+json.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, problem(error.statusCode ?? 400, error.message.slice(0, 300), { rule: error.code, errors: [{ field: 'url', message: error.message.slice(0, 300) }] })),
  });
  app.setValidatorCompiler(validatorCompiler);
  closeConnectionsWhenClosing(app);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem(404, `没有这个地址：${request.method} ${request.url}`, { rule: 'route-unknown' })));

  const service = new ProjectService(deps);
  registerAccess(app, {
    tokens: deps.tokens,
    origin: { allowedHosts: deps.allowedHosts ?? (deps.tokens ? undefined : LOOPBACK_HOSTS) },
    departmentOfProject: (projectId) => service.departmentOf(projectId),
    departmentOfYear: (ref) => service.departmentOf(ref),
  });

  await app.register(swagger, {
    openapi: OPENAPI,
    transform: transformRoute,
    transformObject: (document) => withoutUnusedSchemas(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  healthRoutes(app, deps);
  const idempotency = new IdempotencyKeys(deps.readDb);
  commandRoutes(app, service, idempotency, deps.clock);
  queryRoutes(app, service);
  departmentRoutes(app, service, commandExecutor(service, idempotency, deps.clock));
  departmentRollupRoutes(app, service);
  await importRoutes(app, service);
  await webRoutes(app);
  return app;
}

/**
 * On shutdown, fastify closes the connections that are idle when it starts closing; one that was
 * answering a request then stays open until its keep-alive timeout (72 s), and so does the close.
 * Once closing, each answer says `Connection: close`, so its connection ends with it.
 */
function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
