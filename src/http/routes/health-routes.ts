import type { FastifyInstance } from 'fastify';
import type { EventStore } from '../../store/event-store.js';
import type { ProjectionRunner } from '../../read-models/projection-runner.js';

export function healthRoutes(app: FastifyInstance, deps: { store: EventStore; runner: ProjectionRunner }): void {
  app.get('/health', { config: { access: 'public' }, schema: { tags: ['system'], summary: '存储类型与位置' } }, async () => {
    const position = await deps.store.headPosition();
    return {
      status: 'ok',
      store: { kind: deps.store.kind, position: position.toString() },
      readModels: { position: deps.runner.position.toString() },
    };
  });
}
