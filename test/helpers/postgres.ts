/**
 * A fresh PostgreSQL database per test file, on the server every machine of the project runs
 * (127.0.0.1:5432, trust auth; JIXIAO_TEST_POSTGRES overrides the server's URL). When it cannot be
 * reached the caller skips with the reason, except in CI (CI set), where that is a failure.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Test } from 'tap';

const SERVER = (process.env.JIXIAO_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

export const postgresUrl = (database: string): string => `${SERVER}/${database}`;

/** Connects to the maintenance database, or says why it could not. */
async function admin(): Promise<pg.Client | string> {
  const client = new pg.Client({ connectionString: postgresUrl('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    return `PostgreSQL not reachable at ${SERVER} (${(error as Error).message})`;
  }
}

/** Creates a database (dropped when the file ends); undefined, after a skip message, when there is no server. */
export async function freshDatabase(t: Test, label: string): Promise<{ url: string; name: string; recreate(): Promise<void> } | undefined> {
  const client = await admin();
  if (typeof client === 'string') {
    if (process.env.CI) throw new Error(`${client}; CI must run the PostgreSQL tests (see .ci/run)`);
    t.comment(`skipped: ${client}`);
    t.skip(`PostgreSQL tests skipped: ${client}`, () => {});
    return undefined;
  }
  const name = `jixiao_${label}_${randomUUID().slice(0, 8)}`.replace(/[^a-z0-9_]/g, '_');
  await client.query(`CREATE DATABASE ${name}`);
  t.teardown(async () => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  return {
    url: postgresUrl(name),
    name,
    /** Drops the database (whatever is connected) and creates an empty one of the same name. */
    async recreate() {
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${name}`);
    },
  };
}
