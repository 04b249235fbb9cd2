/**
 * An in-memory stand-in for the parts of EventStoreDBClient (v6) the adapter uses,
 * following the server's documented behaviour: revisions from 0, $all positions
 * where commit = prepare for each event, inclusive start positions, reads backwards
 * from a position strictly before it, StreamNotFoundError thrown while iterating,
 * WrongExpectedVersionError on a refused expectation, system events in $all.
 * It lets the shared contract exercise the adapter's own logic without a server;
 * it proves nothing about the server itself (test/contract/eventstoredb.test.ts does).
 */
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendToStreamOptions,
  type EventData,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

type Stored = {
  streamId: string;
  id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  revision: bigint;
  position: bigint;
};

const resolved = (e: Stored) => ({
  event: {
    streamId: e.streamId,
    id: e.id,
    isJson: true,
    revision: e.revision,
    type: e.type,
    created: new Date(0),
    data: e.data,
    metadata: e.metadata,
    position: { commit: e.position, prepare: e.position },
  },
  commitPosition: e.position,
});

function streamingRead(items: object[], error?: Error) {
  let sent = false;
  const read = new Readable({
    objectMode: true,
    read() {
      if (error) return void this.destroy(error);
      if (!sent) for (const item of items) this.push(item);
      sent = true;
      this.push(null);
    },
  });
  return Object.assign(read, { cancel: async () => void read.destroy() });
}

export class SimulatedEventStoreDb {
  private readonly log: Stored[] = [];
  private readonly live = new Set<(e: Stored) => void>();
  private nextPosition = 1_000n;

  constructor() {
    this.writeSystem('$epoch-information', '$epoch');
  }

  /** A system event, as the server writes from time to time. */
  writeSystem(stream = '$stats-127.0.0.1:2113', type = '$statsCollected'): void {
    this.store({ streamId: stream, id: randomUUID(), type, data: {}, metadata: undefined, revision: 0n });
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: AppendToStreamOptions = {}) {
    const list = Array.isArray(events) ? events : [events];
    await new Promise((resolve) => setImmediate(resolve)); // a round trip; the check and the write are atomic
    const own = this.log.filter((e) => e.streamId === streamName);
    const current = own.length === 0 ? ('no_stream' as const) : own[own.length - 1]!.revision;
    const expected: AppendExpectedRevision = options.expectedRevision ?? 'any';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === 'no_stream') ||
      (expected === 'stream_exists' && current !== 'no_stream') ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    let revision = current === 'no_stream' ? -1n : current;
    let last: Stored | undefined;
    for (const e of list) {
      revision++;
      last = this.store({
        streamId: streamName,
        id: e.id,
        type: e.type,
        data: JSON.parse(JSON.stringify(e.data)) as unknown,
        metadata: e.metadata === undefined ? undefined : (JSON.parse(JSON.stringify(e.metadata)) as unknown),
        revision,
      });
      if (this.nextPosition % 3n === 0n) this.writeSystem(); // system writes interleave
    }
    return { success: true, nextExpectedRevision: revision, position: { commit: last!.position, prepare: last!.position } };
  }

  readStream(streamName: string, { fromRevision = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadStreamOptions = {}) {
    const own = this.log.filter((e) => e.streamId === streamName);
    if (own.length === 0) return streamingRead([], new StreamNotFoundError(undefined, streamName));
    let events: Stored[];
    if (direction === 'forwards') {
      const from = fromRevision === 'start' ? 0n : fromRevision === 'end' ? own.length + 0 : fromRevision;
      events = own.filter((e) => e.revision >= BigInt(from));
    } else {
      const from = fromRevision === 'end' ? BigInt(own.length) : fromRevision === 'start' ? 0n : fromRevision;
      events = own.filter((e) => e.revision <= from).reverse();
    }
    return streamingRead(events.slice(0, Number(maxCount)).map(resolved));
  }

  readAll({ fromPosition = 'start', direction = 'forwards', maxCount = Number.MAX_SAFE_INTEGER }: ReadAllOptions = {}) {
    let events: Stored[];
    if (direction === 'forwards') {
      const from = fromPosition === 'start' ? 0n : fromPosition === 'end' ? this.nextPosition : fromPosition.commit;
      events = this.log.filter((e) => e.position >= from);
    } else {
      const before = fromPosition === 'end' ? this.nextPosition : fromPosition === 'start' ? 0n : fromPosition.commit;
      events = this.log.filter((e) => e.position < before).reverse();
    }
    return streamingRead(events.slice(0, Number(maxCount)).map(resolved));
  }

  subscribeToAll({ fromPosition = 'start', filter }: SubscribeToAllOptions = {}) {
    const from = fromPosition === 'start' ? 0n : fromPosition === 'end' ? this.nextPosition : fromPosition.commit;
    const passes = (e: Stored) => {
      if (filter === undefined) return true;
      const subject = filter.filterOn === 'streamName' ? e.streamId : e.type;
      return 'prefixes' in filter ? filter.prefixes.some((p) => subject.startsWith(p)) : new RegExp(filter.regex).test(subject);
    };
    const subscription = Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: async () => void this.live.delete(send),
    });
    const send = (e: Stored) => {
      if (passes(e) && !subscription.destroyed) subscription.write(resolved(e));
    };
    setImmediate(() => {
      for (const e of this.log) if (e.position >= from) send(e);
      subscription.emit('caughtUp');
      this.live.add(send);
    });
    return subscription;
  }

  async dispose(): Promise<void> {
    this.live.clear();
  }

  private store(e: Omit<Stored, 'position'>): Stored {
    const stored = { ...e, position: this.nextPosition };
    this.nextPosition += 100n + BigInt(e.streamId.length); // positions are monotonic, not dense
    this.log.push(stored);
    for (const send of this.live) setImmediate(() => send(stored));
    return stored;
  }
}
