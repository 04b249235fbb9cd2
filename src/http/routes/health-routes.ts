import type { FastifyInstance } from 'fastify';
import type { EventStore } from '../../store/event-store.js';
import type { ProjectionRunner } from '../../read-models/projection-runner.js';
import { HealthSchema, type Health } from '../schemas/health.js';
import { problems } from '../schemas/problem.js';

export function healthRoutes(app: FastifyInstance, deps: { store: EventStore; runner: ProjectionRunner }): void {
  const schema = {
    tags: ['system'],
    operationId: 'health',
    summary: '存储类型与位置',
    security: [],
    response: { 200: HealthSchema, ...problems(403, 503) },
  };
  // Typed by the response schema: a field it does not describe would be stripped from the answer.
  app.get('/health', { config: { access: 'public' }, schema }, async (): Promise<Health> => {
    const position = await deps.store.headPosition();
    return {
      status: 'ok',
      store: { kind: deps.store.kind, position: position.toString() },
      readModels: { position: deps.runner.position.toString() },
    };
  });
}
