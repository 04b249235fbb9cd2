import type { Database } from 'better-sqlite3';
import type { RecordedEvent } from '../store/event-store.js';

/**
 * A projection folds events into a read model kept in the local SQLite database.
 * `applyBatch` runs inside the runner's transaction, together with the checkpoint update,
 * so an event is applied exactly once even across crashes.
 */
export type Projection = {
  name: string;
  /** Event types it handles; others are skipped (the checkpoint still moves). */
  eventTypes: readonly string[];
  /** Creates its tables (prefix `rm_`) if they do not exist. */
  init(db: Database): void;
  /** Empties its tables, for a rebuild. */
  clear(db: Database): void;
  /** `catchingUp`: a page of the backlog (start or rebuild) rather than live events. */
  applyBatch(db: Database, events: readonly RecordedEvent[], context: { catchingUp: boolean }): void;
};
