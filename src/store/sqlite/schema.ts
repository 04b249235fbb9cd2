import type { Database } from 'better-sqlite3';

/**
 * The event log. `position` is the rowid: SQLite hands out max(rowid)+1 inside the
 * write lock and we never delete, so positions grow in commit order. The projection
 * runner keeps its own `rm_*` tables in the same file.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 0),
  id       TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
`;

export function migrate(db: Database): void {
  db.exec(SCHEMA);
}
