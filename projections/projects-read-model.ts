import type { Database, Statement } from 'better-sqlite3';
import { PROJECT_EVENT_TYPES } from '../commands/project/events.js';
import { foldProjectInto, toProjectEvent } from '../commands/project/fold.js';
import type { ProjectStateCache } from './project-state-cache.js';
import { evolve, initialState, type DeclaredProject, type ProjectState } from '../commands/project/state.js';
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
 * The current state of every project-year, one row each: the fold of its stream, stored as JSON,
 * with the columns the project list filters on.
 */
export const projectsProjection = (states: ProjectStateCache): Projection => ({
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
    states.clear();
  },
  applyBatch(db, events, { catchingUp }) {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const list = byStream.get(e.stream);
      if (list) list.push(e);
      else byStream.set(e.stream, [e]);
    }
    const { select, upsert, rowRevision } = statements(db);
    for (const [stream, list] of byStream) {
      const stored = rowRevision.get(stream)?.revision;
      // Idempotent: events at or below the stored revision are already in the state.
      const fresh = stored === undefined ? list : list.filter((e) => e.revision > stored);
      if (fresh.length === 0) continue;
      const shared = stored === undefined ? undefined : states.peek(stream, stored);
      let state: ProjectState;
      if (shared && fresh.length <= 8) {
        // Pure steps: the previous state may be in readers' hands.
        state = shared;
        for (const e of fresh) {
          const event = toProjectEvent(e);
          if (event) state = evolve(state, event, { actor: e.metadata.actor, recordedAt: e.metadata.recordedAt, revision: e.revision });
        }
      } else {
        // A private copy folded in place: cheaper for many events.
        const row = shared || stored === undefined ? undefined : select.get(stream);
        const own = shared ? structuredClone(shared) : row ? (JSON.parse(row.state) as ProjectState) : initialState();
        state = foldProjectInto(own, fresh);
      }
      // Live states serve the next command and query; a catch-up would only churn the cache.
      if (state.status !== 'none' && !catchingUp) states.put(stream, state);
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
});

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
