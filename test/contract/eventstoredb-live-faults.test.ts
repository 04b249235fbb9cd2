/**
 * What the imitation (test/store/simulated-eventstoredb.ts) assumes of a real EventStoreDB / KurrentDB,
 * checked on one when given (nothing runs without it):
 *   docker compose up -d eventstore
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx tap test/contract/eventstoredb-live-faults.test.ts
 * Every stream is new (a random suffix); the server's data is left as it was apart from them.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { EventStoreDBClient } from '@eventstore/db-client';
import { openEventStoreDbEventStore } from '../../src/store/eventstoredb-event-store.js';
import { AppendTooLargeError, StreamTombstonedError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import type { NewEvent } from '../../src/store/event-store.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const metadata = { actor: 'live', recordedAt: '2024-01-01T00:00:00+08:00', correlationId: 'c-live', causationId: 'c-live' };
const event = (data: unknown = {}): NewEvent => ({ id: randomUUID(), type: 'LiveChecked', data, metadata });
const stream = (label: string) => `livefaults-${label}-${randomUUID().slice(0, 8)}`;

if (connectionString === undefined || connectionString === '') {
  t.comment('skipped: EVENTSTORE_CONNECTION_STRING not set');
  t.pass('nothing to run without an EventStoreDB');
} else {
  const open = (extra = '') => openEventStoreDbEventStore(connectionString + extra, { timeoutMs: 10_000 });

  t.test('the same event ids appended again are written once (what recovery of a lost answer relies on)', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    const s = stream('idem');
    const events = [event({ n: 1 }), event({ n: 2 })];
    const first = await store.append(s, events, 'no_stream');
    const again = await store.append(s, events, 'no_stream');
    t.equal(again.nextRevision, first.nextRevision);
    t.equal((await store.readStream(s)).length, 2);
    const more = await store.append(s, [event()], 1);
    t.equal(more.nextRevision, 2);
    await store.append(s, [...events], 'any'); // 'any': the server recognises the ids too
    t.equal((await store.readStream(s)).length, 3, 'still three events');
  });

  t.test('throwOnAppendFailure=false: a conflict is still a WrongExpectedRevisionError with the real revision', async (t) => {
    const store = await open(connectionString.includes('?') ? '&throwOnAppendFailure=false' : '?throwOnAppendFailure=false');
    t.teardown(() => store.close());
    const s = stream('nothrow');
    await store.append(s, [event(), event(), event()], 'no_stream');
    const error = await store.append(s, [event()], 0).catch((e: unknown) => e);
    t.ok(error instanceof WrongExpectedRevisionError, String(error));
    t.equal((error as WrongExpectedRevisionError).actual, 2);
  });

  t.test("the server's own MaxAppendSize refusal maps to AppendTooLargeError", async (t) => {
    const store = await openEventStoreDbEventStore(connectionString, { timeoutMs: 10_000, maxAppendBytes: 64 * 1024 * 1024 });
    t.teardown(() => store.close());
    const big = Array.from({ length: 12 }, () => event({ text: 'x'.repeat(100_000) }));
    const error = await store.append(stream('big'), big, 'no_stream').catch((e: unknown) => e);
    t.ok(error instanceof AppendTooLargeError, String(error));
  });

  t.test('a tombstoned stream reads as absent and refuses appends', async (t) => {
    const store = await open();
    const client = EventStoreDBClient.connectionString(connectionString);
    t.teardown(async () => {
      await store.close();
      await client.dispose();
    });
    const s = stream('tomb');
    await store.append(s, [event()], 'no_stream');
    await client.tombstoneStream(s);
    t.same(await store.readStream(s), []);
    t.equal(await store.streamRevision(s), undefined);
    const error = await store.append(s, [event()], 'any').catch((e: unknown) => e);
    t.ok(error instanceof StreamTombstonedError, String(error));
  });

  t.test('identity: the first non-system event of $all, the same on every call', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    await store.append(stream('identity'), [event()], 'no_stream');
    const identity = await store.identity();
    t.ok(identity !== undefined);
    t.equal(await store.identity(), identity);
    const [first] = await store.readAll({ maxCount: 1 });
    t.equal(first?.id, identity);
  });

  t.test('$correlationId is written where the server projections read it', async (t) => {
    const store = await open();
    const client = EventStoreDBClient.connectionString(connectionString);
    t.teardown(async () => {
      await store.close();
      await client.dispose();
    });
    const s = stream('corr');
    await store.append(s, [event()], 'no_stream');
    for await (const resolved of client.readStream(s)) {
      t.match(resolved.event?.metadata, { $correlationId: 'c-live', $causationId: 'c-live' });
    }
  });
}
