import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './http/app.js';
import { createLogger } from './logger.js';
import { openRuntime } from './runtime.js';
import { loadTokens } from './auth/principal.js';
import { StoreUnavailableError } from './store/errors.js';
import { describeStore } from './store/describe-store.js';
import { LOOPBACK_HOSTS } from './http/request-origin.js';

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
  const tokens = config.tokensFile ? loadTokens(config.tokensFile) : undefined;
  let host = config.host;
  if (tokens) {
    logger.info({ tokens: tokens.size, file: config.tokensFile }, 'access control on: every /api request needs a bearer token');
  } else {
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
      logger.warn({ requestedHost: host }, 'no JIXIAO_TOKENS_FILE: refusing to listen beyond loopback');
      host = '127.0.0.1';
    }
    logger.info('single-user mode (no JIXIAO_TOKENS_FILE): listening on 127.0.0.1 only, actor "local" unless X-Actor is sent');
  }
  let runtime;
  try {
    runtime = await openRuntime(config, logger);
  } catch (error) {
    // An event store that refuses or never answers: one line naming it, and exit 3, so a supervisor
    // (docker compose `restart: on-failure`, systemd) starts the app again once the store is up.
    if (error instanceof StoreUnavailableError) {
      console.error(`jixiao: cannot start: the event store ${describeStore(config)} is unavailable: ${error.message}`);
      process.exit(3);
    }
    throw error;
  }
  // Single-user mode answers to the loopback names only (DNS rebinding); token mode to the configured names, else any.
  const allowedHosts = config.allowedHosts ? [...LOOPBACK_HOSTS, ...config.allowedHosts] : tokens ? undefined : [...LOOPBACK_HOSTS];
  const app = await buildApp({ ...runtime, clock: systemClock, logger, ...(tokens ? { tokens } : {}), ...(allowedHosts ? { allowedHosts } : {}) });
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
  await app.listen({ host, port: config.port });
  logger.info(
    { store: runtime.store.kind, db: config.dbPath, url: `http://${host}:${config.port}` },
    `jixiao listening on http://${host}:${config.port} (${runtime.store.kind} store)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
