/**
 * The contract every EventStore adapter passes. It runs against a shared
 * EventStoreDB too, so each case writes to streams with a random suffix under
 * one unique prefix, never assumes the store is empty, and compares positions
 * only with what it appended itself.
 */
import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../../src/store/event-store.js';
import { WrongExpectedRevisionError } from '../../src/store/errors.js';

export type ContractOptions = {
  /** Prefix of every stream the suite writes; default a random one per run. */
  uniquePrefix?: string;
};

const metadata: EventMetadata = {
  actor: 'tester',
  recordedAt: '2024-03-01T09:30:00+08:00',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};

function event(type: string, data: unknown, meta: Partial<EventMetadata> = {}): NewEvent {
  return { id: randomUUID(), type, data, metadata: { ...metadata, ...meta } };
}

function numbered(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, n) => event('Numbered', { n }));
}

function suffix(): string {
  return randomUUID().slice(0, 8);
}

/** Waits (polling) until `check` holds, or fails after `ms`. */
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function conflict(t: Test, promise: Promise<unknown>, actual: number | undefined): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  t.ok(error instanceof WrongExpectedRevisionError, 'rejected with WrongExpectedRevisionError');
  if (error instanceof WrongExpectedRevisionError) t.equal(error.actual, actual, `actual revision is ${actual}`);
}

