/**
 * The EventStoreDB adapter against the faults the client 6.2.1 and the server really produce, on the
 * imitation (test/store/simulated-eventstoredb.ts): answers that come late or never, a follower,
 * tombstones, the append size limit, `throwOnAppendFailure=false`, the shared batch-append promise bank.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { CancelledError, DeadlineExceededError } from '@eventstore/db-client';
import type { NewEvent } from '../../src/store/event-store.js';
import {
  AppendTooLargeError,
  StoreOutcomeUnknownError,
  StoreUnavailableError,
  StreamTombstonedError,
  WrongExpectedRevisionError,
} from '../../src/store/errors.js';
import { storeOver } from '../helpers/simulated-esdb-store.js';
import { SimulatedServer } from './simulated-eventstoredb.js';

const metadata = { actor: 'a', recordedAt: '2024-01-01T00:00:00+08:00', correlationId: 'c', causationId: 'c' };
const event = (data: unknown = {}): NewEvent => ({ id: randomUUID(), type: 'Recorded', data, metadata });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await pause(5);
  }
}
const written = (server: SimulatedServer, stream: string) => server.userEvents().filter((e) => e.streamId === stream).length;

t.test('throwOnAppendFailure=false: a conflict is a conflict, not a success with a made-up revision', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server, {}, { throwOnAppendFailure: false });
  t.teardown(() => store.close());
  await store.append('project-a', [event(), event(), event()], 'no_stream');
  const error = await store.append('project-a', [event()], 0).catch((e: unknown) => e);
  t.ok(error instanceof WrongExpectedRevisionError, `refused as a conflict (got ${String(error)})`);
  t.equal((error as WrongExpectedRevisionError).actual, 2, 'with the stream as it is');
  t.equal(written(server, 'project-a'), 3, 'nothing written');
});

t.test('one slow append cuts off nothing else, and its answer, when lost, is recovered, written once', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server, { timeoutMs: 300 });
  t.teardown(() => store.close());
  await store.append('project-warm', [event()], 'no_stream'); // the client is connected

  server.delayNextAppend(900, 'late'); // the server writes it after the caller's timeout
  const slow = store.append('project-slow', [event()], 'no_stream');
  await pause(100);
  server.delayNextAppend(400, 'early'); // written at once, answered after the slow one's timeout
  const other = store.append('project-other', [event()], 'no_stream');

  const [slowResult, otherResult] = await Promise.allSettled([slow, other]);
  t.equal(otherResult.status, 'fulfilled', `a concurrent append is answered (${otherResult.status === 'rejected' ? String(otherResult.reason) : 'ok'})`);
  t.equal(slowResult.status, 'fulfilled', `the slow append is answered by sending it again (${slowResult.status === 'rejected' ? String(slowResult.reason) : 'ok'})`);
  if (slowResult.status === 'fulfilled') t.equal(slowResult.value.nextRevision, 0);
  await pause(1000); // the first send reaches the server too
  t.equal(written(server, 'project-slow'), 1, 'the same event ids are written once');
  t.equal(server.clients.length, 1, 'a slow answer does not replace the client');
});

t.test('a wedged client is replaced; the batch-append bank it rejects on dispose does not fail another store\'s append', async (t) => {
  const server = new SimulatedServer();
  const healthy = storeOver(server, { timeoutMs: 5000 });
  t.teardown(() => healthy.close());
  await healthy.append('project-h', [event()], 'no_stream');
  server.silent = true; // a server accepting TCP but not answering: a client's first call hangs
  const stuck = storeOver(server, { timeoutMs: 80 });
  t.teardown(() => stuck.close());
  const first = stuck.readStream('project-h');
  await pause(10);
  server.silent = false;

  server.delayNextAppend(2000, 'early'); // written, answered late: pending in the shared promise bank
  const pending = healthy.append('project-h', [event()], 0);

  await t.rejects(first, StoreUnavailableError, 'the stuck call times out');
  await eventually(() => server.clients[1]!.disposed); // the probe times out too: the stuck client is replaced and disposed
  t.ok(server.clients[1]!.disposed, 'the wedged client was disposed');
  const answer = await pending.catch((e: unknown) => e);
  t.notOk(answer instanceof Error, `the other store's append, cancelled by the shared bank, is recovered (${String(answer)})`);
  t.equal(written(server, 'project-h'), 2, 'and written once');
  t.same((await stuck.readStream('project-h')).length, 2, 'the replacement client answers');
});

t.test('an append nobody answers, even when sent again: outcome unknown (503), not "nothing written"', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server, { timeoutMs: 60 });
  t.teardown(() => store.close());
  await store.append('project-x', [event()], 'no_stream');
  server.delayNextAppend(500, 'late');
  server.delayNextAppend(500, 'late');
  const error = await store.append('project-x', [event()], 0).catch((e: unknown) => e);
  t.ok(error instanceof StoreOutcomeUnknownError, `outcome unknown (got ${String(error)})`);
  t.match((error as Error).message, /may have been written/);
  await pause(550);
  t.equal(written(server, 'project-x'), 2, 'it was in fact written, once, though sent twice');
});

t.test('NotLeader: refused as unavailable, naming the leader; nothing written', async (t) => {
  const server = new SimulatedServer({ follower: true });
  const store = storeOver(server);
  t.teardown(() => store.close());
  const error = await store.append('project-f', [event()], 'no_stream').catch((e: unknown) => e);
  t.ok(error instanceof StoreUnavailableError && !(error instanceof StoreOutcomeUnknownError), `unavailable, outcome known (got ${String(error)})`);
  t.match((error as Error).message, /not the leader.*leader\.local:2113/);
  t.equal(written(server, 'project-f'), 0);
  t.same(await store.readStream('project-f'), [], 'a follower still reads');
});

t.test('a tombstoned stream reads as absent; appending to it is refused as gone', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server);
  t.teardown(() => store.close());
  await store.append('project-t', [event(), event()], 'no_stream');
  server.tombstone('project-t');
  t.same(await store.readStream('project-t'), [], 'reads as absent');
  t.equal(await store.streamRevision('project-t'), undefined);
  const error = await store.append('project-t', [event()], 'no_stream').catch((e: unknown) => e);
  t.ok(error instanceof StreamTombstonedError, `refused (got ${String(error)})`);
  t.equal((await store.readAll({ streamPrefixes: ['project-t'] })).length, 2, '$all still holds its events');
});

t.test('an append over the 1 MiB limit is refused before it is sent; the server\'s own refusal maps the same', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server);
  t.teardown(() => store.close());
  const big = Array.from({ length: 12 }, () => event({ text: 'x'.repeat(100_000) }));
  const error = await store.append('project-big', big, 'no_stream').catch((e: unknown) => e);
  t.ok(error instanceof AppendTooLargeError, `refused (got ${String(error)})`);
  t.equal((error as AppendTooLargeError).limit, 1024 * 1024);
  t.ok(((error as AppendTooLargeError).bytes ?? 0) > 1024 * 1024);
  t.equal(written(server, 'project-big'), 0);

  const smaller = new SimulatedServer({ maxAppendSize: 100_000 }); // a server configured below the default
  const store2 = storeOver(smaller);
  t.teardown(() => store2.close());
  const refused = await store2.append('project-big', big.slice(0, 2), 'no_stream').catch((e: unknown) => e);
  t.ok(refused instanceof AppendTooLargeError, `the server's refusal (got ${String(refused)})`);
  t.equal((refused as AppendTooLargeError).limit, 100_000);
});

t.test('kurrentdb:// and kdb:// connection strings are opened as esdb://', async (t) => {
  const { openEventStoreDbEventStore } = await import('../../src/store/eventstoredb-event-store.js');
  for (const scheme of ['kurrentdb', 'kdb', 'kurrentdb+discover', 'esdb']) {
    const store = await openEventStoreDbEventStore(`${scheme}://127.0.0.1:1?tls=false`, { timeoutMs: 200 });
    await t.rejects(store.headPosition(), StoreUnavailableError, `${scheme}:// parses (fails only for want of a server)`);
    await store.close();
  }
});

t.test('$correlationId and $causationId are written for the server\'s own projections', async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server);
  t.teardown(() => store.close());
  await store.append('project-m', [{ ...event(), metadata: { ...metadata, correlationId: 'corr-9', causationId: 'cause-9' } }], 'no_stream');
  t.match(server.userEvents()[0]!.metadata, { $correlationId: 'corr-9', $causationId: 'cause-9', correlationId: 'corr-9' });
  t.equal((await store.readStream('project-m'))[0]!.metadata.correlationId, 'corr-9');
});

t.test("the server's commit timeout (DeadlineExceeded) and a cancelled call: sent again, written once either way", async (t) => {
  const server = new SimulatedServer();
  const store = storeOver(server);
  t.teardown(() => store.close());
  server.failNextAppend(new DeadlineExceededError(), true); // written, but the server timed out answering
  const first = await store.append('project-d', [event()], 'no_stream');
  t.equal(first.nextRevision, 0);
  t.equal(written(server, 'project-d'), 1, 'not written twice');
  server.failNextAppend(new CancelledError(undefined, 'Cancelled on client'), false); // never reached the log
  const second = await store.append('project-d', [event()], 0);
  t.equal(second.nextRevision, 1);
  t.equal(written(server, 'project-d'), 2, 'written by the second send');
});
