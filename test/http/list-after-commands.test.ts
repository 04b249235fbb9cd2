import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';

/**
 * The project list is answered from the read model's rows (and a summary kept per row revision),
 * which a live command moves in memory and writes to the file a little later, with the checkpoint.
 * The list must show every command at once, and a restart must find the same.
 */
t.test('the project list shows each command at once, and the same after a restart', async (t) => {
  const h = await testApp({ now: '2022-07-01T09:00:00' });
  const base = `/api/projects/${PROJECT_ID}`;
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h.call('PUT', `${base}/targets`, targets)).statusCode, 200);
  t.equal((await h.call('PUT', `${base}/spending-plan`, plan)).statusCode, 200);
  const list = async (app = h) => {
    const res = await app.call('GET', '/api/projects');
    t.equal(res.statusCode, 200);
    return (res.json().projects as { id: string; revision: number; executionPercent: number }[]).find((p) => p.id === PROJECT_ID)!;
  };
  t.match(await list(), { revision: 2, executionPercent: 0 });
  for (const [amount, revision, percent] of [
    ['10万元', 3, 20],
    ['5万元', 4, 30],
    ['15万元', 5, 60],
  ] as const) {
    // The rows written (as the runner does shortly after every batch) and the list answered from them:
    // the next command moves the row in memory only, and the list must still see it.
    h.runtime.runner.persist();
    await list();
    const res = await h.call('POST', `${base}/spending`, { amount, date: '2022-06-30' });
    t.equal(res.json().revision, revision);
    t.match(await list(), { revision, executionPercent: percent }, `after ${amount}: the list has it at once`);
  }
  await h.app.close();
  await h.runtime.close();

  const again = await testApp({ dbPath: h.dbPath, now: '2022-07-01T09:00:00' });
  t.teardown(() => again.close());
  t.match(await list(again), { revision: 5, executionPercent: 60 }, 'after a restart');
});
