import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { seedWorkedExample } from '../helpers/seed.js';

import { readModelContent } from '../helpers/read-model-content.js';
import type { TestApp } from '../helpers/test-app.js';

const snapshot = (h: TestApp) => readModelContent(h.runtime);

t.test('rebuilding the read models from position 0 gives the same read models and answers', async (t) => {
  const h = await testApp();
  t.teardown(h.close);
  const a = await seedWorkedExample(h);
  const b = await seedWorkedExample(h, { code: 'P2' });
  const live = await snapshot(h);
  const liveCards = await Promise.all([a, b].map(async (id) => (await h.call('GET', `/api/projects/${id}/scorecard`)).json()));
  const liveList = (await h.call('GET', '/api/projects')).json();
  t.equal(live.projects.length, 2);

  const result = await h.runtime.runner.rebuild();
  t.equal(result.events, 2 * 14, 'every event replayed once');
  t.same(await snapshot(h), live, 'rm_projects and checkpoints identical');
  const rebuiltCards = await Promise.all([a, b].map(async (id) => (await h.call('GET', `/api/projects/${id}/scorecard`)).json()));
  t.same(rebuiltCards, liveCards);
  t.equal(rebuiltCards[0].total, 88.8);
  t.same((await h.call('GET', '/api/projects')).json(), liveList);

  // After the rebuild, new events keep flowing into the read models.
  const res = await h.call('POST', `/api/projects/${a}/indicators/i7/actuals`, { value: '99%', asOf: '2022-12-31' });
  t.equal(res.statusCode, 200, res.body);
  t.equal((await h.call('GET', `/api/projects/${a}/scorecard`)).json().total, 89);
});

t.test('a restart keeps every event and read model; /health reports the store and its position', async (t) => {
  const first = await testApp();
  const id = await seedWorkedExample(first);
  const before = await snapshot(first);
  const health = (await first.call('GET', '/health')).json();
  t.equal(health.store.kind, 'sqlite');
  t.equal(health.store.position, '14');
  t.equal(health.readModels.position, '14');
  await first.app.close();
  await first.runtime.close();

  const second = await testApp({ dbPath: first.dbPath });
  t.teardown(async () => {
    await second.close();
    await first.close().catch(() => {});
  });
  t.same(await snapshot(second), before);
  t.equal((await second.call('GET', `/api/projects/${id}/scorecard`)).json().total, 88.8);
  t.equal((await second.call('GET', `/api/projects/${id}/history`)).json().entries.length, 14);
  t.equal((await second.call('GET', '/health')).json().store.position, '14');
});

t.test('read models that fell behind (checkpoint lost in a crash) catch up at start without applying an event twice', async (t) => {
  const first = await testApp();
  const id = await seedWorkedExample(first);
  const before = await snapshot(first);
  // A checkpoint behind the rows it covers: replaying those events must change nothing.
  first.runtime.readDb.exec("UPDATE rm_checkpoints SET position = '3'");
  await first.app.close();
  await first.runtime.close();
  const second = await testApp({ dbPath: first.dbPath });
  t.teardown(async () => {
    await second.close();
    await first.close().catch(() => {});
  });
  t.same(await snapshot(second), before);
  t.equal((await second.call('GET', `/api/projects/${id}/scorecard`)).json().total, 88.8);
});
