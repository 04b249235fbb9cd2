import { randomUUID } from 'node:crypto';
import net from 'node:net';
import t from 'tap';
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent } from '../../src/store/event-store.js';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import { openEventStoreDbEventStore } from '../../src/store/eventstoredb-event-store.js';
import { isStreamNotFound, isUnavailable, mapClientError } from '../../src/store/eventstoredb/error-mapping.js';
import {
  commitPositionOf,
  fromClientRevision,
  fromResolved,
  isAfter,
  matchesPrefixes,
  satisfiesExpected,
  serverPrefixes,
  toClientExpected,
  toClientPosition,
  toClientReadStreamOptions,
  toEventData,
} from '../../src/store/eventstoredb/mapping.js';

const metadata: EventMetadata = {
  actor: 'zhang.wei@财政局',
  recordedAt: '2024-03-01T09:30:00+08:00',
  correlationId: 'corr-1',
  causationId: 'cause-1',
};
const newEvent = (data: unknown = { fen: 123456 }, meta: EventMetadata = metadata): NewEvent => ({
  id: randomUUID(),
  type: 'SpendingRecorded',
  data,
  metadata: meta,
});

/** What the client hands back for one event read from $all. */
function resolved(
  stream: string,
  revision: bigint,
  position: bigint | undefined,
  fields: { type?: string; data?: unknown; metadata?: unknown; id?: string } = {},
): AllStreamResolvedEvent {
  return {
    event: {
      streamId: stream,
      id: fields.id ?? randomUUID(),
      isJson: true,
      revision,
      type: fields.type ?? 'SpendingRecorded',
      created: new Date(0),
      data: fields.data ?? {},
      metadata: fields.metadata,
      ...(position === undefined ? {} : { position: { commit: position, prepare: position } }),
    },
    ...(position === undefined ? {} : { commitPosition: position }),
  } as unknown as AllStreamResolvedEvent;
}

t.test('expected revisions map to the client constants, a number to its bigint', async (t) => {
  t.equal(toClientExpected('no_stream'), NO_STREAM);
  t.equal(toClientExpected('stream_exists'), STREAM_EXISTS);
  t.equal(toClientExpected('any'), ANY);
  t.equal(toClientExpected(0), 0n, 'revision 0 is the first event, not "no stream"');
  t.equal(toClientExpected(41), 41n);
  t.throws(() => toClientExpected(-1), TypeError, '-1 is refused: use no_stream');
  t.throws(() => toClientExpected(1.5), TypeError);
  t.throws(() => toClientExpected(Number.NaN), TypeError);
});

t.test('an empty append is judged locally by the same expectation rules as the server', async (t) => {
  t.ok(satisfiesExpected('any', undefined));
  t.ok(satisfiesExpected('any', 3));
  t.ok(satisfiesExpected('no_stream', undefined));
  t.notOk(satisfiesExpected('no_stream', 0));
  t.ok(satisfiesExpected('stream_exists', 0));
  t.notOk(satisfiesExpected('stream_exists', undefined));
  t.ok(satisfiesExpected(2, 2));
  t.notOk(satisfiesExpected(2, 1), 'stale');
  t.notOk(satisfiesExpected(2, 3), 'ahead');
  t.notOk(satisfiesExpected(0, undefined), 'a number refuses an absent stream');
});

t.test('client revisions become numbers; no_stream becomes undefined', async (t) => {
  t.equal(fromClientRevision(7n), 7);
  t.equal(fromClientRevision(0n), 0);
  t.equal(fromClientRevision('no_stream'), undefined);
  t.equal(fromClientRevision(-1n), undefined);
  t.equal(fromClientRevision(undefined), undefined);
});

