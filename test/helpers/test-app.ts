import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { ZONE } from '../../src/clock.js';
import type { TokenTable } from '../../src/auth/principal.js';
import type { EventStore } from '../../src/store/event-store.js';
import type { ProjectsProjectionOptions } from '../../src/read-models/projects/projects-read-model.js';

export type TestApp = {
  app: FastifyInstance;
  runtime: Runtime;
  /** Moves the injected clock (Asia/Shanghai). */
  setNow(iso: string): void;
  /** Injects a JSON request as actor `actor` (default 张三). */
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
  dbPath: string;
};

/** The app on a fresh embedded store (a temp file, or memory) with a settable clock. */
export async function testApp(
  options: {
    now?: string;
    memory?: boolean;
    dbPath?: string;
    tokens?: TokenTable;
    readModels?: ProjectsProjectionOptions;
    /** Another event store (EventStoreDB over the imitation); JIXIAO_DB then holds the read models alone. */
    store?: EventStore;
    /** How long a written command waits for the read models (the app's default otherwise). */
    readModelWaitMs?: number;
  } = {},
): Promise<TestApp> {
  let now = DateTime.fromISO(options.now ?? '2022-12-31T10:00:00', { zone: ZONE });
  const dir = options.memory || options.dbPath ? undefined : mkdtempSync(join(tmpdir(), 'jixiao-test-'));
  const dbPath = options.dbPath ?? (dir ? join(dir, 'jixiao.db') : ':memory:');
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined }, undefined, {
    ...(options.readModels ? { readModels: options.readModels } : {}),
    ...(options.store ? { store: options.store } : {}),
  });
  const app = await buildApp({
    ...runtime,
    clock: () => now,
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.readModelWaitMs !== undefined ? { readModelWaitMs: options.readModelWaitMs } : {}),
  });
  return {
    app,
    runtime,
    dbPath,
    setNow(iso) {
      now = DateTime.fromISO(iso, { zone: ZONE });
    },
    call(method, url, body, headers = {}) {
      return app.inject({
        method,
        url,
        headers: { 'x-actor': encodeURIComponent('张三'), ...headers },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
    },
    async close() {
      await app.close();
      await runtime.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
