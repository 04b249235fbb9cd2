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
  /** After the last page of a catch-up, in a transaction of its own: write what was held back. */
  endCatchUp?(db: Database): void;
  /**
   * Writes what live batches left in memory (write-behind), in the transaction that moves the
   * checkpoint to the position they reached. Whatever a crash loses of it is applied again from the
   * checkpoint, so a projection that holds nothing back needs none.
   */
  persist?(db: Database): void;
  /**
   * Its read model of a stream depends on that stream's events only, so a catch-up from position 0 may
   * feed it stream after stream (the store's readAllByStream) instead of in global order.
   */
  perStream?: boolean;
};