export function eventStoreContract(
  t: Test,
  name: string,
  open: () => Promise<EventStore>,
  opts: ContractOptions = {},
): void {
  const root = opts.uniquePrefix ?? `contract${suffix()}`;
  /** A fresh stream name, unique to this run, under `root`. */
  const streamName = (label: string) => `${root}-${label}-${suffix()}`;
  let store!: EventStore; // opened in before(), shared by the cases
  let isOpen = false;

  t.test(`${name}: event store contract`, async (t) => {
    t.before(async () => {
      store = await open();
      isOpen = true;
    });
    t.teardown(async () => {
      if (isOpen) await store.close();
    });

    t.test('revisions start at 0 and count up by one per event', async (t) => {
      const stream = streamName('numbering');
      const first = await store.append(stream, [event('Created', {})], 'no_stream');
      t.equal(first.nextRevision, 0);
      t.equal(await store.streamRevision(stream), 0);
      const more = await store.append(stream, numbered(3), 0);
      t.equal(more.nextRevision, 3);
      t.equal(await store.streamRevision(stream), 3);
      t.same(
        (await store.readStream(stream)).map((e) => e.revision),
        [0, 1, 2, 3],
      );
    });

    t.test('an absent stream reads as empty and has no revision', async (t) => {
      const stream = streamName('absent');
      t.same(await store.readStream(stream), []);
      t.same(await store.readStream(stream, { direction: 'backwards' }), []);
      t.equal(await store.streamRevision(stream), undefined);
    });

    t.test('readStream reads forwards, backwards, from a revision and up to maxCount', async (t) => {
      const stream = streamName('read');
      await store.append(stream, numbered(5), 'no_stream');
      const ns = (events: RecordedEvent[]) => events.map((e) => (e.data as { n: number }).n);
      const revs = (events: RecordedEvent[]) => events.map((e) => e.revision);

      const all = await store.readStream(stream);
      t.same(revs(all), [0, 1, 2, 3, 4], 'forwards by default');
      t.same(ns(all), [0, 1, 2, 3, 4], 'events keep their order and data');
      t.ok(all.every((e) => e.stream === stream && e.type === 'Numbered'));
      t.same(revs(await store.readStream(stream, { direction: 'backwards' })), [4, 3, 2, 1, 0], 'backwards from the end');
      t.same(revs(await store.readStream(stream, { maxCount: 2 })), [0, 1], 'forwards maxCount');
      t.same(revs(await store.readStream(stream, { direction: 'backwards', maxCount: 2 })), [4, 3], 'backwards maxCount');
      t.same(revs(await store.readStream(stream, { fromRevision: 2 })), [2, 3, 4], 'forwards from revision 2 (inclusive)');
      t.same(
        revs(await store.readStream(stream, { fromRevision: 2, direction: 'backwards' })),
        [2, 1, 0],
        'backwards from revision 2 (inclusive)',
      );
      t.same(
        revs(await store.readStream(stream, { fromRevision: 1, maxCount: 2 })),
        [1, 2],
        'from revision 1, two events',
      );
      t.same(
        revs(await store.readStream(stream, { fromRevision: 'end', direction: 'backwards', maxCount: 1 })),
        [4],
        'the last event',
      );
      t.same(revs(await store.readStream(stream, { fromRevision: 'start' })), [0, 1, 2, 3, 4]);
      t.same(await store.readStream(stream, { fromRevision: 9 }), [], 'from past the end: nothing');
    });

    t.test("'no_stream' refuses an existing stream and writes nothing", async (t) => {
      const stream = streamName('nostream');
      await store.append(stream, numbered(2), 'no_stream');
      await conflict(t, store.append(stream, [event('Late', {})], 'no_stream'), 1);
      t.equal(await store.streamRevision(stream), 1);
      t.equal((await store.readStream(stream)).length, 2);
    });

    t.test("'stream_exists' refuses an absent stream and accepts an existing one", async (t) => {
      const stream = streamName('exists');
      await conflict(t, store.append(stream, [event('Orphan', {})], 'stream_exists'), undefined);
      t.equal(await store.streamRevision(stream), undefined, 'still absent');
      await store.append(stream, [event('Created', {})], 'no_stream');
      const result = await store.append(stream, [event('Next', {})], 'stream_exists');
      t.equal(result.nextRevision, 1);
    });

    t.test('a numeric expected revision must equal the last revision, neither stale nor ahead', async (t) => {
      const stream = streamName('numeric');
      await store.append(stream, numbered(3), 'no_stream'); // at revision 2
      await conflict(t, store.append(stream, [event('Stale', {})], 0), 2);
      await conflict(t, store.append(stream, [event('Stale', {})], 1), 2);
      await conflict(t, store.append(stream, [event('Ahead', {})], 3), 2);
      await conflict(t, store.append(stream, [event('Ahead', {})], 7), 2);
      t.same(
        (await store.readStream(stream)).map((e) => e.type),
        ['Numbered', 'Numbered', 'Numbered'],
        'no refused event was written',
      );
      const ok = await store.append(stream, [event('Right', {})], 2);
      t.equal(ok.nextRevision, 3);
    });

    t.test('a numeric expected revision refuses an absent stream', async (t) => {
      const stream = streamName('numeric-absent');
      await conflict(t, store.append(stream, [event('X', {})], 0), undefined);
      t.equal(await store.streamRevision(stream), undefined);
    });

    t.test("the conflict error names the stream and the expected revision", async (t) => {
      const stream = streamName('error');
      await store.append(stream, numbered(1), 'no_stream');
      const error = await store.append(stream, numbered(1), 5).catch((e: unknown) => e);
      t.ok(error instanceof WrongExpectedRevisionError);
      t.match(error, { stream, expected: 5, actual: 0 });
    });

    t.test("'any' appends to absent and existing streams alike", async (t) => {
      const stream = streamName('any');
      t.equal((await store.append(stream, [event('A', {})], 'any')).nextRevision, 0);
      t.equal((await store.append(stream, [event('B', {})], 'any')).nextRevision, 1);
      t.equal((await store.append(stream, numbered(2), 'any')).nextRevision, 3);
    });

    t.test('a multi-event append is atomic: a conflicting batch writes none of its events', async (t) => {
      const stream = streamName('atomic');
      const head = await store.headPosition();
      await store.append(stream, numbered(2), 'no_stream');
      const batch = [event('B1', {}), event('B2', {}), event('B3', {})];
      await conflict(t, store.append(stream, batch, 0), 1);
      t.same(
        (await store.readStream(stream)).map((e) => e.type),
        ['Numbered', 'Numbered'],
        'the stream holds only the first append',
      );
      t.same(
        (await store.readAll({ fromPosition: head, streamPrefixes: [stream] })).map((e) => e.type),
        ['Numbered', 'Numbered'],
        '$all holds none of the refused batch',
      );
      // The refused events can be appended later with the right revision: nothing of them was kept.
      const result = await store.append(stream, batch, 1);
      t.equal(result.nextRevision, 4);
      t.same(
        (await store.readStream(stream)).map((e) => [e.revision, e.type]),
        [
          [0, 'Numbered'],
          [1, 'Numbered'],
          [2, 'B1'],
          [3, 'B2'],
          [4, 'B3'],
        ],
      );
    });

    t.test('an empty append checks the expected revision and writes nothing', async (t) => {
      const stream = streamName('empty');
      await store.append(stream, numbered(2), 'no_stream');
      const result = await store.append(stream, [], 1);
      t.equal(result.nextRevision, 1, 'reports the current revision');
      t.equal((await store.readStream(stream)).length, 2);
      await conflict(t, store.append(stream, [], 0), 1);
      const absent = streamName('empty-absent');
      await store.append(absent, [], 'any');
      t.equal(await store.streamRevision(absent), undefined, 'an empty append does not create a stream');
    });

    t.test('$all returns events in append order with strictly increasing positions', async (t) => {
      const prefix = streamName('all');
      const a = `${prefix}-a`;
      const b = `${prefix}-b`;
      const head = await store.headPosition();
      const results = [
        await store.append(a, [event('A0', {})], 'no_stream'),
        await store.append(b, [event('B0', {})], 'no_stream'),
        await store.append(a, [event('A1', {})], 0),
        await store.append(b, [event('B1', {}), event('B2', {})], 0),
      ];
      const read = await store.readAll({ fromPosition: head, streamPrefixes: [prefix] });
      t.same(
        read.map((e) => `${e.stream.slice(prefix.length)}:${e.type}`),
        ['-a:A0', '-b:B0', '-a:A1', '-b:B1', '-b:B2'],
      );
      for (let i = 1; i < read.length; i++) {
        t.ok(read[i]!.position > read[i - 1]!.position, `position ${i} is after position ${i - 1}`);
      }
      t.ok(read[0]!.position > head, 'positions come after the head read before appending');
      t.equal(read[0]!.position, results[0]!.position, 'a single-event append reports its event position');
      t.equal(read[2]!.position, results[2]!.position);
      t.ok(read[4]!.position <= results[3]!.position, 'a multi-event append reports a position covering its events');
      t.ok((await store.headPosition()) >= read[4]!.position, 'the head is at or after the last event');

      const afterFirst = await store.readAll({ fromPosition: read[0]!.position, streamPrefixes: [prefix] });
      t.same(
        afterFirst.map((e) => e.type),
        ['B0', 'A1', 'B1', 'B2'],
        'fromPosition is exclusive',
      );
      const two = await store.readAll({ fromPosition: head, streamPrefixes: [prefix], maxCount: 2 });
      t.same(
        two.map((e) => e.type),
        ['A0', 'B0'],
        'maxCount limits the page',
      );
      const pastLast = await store.readAll({ fromPosition: results[3]!.position, streamPrefixes: [prefix] });
      t.same(pastLast, [], 'nothing after the position an append reported');
    });

    t.test('readAllByStream, where offered: stream after stream, up to a position, paged by keyset', async (t) => {
      const readByStream = store.readAllByStream?.bind(store);
      if (readByStream === undefined) {
        t.pass(`${name} reads $all in global order only (the runner then catches up in global order)`);
        return;
      }
      const prefix = streamName('bystream');
      // Interleaved appends; stream names sort b < c < 中 (UTF-8 bytes) whatever the order of writing.
      const [b, c, zh] = [`${prefix}-b`, `${prefix}-c`, `${prefix}-中`];
      await store.append(c, [event('C0', {})], 'no_stream');
      await store.append(zh, [event('Z0', {})], 'no_stream');
      await store.append(b, [event('B0', {}), event('B1', {})], 'no_stream');
      const upTo = await store.append(c, [event('C1', {})], 0);
      await store.append(b, [event('B2', {})], 1); // after the position read to
      const read = async (options: { after?: { stream: string; revision: number }; maxCount?: number }) =>
        (await readByStream({ toPosition: upTo.position, streamPrefixes: [prefix], maxCount: options.maxCount ?? 100, ...(options.after ? { after: options.after } : {}) })).map(
          (e) => `${e.type}@${e.revision}`,
        );
      t.same(await read({}), ['B0@0', 'B1@1', 'C0@0', 'C1@1', 'Z0@0'], 'by stream, then revision; nothing after toPosition');
      t.same(await read({ maxCount: 2 }), ['B0@0', 'B1@1'], 'maxCount limits the page');
      t.same(await read({ after: { stream: b, revision: 1 } }), ['C0@0', 'C1@1', 'Z0@0'], 'after is exclusive and moves to the next stream');
      t.same(await read({ after: { stream: c, revision: 0 }, maxCount: 2 }), ['C1@1', 'Z0@0'], 'after within a stream');
      t.same(await read({ after: { stream: zh, revision: 0 } }), [], 'nothing after the last');
      const all = await readByStream({ toPosition: upTo.position, streamPrefixes: [prefix], maxCount: 100 });
      const inOrder = await store.readAll({ streamPrefixes: [prefix] });
      for (const e of all) {
        const same = inOrder.find((o) => o.id === e.id);
        t.same(e, same, `${e.type} reads back as readAll reads it`);
      }
    });

    t.test('prefix filters match stream names literally and case-sensitively', async (t) => {
      const root2 = streamName('prefix');
      const names = {
        project2022: `${root2}-project-测试-2022`,
        project2023: `${root2}-project-测试-2023`,
        otherChinese: `${root2}-project-测验-2022`,
        upper: `${root2}-Project-测试-2022`,
        wildcard: `${root2}-proj%_x`,
        target: `${root2}-targets-1`,
      };
      const head = await store.headPosition();
      for (const [label, stream] of Object.entries(names)) {
        await store.append(stream, [event('Tagged', { label })], 'no_stream');
      }
      const labels = async (...prefixes: string[]) =>
        (await store.readAll({ fromPosition: head, streamPrefixes: prefixes })).map(
          (e) => (e.data as { label: string }).label,
        );
      t.same(await labels(`${root2}-project-测试`), ['project2022', 'project2023'], 'Chinese prefix');
      t.same(await labels(`${root2}-project-测试-2022`), ['project2022'], 'a whole name is a prefix of itself');
      t.same(
        await labels(`${root2}-project-`),
        ['project2022', 'project2023', 'otherChinese'],
        'case-sensitive: Project- is not project-',
      );
      t.same(await labels(`${root2}-proj%`), ['wildcard'], '% is a literal character, not a wildcard');
      t.same(await labels(`${root2}-proj_`), [], '_ is a literal character, not a wildcard');
      t.same(
        await labels(`${root2}-targets`, `${root2}-Project`),
        ['upper', 'target'],
        'several prefixes: union in global order',
      );
      t.same(await labels(`${root2}-nothing`), []);
    });

    t.test('metadata round-trips, optional fields included or absent', async (t) => {
      const stream = streamName('metadata');
      const full: EventMetadata = {
        actor: 'zhang.wei@财政局',
        recordedAt: '2024-03-01T09:30:00.123+08:00',
        effectiveAt: '2024-02-29',
        reason: '更正：数据录入错误',
        correlationId: randomUUID(),
        causationId: randomUUID(),
      };
      const sparse: EventMetadata = {
        actor: 'system',
        recordedAt: '2024-03-02T00:00:00+08:00',
        correlationId: 'c-2',
        causationId: 'c-1',
      };
      const data = { nested: { list: [1, 'two', null, true], fen: 123456789 }, empty: {}, flag: false };
      const first = { id: randomUUID(), type: 'Full', data, metadata: full };
      const second = { id: randomUUID(), type: 'Sparse', data: { n: 0 }, metadata: sparse };
      await store.append(stream, [first, second], 'no_stream');
      const [a, b] = await store.readStream(stream);
      t.same(a?.metadata, full);
      t.same(a?.data, data);
      t.equal(a?.id, first.id, 'the event id is kept');
      t.same(b?.metadata, sparse);
      t.notOk(b !== undefined && 'reason' in b.metadata, 'an absent optional field stays absent');
      t.notOk(b !== undefined && 'effectiveAt' in b.metadata);
      t.equal(b?.id, second.id);
    });

    t.test('Chinese text survives in data and in stream names', async (t) => {
      const stream = `${root}-project-测试-2022-${suffix()}`;
      const data = { name: '城市公共交通运营补贴项目', unit: '万人次', note: '“满意度”≥90%，𠮷' };
      await store.append(stream, [event('项目登记', data)], 'no_stream');
      const [read] = await store.readStream(stream);
      t.equal(read?.stream, stream);
      t.equal(read?.type, '项目登记');
      t.same(read?.data, data);
      t.equal(await store.streamRevision(stream), 0);
    });

    t.test('an event of about 1 MB is stored and read back whole', async (t) => {
      const stream = streamName('large');
      // 1,000,000 characters: under EventStoreDB's default 1 MiB append limit once wrapped in JSON.
      const blob = 'x'.repeat(999_000) + '测'.repeat(300);
      await store.append(stream, [event('Large', { blob })], 'no_stream');
      const [read] = await store.readStream(stream);
      const readBlob = (read?.data as { blob: string } | undefined)?.blob ?? '';
      t.equal(readBlob.length, blob.length);
      t.ok(readBlob === blob, 'identical content');
    });

    t.test('identity: once the store holds events, a string that stays the same and is the id of the first event in $all', async (t) => {
      await store.append(streamName('identity'), [event('Identified', {})], 'no_stream');
      const identity = await store.identity();
      t.type(identity, 'string');
      t.equal(await store.identity(), identity, 'the same on every call');
      await store.append(streamName('identity'), [event('Identified', {})], 'no_stream');
      t.equal(await store.identity(), identity, 'more events do not change it');
      const [first] = await store.readAll({ maxCount: 1 });
      t.equal(first?.id, identity, 'the first event of the log');
    });

    t.test('concurrent appends expecting the same revision: exactly one wins', async (t) => {
      const stream = streamName('race');
      await store.append(stream, [event('Created', {})], 'no_stream');
      const contenders = Array.from({ length: 8 }, (_, i) => event('Contender', { i }));
      const outcomes = await Promise.allSettled(contenders.map((e) => store.append(stream, [e], 0)));
      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
      t.equal(winners.length, 1, 'one append succeeded');
      t.ok(
        outcomes.every((o) => o.status === 'fulfilled' || o.reason instanceof WrongExpectedRevisionError),
        'the others were refused as conflicts',
      );
      const events = await store.readStream(stream);
      t.equal(events.length, 2);
      t.equal(events[1]?.id, contenders[winners[0]!]!.id, 'the stored event is the winner’s');
    });

    t.test("concurrent 'no_stream' creations: exactly one wins", async (t) => {
      const stream = streamName('race-create');
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) => store.append(stream, numbered(i + 1), 'no_stream')),
      );
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      t.equal(winners.length, 1);
      const winner = winners[0] as PromiseFulfilledResult<{ nextRevision: number }>;
      t.equal((await store.readStream(stream)).length, winner.value.nextRevision + 1, 'only the winner’s events');
    });

    t.test('a subscription catches up, then receives live events in order until stopped', async (t) => {
      const prefix = streamName('sub');
      const a = `${prefix}-a`;
      const b = `${prefix}-b`;
      const head = await store.headPosition();
      await store.append(a, numbered(2), 'no_stream');
      await store.append(b, [event('B0', {})], 'no_stream');

      const received: RecordedEvent[] = [];
      const subscription = store.subscribe(
        async (e) => {
          received.push(e);
          await new Promise((resolve) => setTimeout(resolve, 1)); // a slow handler must not reorder
        },
        { fromPosition: head, streamPrefixes: [prefix] },
      );
      await subscription.caughtUp;
      t.same(
        received.map((e) => `${e.stream.slice(prefix.length)}:${e.revision}`),
        ['-a:0', '-a:1', '-b:0'],
        'the backlog is delivered before caughtUp resolves',
      );

      await store.append(a, [event('Live1', {})], 1);
      await Promise.all([
        store.append(b, [event('Live2', {})], 0),
        store.append(`${prefix}-c`, [event('Live3', {}), event('Live4', {})], 'no_stream'),
      ]);
      await eventually(() => received.length >= 7);
      t.equal(received.length, 7, 'each event exactly once');
      t.same(
        received.slice(3).map((e) => e.type).sort(),
        ['Live1', 'Live2', 'Live3', 'Live4'],
      );
      t.equal(received[3]?.type, 'Live1', 'an event appended first is delivered first');
      for (let i = 1; i < received.length; i++) {
        t.ok(received[i]!.position > received[i - 1]!.position, `delivery ${i} follows delivery ${i - 1} in $all`);
      }
      const all = await store.readAll({ fromPosition: head, streamPrefixes: [prefix] });
      t.same(
        received.map((e) => e.id),
        all.map((e) => e.id),
        'delivery order is $all order',
      );

      await subscription.stop();
      await store.append(a, [event('AfterStop', {})], 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      t.equal(received.length, 7, 'nothing is delivered after stop');
    });

    t.test('a subscription from a checkpoint delivers only what follows it, filtered by prefix', async (t) => {
      const prefix = streamName('checkpoint');
      const head = await store.headPosition();
      const first = await store.append(`${prefix}-x`, numbered(3), 'no_stream');
      await store.append(streamName('unrelated'), numbered(1), 'no_stream');
      const [, second] = await store.readAll({ fromPosition: head, streamPrefixes: [prefix] });
      const received: number[] = [];
      const subscription = store.subscribe((e) => void received.push((e.data as { n: number }).n), {
        fromPosition: second!.position,
        streamPrefixes: [prefix],
      });
      await subscription.caughtUp;
      t.same(received, [2], 'only the event after the checkpoint');
      await store.append(`${prefix}-x`, numbered(1), first.nextRevision);
      await eventually(() => received.length >= 2);
      t.same(received, [2, 0]);
      await subscription.stop();
    });

    t.test('a subscription with nothing to catch up is caught up at once', async (t) => {
      const prefix = streamName('idle');
      const subscription = store.subscribe(() => {}, {
        fromPosition: await store.headPosition(),
        streamPrefixes: [prefix],
      });
      await subscription.caughtUp;
      t.pass('caughtUp resolved');
      await subscription.stop();
    });
  });
}
