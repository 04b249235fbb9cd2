import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, register } from '../helpers/worked-example.js';

t.test('a retry after a crash between the append and the record of the answer writes nothing again', async (t) => {
  const h = await testApp({ now: '2022-07-01T09:00:00', memory: true });
  t.teardown(h.close);
  const key = { 'idempotency-key': 'reg-001' };
  const first = await h.call('POST', '/api/projects', register, key);
  t.equal(first.statusCode, 201);
  const spend = { amount: '500', date: '2022-06-30' };
  const paid = await h.call('POST', `/api/projects/${PROJECT_ID}/spending`, spend, { 'idempotency-key': 'pay-1' });
  t.equal(paid.statusCode, 200);
  // The process died after the commit, before the answer was kept.
  h.runtime.readDb.exec('DELETE FROM idempotency_keys');

  const again = await h.call('POST', `/api/projects/${PROJECT_ID}/spending`, spend, { 'idempotency-key': 'pay-1' });
  t.equal(again.statusCode, 200);
  t.same(again.json(), paid.json());
  t.equal(again.headers['idempotent-replayed'], 'true');
  const reg = await h.call('POST', '/api/projects', register, key);
  t.equal(reg.statusCode, 201, 'the registration is found too, not refused as a duplicate');
  t.same(reg.json(), first.json());
  const events = await h.runtime.store.readStream(`project-${PROJECT_ID}`);
  t.same(events.map((e) => e.type), ['ProjectRegistered', 'SpendingRecorded'], 'nothing written twice');
});
