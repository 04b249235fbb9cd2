import type { EventStore, RecordedEvent } from '../store/event-store.js';

/**
 * The events of recently replayed streams, kept in memory so a point-in-time query reads only what
 * was appended since the last one (streams only grow; events never change). Bounded by the total
 * number of events held; the least recently used streams go first.
 */
export class StreamCache {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private held = 0;

  constructor(
    private readonly store: EventStore,
    private readonly maxEvents = 200_000,
  ) {}

  async read(stream: string): Promise<RecordedEvent[]> {
    const cached = this.streams.get(stream) ?? [];
    const last = cached.at(-1);
    const fresh = await this.store.readStream(stream, last ? { fromRevision: last.revision + 1 } : {});
    const events = fresh.length > 0 ? [...cached, ...fresh] : cached;
    this.streams.delete(stream);
    this.held += fresh.length;
    if (events.length > 0 && events.length <= this.maxEvents) this.streams.set(stream, events);
    else this.held -= cached.length + fresh.length;
    for (const [name, list] of this.streams) {
      if (this.held <= this.maxEvents) break;
      this.streams.delete(name);
      this.held -= list.length;
    }
    return events;
  }
}
