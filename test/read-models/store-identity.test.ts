/**
 * Read-model checkpoints belong to one store's data. When the events they count are gone (the events
 * file replaced, the EventStoreDB data wiped with `docker compose down -v`), the read models are
 * rebuilt from the log the store has now, instead of skipping every new event up to the old checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { storeOver } from '../helpers/simulated-esdb-store.js';
import { SimulatedServer } from '../store/simulated-eventstoredb.js';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

const other = { ...register, code: '52270022P00430219999X', name: '另一个项目' };
const OTHER_ID = '52270022P00430219999X-2022';

/** The project list as the read model answers it: id and revision of each project. */
async function listed(h: TestApp): Promise<string[]> {
  const res = await h.call('GET', '/api/projects');
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json() as { projects: { id: string; revision: number }[] }).projects.map((p) => `${p.id}@${p.revision}`).sort();
}

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-identity-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('embedded store: an events file replaced under the read models → rebuilt, new events not skipped', async (t) => {
  const dir = tempDir(t);
  const first = join(dir, 'first', 'jixiao.db');
  const h1 = await testApp({ dbPath: first });
  t.equal((await h1.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h1.call('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).statusCode, 200);
  await h1.close();

  // Another events file (a restore of another machine's data, or a wiped one) beside the same read models.
  const second = join(dir, 'second', 'jixiao.db');
  const h2 = await testApp({ dbPath: second });
  t.equal((await h2.call('POST', '/api/projects', other)).statusCode, 201);
  await h2.close();
  rmSync(first, { force: true });
  for (const suffix of ['-wal', '-shm']) rmSync(first + suffix, { force: true });
  const replaced = await openSqliteEventStore(first);
  const events = await (await openSqliteEventStore(second)).readAll();
  await replaced.append(events[0]!.stream, events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })), 'no_stream');
  await replaced.close();

  const h3 = await testApp({ dbPath: first });
  t.teardown(() => h3.close());
  t.same(await listed(h3), [`${OTHER_ID}@0`], 'the read models show the store as it is now');
  const res = await h3.call('POST', `/api/projects/${OTHER_ID}/spending`, { amount: '1万元', date: '2022-06-01' });
  t.equal(res.statusCode, 200, res.body);
  t.same(await listed(h3), [`${OTHER_ID}@1`], 'the new event reached the read model');
});

t.test('EventStoreDB: the server wiped and written past the old checkpoint → another identity, rebuilt', async (t) => {
  const dir = tempDir(t);
  const readModels = join(dir, 'read-models.db');
  const server = new SimulatedServer();
  const h1 = await testApp({ dbPath: readModels, store: storeOver(server) });
  t.equal((await h1.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h1.call('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).statusCode, 200);
  await h1.close();
  const oldCheckpoint = server.userEvents().at(-1)!.position;

  server.wipe(); // docker compose down -v; up
  const writer = storeOver(server);
  const h2 = await testApp({ memory: true, store: writer });
  t.equal((await h2.call('POST', '/api/projects', other)).statusCode, 201);
  for (let k = 0; server.userEvents().at(-1)!.position <= oldCheckpoint + 1000n; k++) {
    const res = await h2.call('POST', `/api/projects/${OTHER_ID}/spending`, { amount: '1万元', date: '2022-06-01' });
    t.equal(res.statusCode, 200, res.body);
  }
  await h2.close();
  const revision = Number(server.userEvents().at(-1)!.revision);

  const h3 = await testApp({ dbPath: readModels, store: storeOver(server) });
  t.teardown(() => h3.close());
  t.same(await listed(h3), [`${OTHER_ID}@${revision}`], 'the wiped project is gone; every event of the new log is in the read model');
});

t.test('EventStoreDB: the server wiped, the app restarted at once → the checkpoint is ahead of the head, rebuilt', async (t) => {
  const dir = tempDir(t);
  const readModels = join(dir, 'read-models.db');
  const server = new SimulatedServer();
  const h1 = await testApp({ dbPath: readModels, store: storeOver(server) });
  t.equal((await h1.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h1.call('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).statusCode, 200);
  await h1.close();

  server.wipe();
  const h2 = await testApp({ dbPath: readModels, store: storeOver(server) });
  t.teardown(() => h2.close());
  t.same(await listed(h2), [], 'nothing is listed of a wiped store');
  t.equal((await h2.call('POST', '/api/projects', other)).statusCode, 201);
  t.same(await listed(h2), [`${OTHER_ID}@0`], 'the first event of the new log is not skipped');
  h2.runtime.runner.persist();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the identity is read once the checkpoint is written
  const identity = h2.runtime.readDb.prepare("SELECT value FROM rm_store WHERE key = 'identity'").pluck().get();
  t.equal(identity, server.userEvents()[0]!.id, 'the new store identity is recorded once it has one');
});
