import type { Database, Statement } from 'better-sqlite3';
import { PROJECT_EVENT_TYPES } from '../../../domain/project/events.js';
import { foldProjectInto, parseProjectEvent } from '../../../domain/project/fold.js';
import { evolve, initialState, type DeclaredProject, type ProjectState } from '../../../domain/project/state.js';
import type { Projection } from '../projection.js';
import type { RecordedEvent } from '../../store/event-store.js';
import type { ProjectStateCache } from './project-state-cache.js';

/**
 * The current state of every project-year. A row per stream says which revision the read model is at
 * (with the columns the project list filters on); the state at that revision is the latest snapshot
 * of it plus the stream's events after the snapshot, read from the event store. So a command costs the
 * read model a small row update, not a rewrite of the whole state, and snapshots are caches: one may
 * lag or be missing without the read model being wrong.
 */

/**
 * A project's state is written as a snapshot once this many events have passed since the last one. Reading
 * a snapshot costs about what reading the events it stands for does (a state is mostly its facts), so
 * snapshots pay only for long streams: written for every project they cost a rebuild more than half
 * its time (bench: rebuild).
 */
export const SNAPSHOT_EVERY = 500;
/** Private states a catch-up works on; one leaving the set (or the end of the catch-up) gets its snapshot when one is due. */
const CATCH_UP_STATES = 256;
/** Below this many new events a shared state is stepped with the pure `evolve`; above, a private copy is folded in place. */
const EVOLVE_AT_MOST = 8;

export type ProjectsProjectionOptions = { snapshotEvery?: number; catchUpStates?: number };

type Row = { revision: number; snapshot_revision: number; declared: number };
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
const heldRows = new WeakMap<Database, Map<string, Row>>();
function held(db: Database): Map<string, Row> {
  let rows = heldRows.get(db);
  if (rows === undefined) heldRows.set(db, (rows = new Map()));
  return rows;
}

/** A project's row as this process knows it: held in memory, else as written. */
const rowOf = (db: Database, stream: string): Row | undefined => held(db).get(stream) ?? statements(db).row.get(stream);