t.test('readStream options: start/end/revision, direction, and backwards starts at the end', async (t) => {
  t.same(toClientReadStreamOptions(), { fromRevision: START, direction: FORWARDS });
  t.same(toClientReadStreamOptions({ direction: 'backwards' }), { fromRevision: END, direction: BACKWARDS });
  t.same(toClientReadStreamOptions({ fromRevision: 2, direction: 'backwards' }), { fromRevision: 2n, direction: BACKWARDS });
  t.same(toClientReadStreamOptions({ fromRevision: 'end', direction: 'backwards', maxCount: 1 }), {
    fromRevision: END,
    direction: BACKWARDS,
    maxCount: 1,
  });
  t.same(toClientReadStreamOptions({ fromRevision: 'start', maxCount: 2 }), { fromRevision: START, direction: FORWARDS, maxCount: 2 });
  t.same(toClientReadStreamOptions({ fromRevision: 0 }), { fromRevision: 0n, direction: FORWARDS });
  t.throws(() => toClientReadStreamOptions({ fromRevision: -1 }), TypeError);
  t.throws(() => toClientReadStreamOptions({ maxCount: -5 }), TypeError);
});

t.test('a wrong expected version becomes WrongExpectedRevisionError with the actual revision', async (t) => {
  const stale = new WrongExpectedVersionError(undefined, { streamName: 'project-测试-2022', expected: 5n, current: 0n });
  const mapped = mapClientError(stale, { stream: 'project-测试-2022', expected: 5 });
  t.ok(mapped instanceof WrongExpectedRevisionError);
  t.match(mapped, { stream: 'project-测试-2022', expected: 5, actual: 0 });
  t.match((mapped as Error).message, /expected revision 5, but it is at revision 0/);

  const absent = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
  t.match(mapClientError(absent, { stream: 's', expected: 'stream_exists' }), { expected: 'stream_exists', actual: undefined });

  const exists = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 'no_stream', current: 1n });
  t.match(mapClientError(exists, { stream: 's', expected: 'no_stream' }), { expected: 'no_stream', actual: 1 });
});

t.test("unavailable: the client's UnavailableError and grpc's raw code-14 Error alike", async (t) => {
  const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
  const fromRaw = mapClientError(raw);
  t.ok(fromRaw instanceof StoreUnavailableError, 'raw grpc error');
  t.equal((fromRaw as Error).cause, raw, 'keeps the cause');
  t.ok(mapClientError(new UnavailableError()) instanceof StoreUnavailableError, 'client UnavailableError');
  t.ok(isUnavailable(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 })), 'a missed deadline');
  t.notOk(isUnavailable({ code: 14 }), 'only Error instances are judged');
  t.notOk(isUnavailable(new Error('boom')));

  const other = new TypeError('bad input');
  t.equal(mapClientError(other), other, 'other errors pass through unchanged');
  const already = new StoreUnavailableError('x');
  t.equal(mapClientError(already), already);
});

t.test('StreamNotFoundError is recognised (it is thrown while iterating a read)', async (t) => {
  t.ok(isStreamNotFound(new StreamNotFoundError(undefined, 'project-x')));
  t.notOk(isStreamNotFound(new UnavailableError()));
  t.notOk(isStreamNotFound('stream-not-found'));
});

t.test('a new event becomes a JSON event with its id, type, data and port metadata', async (t) => {
  const e = newEvent({ nested: { list: [1, '二', null] }, fen: 10 }, { ...metadata, reason: '更正', effectiveAt: '2024-02-29' });
  const data = toEventData(e);
  t.match(data, { id: e.id, type: 'SpendingRecorded', contentType: 'application/json', data: e.data });
  t.same(data.metadata, {
    actor: metadata.actor,
    recordedAt: metadata.recordedAt,
    correlationId: 'corr-1',
    causationId: 'cause-1',
    $correlationId: 'corr-1',
    $causationId: 'cause-1',
    effectiveAt: '2024-02-29',
    reason: '更正',
  });
  const sparse = toEventData(newEvent());
  t.notOk('reason' in (sparse.metadata as object), 'absent optional fields are not written');
  t.notOk('effectiveAt' in (sparse.metadata as object));
});

