import { toProjectEvent } from '../../domain/project/fold.js';
import { applyEvent, initialState, type ProjectState } from '../../domain/project/state.js';
import type { RecordedEvent } from '../../domain/recorded-event.js';
import { summarizeProjectEvent } from './event-summary.js';

/** One line of a project's history (docs/domain.md §6): who, when recorded, when effective, why, what. */
export type HistoryEntry = {
  revision: number;
  type: string;
  data: unknown;
  summary: string;
  actor: string;
  recordedAt: string;
  /** Business date of the fact; null when the event carries none. */
  effectiveAt: string | null;
  /** The recorded why: the metadata's reason, else the event's own reason field; null when none. */
  reason: string | null;
};

function reasonOf(event: RecordedEvent): string | null {
  if (event.metadata.reason) return event.metadata.reason;
  const data = event.data as { reason?: unknown } | null;
  return data && typeof data === 'object' && typeof data.reason === 'string' ? data.reason : null;
}

/** The history of one project stream, in order, each event summarised against the state before it. */
export function historyEntries(events: readonly RecordedEvent[], from?: ProjectState): HistoryEntry[] {
  // One private draft, advanced in place after each summary (O(n) for long streams).
  let state = from ? structuredClone(from) : initialState();
  return events.map((e) => {
    const event = toProjectEvent(e);
    const entry: HistoryEntry = {
      revision: e.revision,
      type: e.type,
      data: event?.data ?? e.data,
      summary: summarizeProjectEvent(event, e.type, e.metadata.actor, state),
      actor: e.metadata.actor,
      recordedAt: e.metadata.recordedAt,
      effectiveAt: e.metadata.effectiveAt ?? null,
      reason: reasonOf(e),
    };
    if (event) state = applyEvent(state, event, { actor: e.metadata.actor, recordedAt: e.metadata.recordedAt, revision: e.revision });
    return entry;
  });
}

/** The entries recorded from day `from` to day `to` (inclusive, Beijing time); either bound may be absent. */
export function recordedBetween(entries: readonly HistoryEntry[], from?: string, to?: string): HistoryEntry[] {
  return entries.filter((e) => {
    const day = recordedDay(e.recordedAt);
    return (from === undefined || day >= from) && (to === undefined || day <= to);
  });
}

/** The Asia/Shanghai day of a stored timestamp (stored with +08:00, so its first ten characters). */
const recordedDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