/** Prepared once per connection: preparing costs more than a primary-key lookup. */
function statements(db: Database): Statements {
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

function createTables(db: Database): void {
  // The first layout kept the whole state in rm_projects; its rows are rebuilt from the log.
  const columns = db.prepare("SELECT name FROM pragma_table_info('rm_projects')").pluck().all() as string[];
  if (columns.includes('state')) db.exec('DROP TABLE rm_projects');
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

type Building = { state: ProjectState; snapshotRevision: number };

/**
 * The projection. Live, it steps the shared current states (ProjectStateCache) forward and writes a
 * snapshot every SNAPSHOT_EVERY events of a project whose state it holds; a project it does not hold
 * only has its row's revision moved (a reader folds the rest from the store). Catching up, it folds
 * private states in a small working set; one leaving it gets its snapshot when one is due.
 */
export class ProjectsProjection implements Projection {
  /** v2: rows and snapshots, instead of v1's whole state per row. A new name starts from position 0. */
  readonly name = 'projects-v2';
  readonly eventTypes = PROJECT_EVENT_TYPES;
  readonly perStream = true;
  private readonly building = new Map<string, Building>();
  private readonly snapshotEvery: number;
  private readonly catchUpStates: number;

  constructor(
    private readonly states: ProjectStateCache,
    options: ProjectsProjectionOptions = {},
  ) {
    this.snapshotEvery = options.snapshotEvery ?? SNAPSHOT_EVERY;
    this.catchUpStates = options.catchUpStates ?? CATCH_UP_STATES;
  }

  init(db: Database): void {
    createTables(db);
  }

  clear(db: Database): void {
    db.exec('DELETE FROM rm_projects; DELETE FROM rm_project_snapshots;');
    held(db).clear();
    this.building.clear();
    this.states.clear();
  }

  applyBatch(db: Database, events: readonly RecordedEvent[], { catchingUp }: { catchingUp: boolean }): void {
    for (const [stream, list] of byStream(events)) {
      const row = rowOf(db, stream);
      // Idempotent: events at or below the row's revision are already in the read model.
      const fresh = row === undefined ? list : list.filter((e) => e.revision > row.revision);
      if (fresh.length === 0) continue;
      if (catchingUp) this.catchUp(db, stream, row, fresh);
      else this.live(db, stream, row, fresh);
    }
  }

  /** Writes the states still held from a catch-up as snapshots, when due. */
  endCatchUp(db: Database): void {
    for (const [stream, entry] of this.building) this.leave(db, stream, entry);
    this.building.clear();
  }

  /** Writes the row revisions live batches held in memory (in the runner's checkpoint transaction). */
  persist(db: Database): void {
    const rows = held(db);
    const write = statements(db).persistRevisions;
    for (const [stream, row] of rows) write.run(row.revision, row.snapshot_revision, stream, row.revision);
    rows.clear();
  }

  private live(db: Database, stream: string, row: Row | undefined, fresh: RecordedEvent[]): void {
    const last = fresh[fresh.length - 1]!;
    const shared = row === undefined ? undefined : this.states.peek(stream, row.revision);
    let state: ProjectState;
    if (row === undefined) {
      state = foldProjectInto(initialState(), fresh, parseProjectEvent);
    } else if (shared === undefined) {
      held(db).set(stream, { revision: last.revision, snapshot_revision: row.snapshot_revision, declared: row.declared });
      return;
    } else if (fresh.length <= EVOLVE_AT_MOST) {
      // Pure steps: the previous state may be in readers' hands.
      state = shared;
      for (const e of fresh) {
        const event = parseProjectEvent(e);
        if (event) state = evolve(state, event, { actor: e.metadata.actor, recordedAt: e.metadata.recordedAt, revision: e.revision });
      }
    } else {
      state = foldProjectInto(structuredClone(shared), fresh, parseProjectEvent);
    }
    let snapshotRevision = row?.snapshot_revision ?? -1;
    if (state.revision - snapshotRevision >= this.snapshotEvery) {
      statements(db).writeSnapshot.run(stream, state.revision, JSON.stringify(state));
      snapshotRevision = state.revision;
    }
    // A registered project keeps its id, department and year: only the revisions move (written behind).
    if (row === undefined || state.status === 'none') writeRow(db, stream, state, snapshotRevision);
    else held(db).set(stream, { revision: state.revision, snapshot_revision: snapshotRevision, declared: 1 });
    if (state.status !== 'none') this.states.put(stream, state);
  }

  private catchUp(db: Database, stream: string, row: Row | undefined, fresh: RecordedEvent[]): void {
    let entry = this.building.get(stream);
    if (entry !== undefined && entry.state.revision !== row?.revision) entry = undefined; // moved on without us
    entry ??= startingPoint(db, stream, row, this.states);
    held(db).delete(stream); // a catch-up writes rows as it goes
    if (entry === undefined) {
      // Neither held nor snapshotted at the row's revision: readers fold the rest from the store.
      statements(db).persistRevisions.run(fresh[fresh.length - 1]!.revision, row!.snapshot_revision, stream, fresh[fresh.length - 1]!.revision);
      return;
    }
    entry.state = foldProjectInto(entry.state, fresh, parseProjectEvent);
    writeRow(db, stream, entry.state, entry.snapshotRevision);
    this.building.delete(stream);
    this.building.set(stream, entry);
    if (this.building.size > this.catchUpStates) {
      const [oldest, leaving] = this.building.entries().next().value!;
      this.building.delete(oldest);
      this.leave(db, oldest, leaving);
    }
  }

  /**
   * A state leaves the catch-up's working set: a snapshot is written when one is due (as live). It is
   * not handed to the shared states: a rebuild of 10,000 projects would fill them with states nobody
   * asked for (165 MB of heap for 1,000 of them, bench: rebuild peak RSS).
   */
  private leave(db: Database, stream: string, entry: Building): void {
    if (entry.state.revision - entry.snapshotRevision < this.snapshotEvery) return;
    const s = statements(db);
    s.writeSnapshot.run(stream, entry.state.revision, JSON.stringify(entry.state));
    s.setSnapshotRevision.run(entry.state.revision, stream);
  }
}

/** A private state to fold a catch-up into: a new stream, the stored snapshot or a copy of the shared state at the row's revision. */
function startingPoint(db: Database, stream: string, row: Row | undefined, states: ProjectStateCache): Building | undefined {
  if (row === undefined) return { state: initialState(), snapshotRevision: -1 };
  if (row.snapshot_revision === row.revision) {
    const snapshot = statements(db).snapshot.get(stream);
    if (snapshot?.revision === row.revision) return { state: JSON.parse(snapshot.state) as ProjectState, snapshotRevision: row.revision };
  }
  const shared = states.peek(stream, row.revision);
  return shared ? { state: structuredClone(shared), snapshotRevision: row.snapshot_revision } : undefined;
}

function writeRow(db: Database, stream: string, state: ProjectState, snapshotRevision: number): void {
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

function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const out = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const list = out.get(e.stream);
    if (list) list.push(e);
    else out.set(e.stream, [e]);
  }
  return out;
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
  const moved = held(db);
  if (moved.size > 0) for (const row of rows) row.revision = moved.get(row.stream)?.revision ?? row.revision;
  return rows;
}
