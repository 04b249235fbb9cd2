import type { Database } from 'better-sqlite3';
import { PROJECT_EVENT_TYPES } from '../commands/project/events.js';
import { foldProject } from '../commands/project/fold.js';
import type { DeclaredProject, ProjectState } from '../commands/project/state.js';
import type { Projection } from '../src/read-models/projection.js';
import type { RecordedEvent } from '../src/store/event-store.js';

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
  },
  applyBatch(db, events) {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const list = byStream.get(e.stream);
      if (list) list.push(e);
      else byStream.set(e.stream, [e]);
    }
    const select = db.prepare('SELECT revision, state FROM rm_projects WHERE stream = ?');
    const upsert = db.prepare(`INSERT INTO rm_projects (stream, id, department, year, revision, state)
      VALUES (@stream, @id, @department, @year, @revision, @state)
      ON CONFLICT(stream) DO UPDATE SET id = excluded.id, department = excluded.department,
        year = excluded.year, revision = excluded.revision, state = excluded.state`);
    for (const [stream, list] of byStream) {
      const row = select.get(stream) as { revision: number; state: string } | undefined;
      const before: ProjectState | undefined = row ? (JSON.parse(row.state) as ProjectState) : undefined;
      // Idempotent: events at or below the stored revision are already in the state.
      const fresh = row ? list.filter((e) => e.revision > row.revision) : list;
      if (fresh.length === 0) continue;
      const state = foldProject(fresh, before);
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
  const row = db.prepare('SELECT state FROM rm_projects WHERE stream = ? AND id IS NOT NULL').get(stream) as
    | { state: string }
    | undefined;
  return row ? (JSON.parse(row.state) as DeclaredProject) : undefined;
}

export type ProjectListFilter = { department?: string; year?: number };

export function listProjectStates(db: Database, filter: ProjectListFilter = {}): DeclaredProject[] {
  const where: string[] = ['id IS NOT NULL'];
  const params: Record<string, unknown> = {};
  if (filter.department !== undefined) (where.push('department = @department'), (params.department = filter.department));
  if (filter.year !== undefined) (where.push('year = @year'), (params.year = filter.year));
  const rows = db.prepare(`SELECT state FROM rm_projects WHERE ${where.join(' AND ')} ORDER BY department, year, id`).all(params) as {
    state: string;
  }[];
  return rows.map((r) => JSON.parse(r.state) as DeclaredProject);
}
