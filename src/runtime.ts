import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import type { Logger } from 'pino';
import { ProjectsProjection, type ProjectsProjectionOptions } from './read-models/projects/projects-read-model.js';
import { ProjectStateCache } from './read-models/projects/project-state-cache.js';
import type { Config } from './config.js';
import { ProjectionRunner } from './read-models/projection-runner.js';
import { openEventStoreDbEventStore } from './store/eventstoredb-event-store.js';
import type { EventStore } from './store/event-store.js';
import { isPostgresConnectionString, openPostgresEventStore } from './store/postgres-event-store.js';
import { openSqliteEventStore } from './store/sqlite-event-store.js';

export type Runtime = {
  store: EventStore;
  readDb: Db;
  runner: ProjectionRunner;
  /** Current project states, shared by the projection (which writes them) and the readers. */
  states: ProjectStateCache;
  close(): Promise<void>;
};

/**
 * Opens the event store chosen by the configuration and the local read-model database.
 * Embedded mode keeps the events in JIXIAO_DB and the read models in a file beside it
 * (`jixiao.read-models.db`): each has its own write-ahead log, so read-model commits never wait
 * behind the fsync of the events', and the events' log is synced for events alone. EventStoreDB and
 * PostgreSQL modes keep only the read models locally, in JIXIAO_DB. In memory, one database holds both.
 */
export async function openRuntime(
  config: Pick<Config, 'dbPath' | 'eventStoreConnectionString'>,
  logger?: Logger,
  options: {
    startProjections?: boolean;
    readModels?: ProjectsProjectionOptions;
    /** An event store opened elsewhere (tests: EventStoreDB over the imitation); the read models go in JIXIAO_DB. */
    store?: EventStore;
  } = {},
): Promise<Runtime> {
  const memory = config.dbPath === ':memory:';
  if (!memory) mkdirSync(dirname(config.dbPath), { recursive: true });
  let store: EventStore;
  let readDb: Db;
  const connectionString = config.eventStoreConnectionString;
  if (options.store) {
    store = options.store;
    readDb = openReadDb(config.dbPath);
  } else if (connectionString) {
    // The scheme picks the adapter: postgres:// or postgresql:// PostgreSQL, the others EventStoreDB.
    store = isPostgresConnectionString(connectionString)
      ? await openPostgresEventStore(connectionString, logger ? { logger } : {})
      : await openEventStoreDbEventStore(connectionString, logger ? { logger } : {});
    readDb = openReadDb(config.dbPath);
  } else {
    const sqlite = await openSqliteEventStore(config.dbPath, logger ? { logger } : {});
    store = sqlite;
    readDb = memory ? sqlite.db : openReadDb(readModelsPath(config.dbPath));
  }
  const states = new ProjectStateCache(readDb, store);
  const runner = new ProjectionRunner(store, readDb, [new ProjectsProjection(states, options.readModels)], logger);
  if (options.startProjections !== false) await runner.start();
  return {
    store,
    readDb,
    runner,
    states,
    async close() {
      await runner.stop();
      await store.close();
      if (readDb.open) readDb.close();
    },
  };
}

/** `data/jixiao.db` → `data/jixiao.read-models.db`. */
export const readModelsPath = (eventsPath: string): string => eventsPath.replace(/(\.[^./\\]*)?$/, '.read-models$1');

function openReadDb(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}
