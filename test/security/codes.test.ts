import t from 'tap';
import { securityServer, problemOf } from './server.js';
import { register } from '../helpers/worked-example.js';

/**
 * Issue 13 D8: a code of 96+ characters registered, then every request on it answered 414 (not
 * problem+json). Codes are at most 64 characters of letters, digits, "-", "_", "." in the schema.
 */
t.test('an overlong or odd code is refused by the schema, naming the field; no event is written', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  for (const code of ['A'.repeat(65), 'A'.repeat(96), 'AB/CD', 'AB%2FCD', '项目一', 'A B', 'A\u202eB', '']) {
    const res = await s.send('POST', '/api/projects', { ...register, code });
    t.equal(res.status, 400, JSON.stringify(code.slice(0, 20)));
    const p = await problemOf(res);
    t.match(p.contentType, /^application\/problem\+json/);
    t.match(p.errors, [{ field: 'code' }]);
  }
  t.equal(await s.h.runtime.store.headPosition(), 0n, 'nothing written');
});

t.test('a code of 64 characters registers and every request on it is answered', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const code = '52270022P00430210142W.' + 'x'.repeat(41) + '_';
  t.equal(code.length, 64);
  const created = await s.send('POST', '/api/projects', { ...register, code });
  t.equal(created.status, 201);
  const id = `${code}-2022`;
  t.equal((await s.send('GET', `/api/projects/${id}`)).status, 200);
  t.equal((await s.send('GET', `/api/projects/${id}/scorecard`)).status, 200);
  const spent = await s.send('POST', `/api/projects/${id}/spending`, { amount: '1万元', date: '2022-06-30' });
  t.equal(spent.status, 200);
});

t.test('an id longer than any code is answered with problem+json, not a bare 414', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const res = await s.send('GET', `/api/projects/${'A'.repeat(200)}-2022`);
  t.ok(res.status === 404 || res.status === 400 || res.status === 414, `status ${res.status}`);
  t.match(res.headers.get('content-type'), /^application\/problem\+json/);
});

t.test('an import whose table carries an overlong code does not use it: a generated code fits', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const tsv = `项目名称\t编码过长的项目\n项目编码\t${'C'.repeat(100)}\n年度\t2022\n主管部门\t${register.department}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t完成数量\t≥1次\n`;
  const res = await s.send('POST', '/api/import?dryRun=true', tsv, { 'content-type': 'text/plain; charset=utf-8' });
  t.equal(res.status, 200);
  const body = (await res.json()) as { projects: { outcome: { id: string; assumed: string[] } }[]; warnings: { place: string; message: string }[] };
  t.match(body.warnings, [{ place: '第2行第2列', message: /最多 64 个字符/ }]);
  const id = body.projects[0]!.outcome.id;
  t.match(id, /^IMP[0-9A-F]{12}-2022$/, 'a generated code');
  t.ok(id.length <= 64 + 5);
});
