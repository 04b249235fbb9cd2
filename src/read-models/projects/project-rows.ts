import type { Database, Statement } from 'better-sqlite3';
import { foldProjectInto, parseProjectEvent } from '../../../domain/project/fold.js';
import { initialState, type DeclaredProject, type ProjectState } from '../../../domain/project/state.js';
import type { RecordedEvent } from '../../../domain/recorded-event.js';

/**
 * The SQL of the projects read model: a row per project-year stream (the revision the read model is
 * at, the list's columns, the revision of its snapshot) and the snapshots. The projection
 * (projects-read-model.ts) writes them; the state cache and the list read them.
 */

export type Row = { revision: number; snapshot_revision: number; declared: number };
export type ProjectRow = { stream: string; revision: number; department: string; year: number };

type Statements = {
  row: Statement<[string], Row>;
  upsert: Statement<[Record<string, unknown>]>;
  persistRevisions: Statement<[number, number, string, number]>;
  setSnapshotRevision: Statement<[number, string]>;
  writeSnapshot: Statement<[string, number, string]>;
  snapshot: Statement<[string], { revision: number; state: string }>;
  departmentOf: Statement<[string], { department: string }>;
};
const prepared = new WeakMap<Database, Statements>();

/**
 * Rows whose revision moved in memory and is not written yet, per connection (write-behind): a live
 * command moves only its project's revision, and writing that row in every batch cost a command
 * about as much as its decision (bench: HTTP commands). `persist` writes them, with the checkpoint.
 * Readers in this process see them through `rowOf`; other processes see the file, which with its
 * checkpoint is consistent, only older (they catch up from it).
 */
const heldByConnection = new WeakMap<Database, Map<string, Row>>();
export function heldRows(db: Database): Map<string, Row> {
  let rows = heldByConnection.get(db);
  if (rows === undefined) heldByConnection.set(db, (rows = new Map()));
  return rows;
}

/** A project's row as this process knows it: held in memory, else as written. */
export const rowOf = (db: Database, stream: string): Row | undefined => heldRows(db).get(stream) ?? statements(db).row.get(stream);

/** Prepared once per connection: preparing costs more than a primary-key lookup. */
export function statements(db: Database): Statements {
  let s = prepared.get(db);
  if (s === undefined) {
    s = {
      row: db.prepare('SELECT revision, snapshot_revision, id IS NOT NULL AS declared FROM rm_projects WHERE stream = ?'),
      upsert: db.prepare(`INSERT INTO rm_projects (stream, id, department, year, revision, snapshot_revision)
        VALUES (@stream, @id, @department, @year, @revision, @snapshotRevision)
        ON CONFLICT(stream) DO UPDATE SET id = excluded.id, department = excluded.department, year = excluded.year,
          revision = excluded.revision, snapshot_revision = excluded.snapshot_revision`),
      // Never backwards: another process (the CLI) may have moved the row further meanwhile.
      persistRevisions: db.prepare('UPDATE rm_projects SET revision = ?, snapshot_revision = ? WHERE stream = ? AND revision < ?'),
      setSnapshotRevision: db.prepare('UPDATE rm_projects SET snapshot_revision = ? WHERE stream = ?'),
      writeSnapshot: db.prepare('INSERT OR REPLACE INTO rm_project_snapshots (stream, revision, state) VALUES (?, ?, ?)'),
      snapshot: db.prepare('SELECT revision, state FROM rm_project_snapshots WHERE stream = ?'),
      departmentOf: db.prepare('SELECT department FROM rm_projects WHERE stream = ? AND id IS NOT NULL'),
    };
    prepared.set(db, s);
  }
  return s;
}

export function createTables(db: Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS rm_projects (
      stream TEXT PRIMARY KEY,
      id TEXT,
      department TEXT,
      year INTEGER,
      revision INTEGER NOT NULL,
      snapshot_revision INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rm_projects_department ON rm_projects (department, year);
    CREATE TABLE IF NOT EXISTS rm_project_snapshots (
      stream TEXT PRIMARY KEY,
      revision INTEGER NOT NULL,
      state TEXT NOT NULL
    );`);
}

export function writeRow(db: Database, stream: string, state: ProjectState, snapshotRevision: number): void {
  const declared = state.status === 'none' ? undefined : state;
  statements(db).upsert.run({
    stream,
    id: declared?.id ?? null,
    department: declared?.department ?? null,
    year: declared?.year ?? null,
    revision: state.revision,
    snapshotRevision,
  });
}

/**
 * One project's current state from the read model: its snapshot and the stream's events after it, up
 * to the row's revision (`revision`, when the caller has just read it). `readTail` reads a stream from
 * a revision on (the event store).
 */
export async function loadProjectState(
  db: Database,
  stream: string,
  readTail: (stream: string, fromRevision: number) => Promise<RecordedEvent[]>,
  revision = readProjectRevision(db, stream),
): Promise<DeclaredProject | undefined> {
  const s = statements(db);
  if (revision === undefined) return undefined;
  const snapshot = s.snapshot.get(stream);
  let state = snapshot && snapshot.revision <= revision ? (JSON.parse(snapshot.state) as ProjectState) : initialState();
  if (state.revision < revision) {
    const tail = (await readTail(stream, state.revision + 1)).filter((e) => e.revision <= revision);
    state = foldProjectInto(state, tail, parseProjectEvent);
  }
  return state.status === 'none' ? undefined : state;
}

/** The current revision of a project in the read model, without reading its state. */
export function readProjectRevision(db: Database, stream: string): number | undefined {
  const row = rowOf(db, stream);
  return row?.declared ? row.revision : undefined;
}

/** The department of a project, for access control, without reading its state. */
export const readProjectDepartment = (db: Database, stream: string): string | undefined =>
  statements(db).departmentOf.get(stream)?.department;

export type ProjectListFilter = { department?: string; year?: number };

/** The rows of the project list (no state read), ordered by department, year, id. */
export function listProjectRows(db: Database, filter: ProjectListFilter = {}): ProjectRow[] {
  const where: string[] = ['id IS NOT NULL'];
  const params: Record<string, unknown> = {};
  if (filter.department !== undefined) (where.push('department = @department'), (params.department = filter.department));
  if (filter.year !== undefined) (where.push('year = @year'), (params.year = filter.year));
  const rows = db
    .prepare(`SELECT stream, revision, department, year FROM rm_projects WHERE ${where.join(' AND ')} ORDER BY department, year, id`)
    .all(params) as ProjectRow[];
  const moved = heldRows(db);
  if (moved.size > 0) for (const row of rows) row.revision = moved.get(row.stream)?.revision ?? row.revision;
  return rows;
}

/** The department names (as spelt) that have projects in `year`, without reading any state. */
export function listDepartmentNames(db: Database, year: number): string[] {
  return (db.prepare('SELECT DISTINCT department FROM rm_projects WHERE year = ? AND id IS NOT NULL').all(year) as { department: string }[]).map((r) => r.department);
}
