import type { Pool } from 'pg';

/**
 * The event log in PostgreSQL, in plain SQL that PostgreSQL-compatible databases accept: no extensions,
 * no stored procedures. `position` is assigned by the adapter under a transaction-level advisory lock
 * (see append.ts), so positions are dense and commit in order. `stream` compares bytewise (COLLATE "C"),
 * as the port's keyset reads expect. Data and metadata are kept as the JSON text the adapter wrote.
 *
 * Versioned: `schema_version` holds one row per migration applied; a database whose version is newer
 * than this code knows is refused rather than written to.
 */
const MIGRATIONS: readonly string[] = [
  `
    CREATE TABLE events (
      position bigint  PRIMARY KEY,
      stream   text    COLLATE "C" NOT NULL,
      revision integer NOT NULL CHECK (revision >= 0),
      id       text    NOT NULL UNIQUE,
      type     text    NOT NULL,
      data     text    NOT NULL,
      metadata text    NOT NULL,
      UNIQUE (stream, revision)
    );
  `,
];

/** Advisory lock keys (one 64-bit key space per database): migrations, and the append lock of append.ts. */
export const MIGRATION_LOCK = 7_215_020_001;
export const APPEND_LOCK = 7_215_020_002;

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Creates or upgrades the schema; concurrent starts wait for each other on an advisory lock. */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(`the database's event store schema is version ${current}; this jixiao knows up to ${SCHEMA_VERSION}`);
    }
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      await client.query(MIGRATIONS[version - 1]!);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
