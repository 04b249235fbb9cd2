import type { Database } from 'better-sqlite3';
import type { DeclaredProject } from '../commands/project/state.js';
import { readProjectRevision, readProjectState } from './projects-read-model.js';

/**
 * Parsed current states, reused while the read model's revision is unchanged (parsing a state costs
 * more than the decision or the scoring made from it). The projection puts each state it writes;
 * an entry counts only while its revision equals the row's (a rolled-back batch falls back to the
 * row). The states are shared: nobody changes them (decisions, scoring and `evolve` are pure).
 */
export class ProjectStateCache {
  private readonly entries = new Map<string, { revision: number; state: DeclaredProject }>();

  constructor(
    private readonly db: Database,
    private readonly capacity = 1000,
  ) {}

  get(stream: string): DeclaredProject | undefined {
    const revision = readProjectRevision(this.db, stream);
    if (revision === undefined) return undefined;
    const hit = this.entries.get(stream);
    if (hit && hit.revision === revision) return hit.state;
    const state = readProjectState(this.db, stream);
    if (!state) return undefined;
    this.put(stream, state);
    return state;
  }

  /** The state as it stands at `state.revision` (the caller will not change it). */
  put(stream: string, state: DeclaredProject): void {
    this.entries.delete(stream);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, { revision: state.revision, state });
  }

  /** The cached state at exactly `revision`, without reading the database. */
  peek(stream: string, revision: number): DeclaredProject | undefined {
    const hit = this.entries.get(stream);
    return hit && hit.revision === revision ? hit.state : undefined;
  }

  clear(): void {
    this.entries.clear();
  }
}
