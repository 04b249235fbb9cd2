import type { Database } from 'better-sqlite3';
import type { DeclaredProject } from '../commands/project/state.js';
import { readProjectRevision, readProjectState } from './projects-read-model.js';

/**
 * Parsed current states, reused while the read model's revision is unchanged (parsing a state costs
 * more than the decision or the scoring made from it). The states handed out are shared: callers
 * treat them as read-only, as the pure decisions and scoring do.
 */
export class ProjectStateCache {
  private readonly entries = new Map<string, { revision: number; state: DeclaredProject }>();

  constructor(
    private readonly db: Database,
    private readonly capacity = 2000,
  ) {}

  get(stream: string): DeclaredProject | undefined {
    const revision = readProjectRevision(this.db, stream);
    if (revision === undefined) return undefined;
    const hit = this.entries.get(stream);
    if (hit && hit.revision === revision) return hit.state;
    const state = readProjectState(this.db, stream);
    if (!state) return undefined;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(stream, { revision: state.revision, state });
    return state;
  }
}