t.test('events the client would choke on later are refused at once with a TypeError', async (t) => {
  t.throws(() => toEventData(newEvent({ fen: 10n })), TypeError, 'bigint data');
  t.throws(() => toEventData({ ...newEvent(), data: undefined }), TypeError, 'undefined data');
  t.throws(() => toEventData({ ...newEvent(), id: 'not-a-uuid' }), TypeError, 'id not a uuid');
  t.throws(() => toEventData({ ...newEvent(), type: '$metadata' }), TypeError, 'system event type');
  t.throws(() => toEventData({ ...newEvent(), type: '' }), TypeError);
});

t.test('a read event becomes a RecordedEvent: revision number, commit position, metadata', async (t) => {
  const id = randomUUID();
  const stored = { ...metadata, reason: '更正' };
  const event = fromResolved(resolved('project-测试-2022', 3n, 1_234_567n, { id, data: { fen: 5 }, metadata: stored }));
  t.same(event, {
    id,
    type: 'SpendingRecorded',
    data: { fen: 5 },
    metadata: stored,
    stream: 'project-测试-2022',
    revision: 3,
    position: 1_234_567n,
  });
});

t.test('metadata round-trips through the event store JSON, optional fields absent stay absent', async (t) => {
  const full: EventMetadata = { ...metadata, effectiveAt: '2024-02-29', reason: '更正：数据录入错误' };
  for (const meta of [full, metadata]) {
    const written = toEventData(newEvent({}, meta));
    // What the server hands back is the JSON of what was written.
    const readBack = JSON.parse(JSON.stringify(written.metadata)) as unknown;
    const event = fromResolved(resolved('s', 0n, 10n, { metadata: readBack }));
    t.same(event?.metadata, meta);
    t.equal(Object.keys(event?.metadata ?? {}).length, Object.keys(meta).length);
  }
  const foreign = fromResolved(resolved('s', 0n, 10n, { metadata: undefined }));
  t.same(foreign?.metadata, { actor: '', recordedAt: '', correlationId: '', causationId: '' }, 'events written by other tools');
});

t.test('system events and unresolved links are skipped', async (t) => {
  t.equal(fromResolved(resolved('$stats-127.0.0.1:2113', 0n, 5n, { type: '$statsCollected' })), undefined);
  t.equal(fromResolved(resolved('$ce-project', 0n, 5n, { type: '$>' })), undefined);
  t.equal(fromResolved(resolved('project-1', 0n, 5n, { type: '$metadata' })), undefined);
  t.equal(fromResolved({ commitPosition: 5n } as AllStreamResolvedEvent), undefined);
});

t.test('positions: the commit position, the resolved one as fallback, 0n when unknown', async (t) => {
  t.equal(commitPositionOf(resolved('s', 0n, 42n)), 42n);
  const noEventPosition = { ...resolved('s', 0n, undefined), commitPosition: 77n } as AllStreamResolvedEvent;
  t.equal(commitPositionOf(noEventPosition), 77n);
  t.equal(commitPositionOf(resolved('s', 0n, undefined)), 0n, 'servers before 22.6 report no position on stream reads');
  t.equal(commitPositionOf(resolved('s', 0n, 2n ** 64n - 1n)), 0n, 'the unknown-position sentinel');
  t.same(toClientPosition(1_000n), { commit: 1_000n, prepare: 1_000n }, 'gRPC appends commit each event at its own position');
});

t.test("the port's fromPosition is exclusive where EventStoreDB's is inclusive", async (t) => {
  // EventStoreDB starting at 200 returns the event at 200 first: it was already seen.
  const page = [200n, 300n, 400n].map((p) => ({ position: p }));
  t.same(page.filter((e) => isAfter(e, 200n)).map((e) => e.position), [300n, 400n]);
  t.same(page.filter((e) => isAfter(e, undefined)).map((e) => e.position), [200n, 300n, 400n], 'no checkpoint: all');
  t.notOk(isAfter({ position: 199n }, 200n));
});

