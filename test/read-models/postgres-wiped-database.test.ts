/**
 * Read models of a PostgreSQL-backed server belong to the database's data: a database dropped and
 * created again (and written to by another server) has another identity, and the server's read models
 * are rebuilt from the new log at start instead of skipping every new event up to the old checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openPostgresEventStore } from '../../src/store/postgres-event-store.js';
import { freshDatabase } from '../helpers/postgres.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

const other = { ...register, code: '52270022P00430219999X', name: '另一个项目' };
const OTHER_ID = '52270022P00430219999X-2022';

async function listed(h: TestApp): Promise<string[]> {
  const res = await h.call('GET', '/api/projects');
  if (res.statusCode !== 200) throw new Error(res.body);
  return (res.json() as { projects: { id: string; revision: number }[] }).projects.map((p) => `${p.id}@${p.revision}`).sort();
}

const db = await freshDatabase(t, 'wiped');
if (db !== undefined) {
  t.test('a PostgreSQL database dropped and created again → the read models are rebuilt from the new log', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-pg-wiped-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const app = async (file: string) => testApp({ dbPath: join(dir, file), store: await openPostgresEventStore(db.url) });

    const h1 = await app('a.db');
    t.equal((await h1.call('POST', '/api/projects', register)).statusCode, 201);
    t.equal((await h1.call('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).statusCode, 200);
    t.same(await listed(h1), [`${PROJECT_ID}@1`]);
    await h1.close();

    await db.recreate();
    // Another server writes the new database's first events, with read models of its own.
    const h2 = await app('b.db');
    t.equal((await h2.call('POST', '/api/projects', other)).statusCode, 201);
    t.equal((await h2.call('POST', `/api/projects/${OTHER_ID}/spending`, { amount: '1万元', date: '2022-06-01' })).statusCode, 200);
    await h2.close();

    const h3 = await app('a.db');
    t.teardown(() => h3.close());
    t.same(await listed(h3), [`${OTHER_ID}@1`], 'the read models show the database as it is now');
    const res = await h3.call('POST', `/api/projects/${OTHER_ID}/spending`, { amount: '2万元', date: '2022-06-02' });
    t.equal(res.statusCode, 200, res.body);
    t.same(await listed(h3), [`${OTHER_ID}@2`], 'and follow it');
  });
}
