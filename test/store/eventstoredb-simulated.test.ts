/**
 * The shared contract against the EventStoreDB adapter over a simulated server
 * (test/store/simulated-eventstoredb.ts): checks the adapter's own logic (paging,
 * exclusive positions, empty appends, conflicts, subscriptions) where no server runs.
 */
import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '../../src/store/eventstoredb-event-store.js';
import { eventStoreContract } from '../contract/event-store-contract.js';
import { SimulatedEventStoreDb, SimulatedServer } from './simulated-eventstoredb.js';
import { storeOver } from '../helpers/simulated-esdb-store.js';

eventStoreContract(t, 'eventstoredb adapter over a simulated server', async () => {
  const server = new SimulatedEventStoreDb();
  return new EventStoreDbEventStore('esdb://simulated:2113?tls=false', server as unknown as EventStoreDBClient, {});
});

t.test('readAll pages through more than one page of $all, skipping system events', async (t) => {
  const server = new SimulatedEventStoreDb();
  const store = new EventStoreDbEventStore('esdb://simulated:2113?tls=false', server as unknown as EventStoreDBClient, {});
  t.teardown(() => store.close());
  const metadata = { actor: 'a', recordedAt: '2024-01-01T00:00:00+08:00', correlationId: 'c', causationId: 'c' };
  for (let batch = 0; batch < 105; batch++) {
    const events = Array.from({ length: 10 }, (_, k) => ({ id: randomUUID(), type: 'Tick', data: { i: batch * 10 + k }, metadata }));
    await store.append(`project-${batch % 7}`, events, 'any');
  }
  const all = await store.readAll();
  t.equal(all.length, 1050, 'every event once, over three pages of 500');
  t.ok(all.every((e, i) => (e.data as { i: number }).i === i), 'in append order');
  const after = await store.readAll({ fromPosition: all[599]!.position, maxCount: 2 });
  t.same(after.map((e) => (e.data as { i: number }).i), [600, 601], 'exclusive start and maxCount across a page');
  t.equal(await store.headPosition(), all[1049]!.position, 'head: the last non-system event');
  t.equal((await store.readAll({ streamPrefixes: ['project-3'] })).length, 150, 'batches 3, 10, … 101: 15 × 10');
});

t.test('close() lets calls under way finish, then refuses new ones', async (t) => {
  const server = new SimulatedEventStoreDb();
  const store = new EventStoreDbEventStore('esdb://simulated:2113?tls=false', server as unknown as EventStoreDBClient, {});
  const metadata = { actor: 'a', recordedAt: '2024-01-01T00:00:00+08:00', correlationId: 'c', causationId: 'c' };
  const pending = store.append('project-late', [{ id: randomUUID(), type: 'Late', data: {}, metadata }], 'no_stream');
  await store.close();
  t.equal((await pending).nextRevision, 0, 'the append issued before close() completed');
  await t.rejects(store.readStream('project-late'), /closed/);
  await store.close();
  t.pass('closing twice is harmless');
});

/**
 * The contract again, over a server that never sends caughtUp (before 23.10) and whose subscriptions
 * are dropped with an error or ended, every few milliseconds, while the server writes system events.
 */
eventStoreContract(t, 'eventstoredb adapter over a faulty simulated server', async () => {
  const server = new SimulatedServer({ sendsCaughtUp: false });
  let tick = 0;
  const faults = setInterval(() => {
    tick++;
    if (tick % 3 === 0) server.endSubscriptions();
    else if (tick % 3 === 1) server.dropSubscriptions();
    else server.writeSystem();
  }, 15);
  const store = storeOver(server, { retryDelayMs: { first: 1, max: 5 } });
  const close = store.close.bind(store);
  store.close = async () => {
    clearInterval(faults);
    await close();
  };
  return store;
});

t.test('a slow handler and a long backlog: the server sends only as fast as events are read, every one once, in order', async (t) => {
  const server = new SimulatedServer({ sendsCaughtUp: false });
  const store = storeOver(server, { retryDelayMs: { first: 1, max: 5 } });
  t.teardown(() => store.close());
  const metadata = { actor: 'a', recordedAt: '2024-01-01T00:00:00+08:00', correlationId: 'c', causationId: 'c' };
  for (let batch = 0; batch < 20; batch++) {
    const events = Array.from({ length: 50 }, (_, k) => ({ id: randomUUID(), type: 'Tick', data: { i: batch * 50 + k }, metadata }));
    await store.append(`project-${batch % 3}`, events, 'any');
  }
  const seen: number[] = [];
  const sub = store.subscribe(async (e) => {
    seen.push((e.data as { i: number }).i);
    if (seen.length % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    if (seen.length === 500) server.dropSubscriptions(); // mid-stream
  });
  await sub.caughtUp;
  await sub.stop();
  t.equal(seen.length, 1000);
  t.ok(seen.every((i, k) => i === k), 'every event once, in order, across a drop');
  t.ok(server.maxBuffered <= 16, `the server held at most ${server.maxBuffered} unread events`);
});
