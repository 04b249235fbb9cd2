import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { openRuntime } from './runtime.js';

/** Starts the HTTP API: listens, and on SIGINT/SIGTERM finishes in-flight requests, then closes the store. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config, logger);
  const app = await buildApp({ ...runtime, clock: systemClock, logger });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  logger.info(
    { store: runtime.store.kind, db: config.dbPath, url: `http://${config.host}:${config.port}` },
    `jixiao listening on http://${config.host}:${config.port} (${runtime.store.kind} store)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
