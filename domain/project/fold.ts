import type { RecordedEvent } from '../recorded-event.js';
import { ProjectEventSchemas, type ProjectEvent, type ProjectEventType } from './events.js';
import { applyEvent, initialState, type ProjectState } from './state.js';

const isProjectEventType = (type: string): type is ProjectEventType => Object.hasOwn(ProjectEventSchemas, type);

/** A stored event as a typed project event, its data parsed with the event's schema; undefined for other types. */
export function parseProjectEvent(event: Pick<RecordedEvent, 'type' | 'data'>): ProjectEvent | undefined {
  if (!isProjectEventType(event.type)) return undefined;
  return { type: event.type, data: ProjectEventSchemas[event.type].parse(event.data) } as ProjectEvent;
}

/** Parsed once per event object (events read back are immutable; queries replay cached streams often). */
const parsed = new WeakMap<object, ProjectEvent>();

/** `parseProjectEvent`, remembered per event object: for events that are folded again and again. */
export function toProjectEvent(event: Pick<RecordedEvent, 'type' | 'data'>): ProjectEvent | undefined {
  const known = parsed.get(event);
  if (known) return known;
  const typed = parseProjectEvent(event);
  if (typed) parsed.set(event, typed);
  return typed;
}

/** Folds recorded events of one project stream, in order, into its state; `from` is left untouched. */
export function foldProject(events: Iterable<RecordedEvent>, from?: ProjectState): ProjectState {
  return foldProjectInto(from ? structuredClone(from) : initialState(), events);
}

/**
 * Folds events into a state the caller owns (changed in place; the result is returned). `parse` is
 * `parseProjectEvent` for events read once (a projection's batch), so they are not remembered.
 */
export function foldProjectInto(
  state: ProjectState,
  events: Iterable<RecordedEvent>,
  parse: (event: RecordedEvent) => ProjectEvent | undefined = toProjectEvent,
): ProjectState {
  let s = state;
  for (const e of events) {
    const event = parse(e);
    if (!event) continue;
    s = applyEvent(s, event, { actor: e.metadata.actor, recordedAt: e.metadata.recordedAt, revision: e.revision });
  }
  return s;
}