t.test('prefixes match literally and case-sensitively; an empty list or prefix matches all', async (t) => {
  t.ok(matchesPrefixes('project-测试-2022', ['project-测试']));
  t.notOk(matchesPrefixes('Project-测试-2022', ['project-']));
  t.notOk(matchesPrefixes('project-测验-2022', ['project-测试']));
  t.notOk(matchesPrefixes('proj%x', ['proj_']));
  t.ok(matchesPrefixes('anything', []));
  t.ok(matchesPrefixes('anything', undefined));
  t.equal(serverPrefixes([]), undefined, 'no server filter: every stream');
  t.equal(serverPrefixes(['project-', '']), undefined, 'an empty prefix matches every stream');
  t.same(serverPrefixes(['a-', 'b-', 'a-']), ['a-', 'b-']);
});

t.test('nothing listening: every call rejects with StoreUnavailableError, well within the timeout', async (t) => {
  const store = await openEventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', { timeoutMs: 2000 });
  t.teardown(() => store.close());
  const started = Date.now();
  await t.rejects(store.append('project-x', [newEvent()], 'no_stream'), StoreUnavailableError, 'append (raw grpc error)');
  t.ok(Date.now() - started < 2000, `append failed fast (${Date.now() - started} ms)`);
  await t.rejects(store.readStream('project-x'), StoreUnavailableError, 'readStream');
  await t.rejects(store.streamRevision('project-x'), StoreUnavailableError, 'streamRevision');
  await t.rejects(store.readAll(), StoreUnavailableError, 'readAll');
  await t.rejects(store.headPosition(), StoreUnavailableError, 'headPosition');
});

t.test('invalid appends are refused with a TypeError before the network is tried', async (t) => {
  const store = await openEventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', { timeoutMs: 2000 });
  t.teardown(() => store.close());
  await t.rejects(store.append('s', [newEvent()], -1), TypeError, 'expected revision -1');
  await t.rejects(store.append('s', [newEvent({ fen: 10n })], 'any'), TypeError, 'bigint data');
  await t.rejects(store.append('', [newEvent()], 'any'), TypeError, 'empty stream name');
  await t.rejects(store.append('$settings', [newEvent()], 'any'), TypeError, 'system stream');
});

t.test('a server that accepts TCP but never answers: calls reject after the timeout, again and again', async (t) => {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as net.AddressInfo;
  const store = await openEventStoreDbEventStore(`esdb://127.0.0.1:${port}?tls=false`, { timeoutMs: 300 });
  t.teardown(() => store.close());

  for (const attempt of ['first', 'second']) {
    const started = Date.now();
    const error = await store.append('project-x', [newEvent()], 'any').catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    t.ok(error instanceof StoreUnavailableError, `${attempt} append: StoreUnavailableError`);
    t.match((error as Error).message, /did not answer append to project-x within 300 ms/);
    t.ok(elapsed >= 290 && elapsed < 1500, `${attempt} append rejected after ${elapsed} ms`);
  }
  const started = Date.now();
  await t.rejects(store.readStream('project-x'), StoreUnavailableError, 'a read times out too');
  t.ok(Date.now() - started < 1500);
  t.ok(sockets.size >= 1, 'the client did connect');
});

t.test('a subscription to an unreachable store keeps retrying until stopped', async (t) => {
  const warnings: unknown[] = [];
  const logger = { error: () => {}, warn: (obj: object) => void warnings.push(obj) };
  const store = await openEventStoreDbEventStore('esdb://127.0.0.1:1?tls=false', {
    timeoutMs: 500,
    logger,
    retryDelayMs: { first: 20, max: 40 },
  });
  t.teardown(() => store.close());
  const subscription = store.subscribe(() => {
    t.fail('no event can arrive');
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.ok(warnings.length >= 2, `retried ${warnings.length} times`);
  t.match(warnings[0], { err: StoreUnavailableError, position: 'start' });
  await subscription.stop();
  await t.rejects(subscription.caughtUp, /stopped before it caught up/);
  await t.rejects(store.append('s', [newEvent()], 'any'), StoreUnavailableError, 'the store itself stays usable');
  await store.close();
  await t.rejects(store.append('s', [newEvent()], 'any'), /closed/, 'a closed store refuses calls');
});
