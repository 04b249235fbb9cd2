/**
 * The HTTP API in EventStoreDB mode, over the imitated server: what a user is told when the store is
 * slow, silent, a follower, or the subscription behind, and two app processes on one store.
 */
import t from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { storeOver } from '../helpers/simulated-esdb-store.js';
import { SimulatedServer } from '../store/simulated-eventstoredb.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await pause(20);
  }
}

/** The project as the list (a read model) shows it. */
async function listed(h: TestApp): Promise<{ revision: number; executionPercent: number } | undefined> {
  const projects = (await h.call('GET', '/api/projects')).json().projects as { id: string; revision: number; executionPercent: number }[];
  return projects.find((p) => p.id === PROJECT_ID);
}

t.test('a written command whose read models lag is answered with its result and X-Read-Models-Lag, never as a failure', async (t) => {
  const server = new SimulatedServer();
  const h = await testApp({ memory: true, store: storeOver(server), readModelWaitMs: 300, now: '2022-07-01T09:00:00' });
  t.teardown(() => h.close());
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);

  server.stallSubscriptions(); // the subscription stops bringing events back, without an error
  const res = await h.call('POST', `${base}/spending`, { amount: '10万元', date: '2022-06-01' });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { id: PROJECT_ID, revision: 1, readModelsLag: true });
  t.equal(res.headers['x-read-models-lag'], 'true');
  t.equal(res.headers.etag, '"1"');
  t.equal(server.userEvents().length, 2, 'written once');

  server.stallSubscriptions(false);
  await eventually(async () => (await listed(h))?.revision === 1);
  t.pass('the read models catch up');
  const next = await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-06-02' });
  t.equal(next.statusCode, 200, next.body);
  t.same(next.json(), { id: PROJECT_ID, revision: 2 }, 'no lag field once they are current');
  t.equal(next.headers['x-read-models-lag'], undefined);
});

t.test('an append nobody answers: 503 "outcome unknown"; the same Idempotency-Key then finds it written, once', async (t) => {
  const server = new SimulatedServer();
  const h = await testApp({ memory: true, store: storeOver(server, { timeoutMs: 80 }), now: '2022-07-01T09:00:00' });
  t.teardown(() => h.close());
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  server.delayNextAppend(400, 'late');
  server.delayNextAppend(400, 'late');
  const headers = { 'idempotency-key': 'spend-1' };
  const res = await h.call('POST', `${base}/spending`, { amount: '10万元', date: '2022-06-01' }, headers);
  t.equal(res.statusCode, 503, res.body);
  t.equal(res.json().rule, 'store-outcome-unknown');
  t.match(res.json().detail, /可能已写入.*Idempotency-Key/);
  await eventually(async () => server.userEvents().length === 2); // the server did write it
  await pause(100); // and the second send reached it too

  const retry = await h.call('POST', `${base}/spending`, { amount: '10万元', date: '2022-06-01' }, headers);
  t.equal(retry.statusCode, 200, retry.body);
  t.equal(retry.json().revision, 1, 'the write that happened, found by its correlation id');
  t.equal(server.userEvents().length, 2, 'not written twice');
});

t.test('NotLeader: 503 naming the leader, nothing written; too large an append: 413, nothing written', async (t) => {
  const follower = new SimulatedServer({ follower: true });
  const h = await testApp({ memory: true, store: storeOver(follower) });
  t.teardown(() => h.close());
  const res = await h.call('POST', '/api/projects', register);
  t.equal(res.statusCode, 503, res.body);
  t.equal(res.json().rule, 'store-unavailable');
  t.match(res.json().detail, /not the leader/);
  t.equal(follower.userEvents().length, 0);

  const server = new SimulatedServer();
  const small = await testApp({ memory: true, store: storeOver(server, { maxAppendBytes: 1500 }) });
  t.teardown(() => small.close());
  t.equal((await small.call('POST', '/api/projects', register)).statusCode, 201);
  const big = await small.call('PUT', `${base}/targets`, targets);
  t.equal(big.statusCode, 413, big.body);
  t.equal(big.json().rule, 'append-too-large');
  t.match(big.json().detail, /over the store's limit of 1500 bytes/);
  t.equal(server.userEvents().length, 1, 'only the registration');
});

t.test('two app processes on one EventStoreDB: commands on both, no lost update, both read models converge', async (t) => {
  const server = new SimulatedServer();
  const a = await testApp({ memory: true, store: storeOver(server), now: '2022-07-01T09:00:00' });
  const b = await testApp({ memory: true, store: storeOver(server), now: '2022-07-01T09:00:00' });
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  t.equal((await a.call('POST', '/api/projects', register)).statusCode, 201);
  await eventually(async () => (await listed(b)) !== undefined);
  t.equal((await b.call('PUT', `${base}/targets`, targets)).statusCode, 200, 'b writes to the project a registered');

  // 20 spendings of 1万元, two at a time, one on each app, racing for the same revision.
  let accepted = 0;
  const statuses: number[] = [];
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all([a, b].map((h) => h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-06-01' })));
    for (const r of answers) {
      statuses.push(r.statusCode);
      if (r.statusCode === 200) accepted++;
      else t.equal(r.statusCode, 409, `a lost race is refused, not lost (${r.body})`);
    }
  }
  t.ok(accepted >= 10, `most spendings accepted (${accepted}/20; ${statuses.join(',')})`);
  const events = server.userEvents();
  t.equal(events.filter((e) => e.type === 'SpendingRecorded').length, accepted, 'every accepted command is in the log, nothing else');
  t.same(events.map((e) => Number(e.revision)), events.map((_, i) => i), 'one stream, revisions without a gap or a duplicate');

  const expected = { revision: events.length - 1, spent: `${(accepted * 10_000).toFixed(2)}` };
  for (const [name, h] of [['a', a], ['b', b]] as const) {
    await eventually(async () => (await listed(h))?.revision === expected.revision);
    const scorecard = (await h.call('GET', `${base}/scorecard`)).json();
    t.equal(scorecard.execution.spent, expected.spent, `${name}'s read models show every accepted spending`);
  }
});
