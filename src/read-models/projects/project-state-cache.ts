import type { Database } from 'better-sqlite3';
import type { DeclaredProject } from '../../../domain/project/state.js';
import type { EventStore } from '../../store/event-store.js';
import { loadProjectState, readProjectDepartment, readProjectRevision } from './project-rows.js';

/**
 * Current project states in memory, reused while the read model's revision is unchanged (loading a state
 * costs more than the decision or the scoring made from it). The projection puts each state it steps
 * forward; an entry counts only while its revision equals the read model's row (a rolled-back batch, or
 * a write by another process, falls back to loading). The states are shared: nobody changes them
 * (decisions, scoring and `evolve` are pure).
 */
export class ProjectStateCache {
  private readonly entries = new Map<string, DeclaredProject>();

  constructor(
    private readonly db: Database,
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly capacity = 1000,
  ) {}

  async get(stream: string): Promise<DeclaredProject | undefined> {
    const revision = readProjectRevision(this.db, stream);
    if (revision === undefined) return undefined;
    const hit = this.entries.get(stream);
    if (hit && hit.revision === revision) return hit;
    const state = await loadProjectState(this.db, stream, (s, fromRevision) => this.store.readStream(s, { fromRevision }), revision);
    if (state) this.put(stream, state);
    return state;
  }

  /** The state as it stands at `state.revision` (the caller will not change it); an older one never replaces a newer. */
  put(stream: string, state: DeclaredProject): void {
    const held = this.entries.get(stream);
    if (held && held.revision > state.revision) return;
    this.entries.delete(stream);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, state);
  }

  /**
   * The department of a project, from any state held of it (a project's department is set when it is
   * registered and never changes), else from the read model.
   */
  department(stream: string): string | undefined {
    return this.held(stream)?.department ?? readProjectDepartment(this.db, stream);
  }

  /**
   * The latest state held of a project, without asking the read model whether it is current: for a
   * command, whose append checks the revision anyway (a stale one is decided again on `get`).
   */
  held(stream: string): DeclaredProject | undefined {
    return this.entries.get(stream);
  }

  /** The cached state at exactly `revision`, without reading the database. */
  peek(stream: string, revision: number): DeclaredProject | undefined {
    const hit = this.held(stream);
    return hit?.revision === revision ? hit : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}
