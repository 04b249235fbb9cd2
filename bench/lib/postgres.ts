import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** The server the PostgreSQL benchmarks run on (JIXIAO_BENCH_POSTGRES overrides it). */
const SERVER = (process.env.JIXIAO_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

/** A database of its own for one run, dropped afterwards. */
export async function postgresBenchDatabase(): Promise<{ url: string; version: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  const name = `jixiao_bench_${randomUUID().slice(0, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const { rows } = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  return {
    url: `${SERVER}/${name}`,
    version: `PostgreSQL ${rows[0]!.v} at ${SERVER.replace(/\/\/[^@]*@/, '//')}`,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
