import type { Database, Statement } from 'better-sqlite3';
import { PROJECT_EVENT_TYPES } from '../commands/project/events.js';
import { foldProjectInto } from '../commands/project/fold.js';
import { initialState, type DeclaredProject, type ProjectState } from '../commands/project/state.js';
import type { Projection } from '../src/read-models/projection.js';
import type { RecordedEvent } from '../src/store/event-store.js';

type Statements = {
  select: Statement<[string], { revision: number; state: string }>;
  upsert: Statement<[Record<string, unknown>]>;
  readOne: Statement<[string], { state: string }>;
  revisionOf: Statement<[string], { revision: number }>;
  rowRevision: Statement<[string], { revision: number }>;
  departmentOf: Statement<[string], { department: string }>;
};
const prepared = new WeakMap<Database, Statements>();

/** Prepared once per connection: preparing costs more than a primary-key lookup. */
function statements(db: Database): Statements {
  let s = prepared.get(db);
  if (s === undefined) {
    s = {
      select: db.prepare('SELECT revision, state FROM rm_projects WHERE stream = ?'),
      upsert: db.prepare(`INSERT INTO rm_projects (stream, id, department, year, revision, state)
        VALUES (@stream, @id, @department, @year, @revision, @state)
        ON CONFLICT(stream) DO UPDATE SET id = excluded.id, department = excluded.department,
          year = excluded.year, revision = excluded.revision, state = excluded.state`),
      readOne: db.prepare('SELECT state FROM rm_projects WHERE stream = ? AND id IS NOT NULL'),
      revisionOf: db.prepare('SELECT revision FROM rm_projects WHERE stream = ? AND id IS NOT NULL'),
      rowRevision: db.prepare('SELECT revision FROM rm_projects WHERE stream = ?'),
      departmentOf: db.prepare('SELECT department FROM rm_projects WHERE stream = ? AND id IS NOT NULL'),
    };
    prepared.set(db, s);
  }
  return s;
}

/**
 * States the projection folded last, kept parsed so the next event of a project costs no JSON.parse.
 * Only the projection sees them (it changes them in place); an entry counts only while its revision
 * equals the row's, so a rolled-back batch falls back to the row.
 */
const OWNED_CAPACITY = 1000;
const ownedStates = new WeakMap<Database, Map<string, ProjectState>>();

function owned(db: Database): Map<string, ProjectState> {
  let m = ownedStates.get(db);
  if (!m) ownedStates.set(db, (m = new Map()));
  return m;
}

/**
 * The current state of every project-year, one row each: the fold of its stream, stored as JSON,
 * with the columns the project list filters on.
 */
export const projectsProjection: Projection = {
  name: 'projects',
  eventTypes: PROJECT_EVENT_TYPES,
  init(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS rm_projects (
      stream TEXT PRIMARY KEY,
      id TEXT,
      department TEXT,
      year INTEGER,
      revision INTEGER NOT NULL,
      state TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS rm_projects_department ON rm_projects (department, year);`);
  },
  clear(db) {
    db.exec('DELETE FROM rm_projects');
    owned(db).clear();
  },
  applyBatch(db, events) {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const list = byStream.get(e.stream);
      if (list) list.push(e);
      else byStream.set(e.stream, [e]);
    }
    const { select, upsert, rowRevision } = statements(db);
    const cache = owned(db);
    for (const [stream, list] of byStream) {
      const stored = rowRevision.get(stream)?.revision;
      // Idempotent: events at or below the stored revision are already in the state.
      const fresh = stored === undefined ? list : list.filter((e) => e.revision > stored);
      if (fresh.length === 0) continue;
      let before = cache.get(stream);
      if (before === undefined || before.revision !== stored) {
        const row = stored === undefined ? undefined : select.get(stream);
        before = row ? (JSON.parse(row.state) as ProjectState) : initialState();
      }
      cache.delete(stream);
      const state = foldProjectInto(before, fresh);
      cache.set(stream, state);
      if (cache.size > OWNED_CAPACITY) cache.delete(cache.keys().next().value!);
      const declared = state.status === 'none' ? undefined : state;
      upsert.run({
        stream,
        id: declared?.id ?? null,
        department: declared?.department ?? null,
        year: declared?.year ?? null,
        revision: state.revision,
        state: JSON.stringify(state),
      });
    }
  },
};

/** Reads one project's current state from the read model. */
export function readProjectState(db: Database, stream: string): DeclaredProject | undefined {
  const row = statements(db).readOne.get(stream);
  return row ? (JSON.parse(row.state) as DeclaredProject) : undefined;
}

/** The current revision of a project in the read model, without reading its state. */
export const readProjectRevision = (db: Database, stream: string): number | undefined => statements(db).revisionOf.get(stream)?.revision;

/** The department of a project, for access control, without reading its state. */
export const readProjectDepartment = (db: Database, stream: string): string | undefined =>
  statements(db).departmentOf.get(stream)?.department;

export type ProjectListFilter = { department?: string; year?: number };
export type ProjectRow = { stream: string; revision: number; department: string; year: number };

/** The rows of the project list (no state parsed), ordered by department, year, id. */
export function listProjectRows(db: Database, filter: ProjectListFilter = {}): ProjectRow[] {
  const where: string[] = ['id IS NOT NULL'];
  const params: Record<string, unknown> = {};
  if (filter.department !== undefined) (where.push('department = @department'), (params.department = filter.department));
  if (filter.year !== undefined) (where.push('year = @year'), (params.year = filter.year));
  return db
    .prepare(`SELECT stream, revision, department, year FROM rm_projects WHERE ${where.join(' AND ')} ORDER BY department, year, id`)
    .all(params) as ProjectRow[];
}
