/**
 * The server side of benchmark 3, in its own process; prints `LISTENING <port>` once it accepts requests.
 *   --kind=app       the jixiao API on an embedded store seeded with `--projects` projects (40 indicators each)
 *   --kind=constant  fastify with one POST route of the same shape that answers a constant
 */
import Fastify from 'fastify';
import { arg, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { benchNow } from './lib/synthetic.js';

async function main(): Promise<void> {
  const kind = requiredArg('kind');
  let app;
  let close = async () => {};
  if (kind === 'constant') {
    app = Fastify({ logger: false });
    app.post('/api/projects/:id/indicators/:indicatorId/actuals', async (request) => ({ id: (request.params as { id: string }).id, revision: 1 }));
  } else if (kind === 'app') {
    // Imported here so that the constant server loads none of the application.
    const { buildApp } = await import('../src/http/app.js');
    const { openRuntime } = await import('../src/runtime.js');
    const dbPath = requiredArg('db');
    await seedProjects(dbPath, numberArg('projects', 1000), 0);
    const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
    const now = benchNow();
    app = await buildApp({ ...runtime, clock: () => now });
    close = () => runtime.close();
  } else {
    throw new Error(`unknown --kind=${arg('kind')}`);
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  process.stdout.write(`LISTENING ${address.port}\n`);
  const stop = async () => {
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
