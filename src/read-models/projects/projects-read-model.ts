import type { Database } from 'better-sqlite3';
import { PROJECT_EVENT_TYPES } from '../../../domain/project/events.js';
import { foldProjectInto, parseProjectEvent } from '../../../domain/project/fold.js';
import { evolve, initialState, type ProjectState } from '../../../domain/project/state.js';
import type { RecordedEvent } from '../../../domain/recorded-event.js';
import type { Projection } from '../projection.js';
import { createTables, heldRows, rowOf, statements, writeRow, type Row } from './project-rows.js';
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
    heldRows(db).clear();
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
    const rows = heldRows(db);
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
      heldRows(db).set(stream, { revision: last.revision, snapshot_revision: row.snapshot_revision, declared: row.declared });
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
    else heldRows(db).set(stream, { revision: state.revision, snapshot_revision: snapshotRevision, declared: 1 });
    if (state.status !== 'none') this.states.put(stream, state);
  }

  private catchUp(db: Database, stream: string, row: Row | undefined, fresh: RecordedEvent[]): void {
    let entry = this.building.get(stream);
    if (entry !== undefined && entry.state.revision !== row?.revision) entry = undefined; // moved on without us
    entry ??= startingPoint(db, stream, row, this.states);
    heldRows(db).delete(stream); // a catch-up writes rows as it goes
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

function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const out = new Map<string, RecordedEvent[]>();
  for (const e of events) {
    const list = out.get(e.stream);
    if (list) list.push(e);
    else out.set(e.stream, [e]);
  }
  return out;
}

