import t from 'tap';
import { DEPT_A, DEPT_B, listeningApp, TOKENS } from './listening-app.js';

/**
 * Department-years through a listening socket: a department's recorder and reviewer read and write
 * their own; finance and auditor read all and write none; others get 403 on every route, HEAD included,
 * and nothing is written. Access is decided on the department as registered in the stream.
 */

const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const A = `/api/departments/${encodeURIComponent(DEPT_A)}/2022`;
const B = `/api/departments/${encodeURIComponent(DEPT_B)}/2022`;
const register = (name: string) => JSON.stringify({ name, year: 2022, budget: { initial: '10万元' } });
const tasks = JSON.stringify({ tasks: [{ id: 't1', name: '会员服务' }] });

t.test('own department-year read and written; another department refused on every route; finance and auditor read only', async (t) => {
  const h = await listeningApp({ tokens: TOKENS });
  t.teardown(h.close);
  // Registering names the department: only its own people may.
  t.equal((await h.raw('POST', '/api/departments', json('tok-b'), register(DEPT_A))).status, 403, "B's recorder cannot register A");
  t.equal((await h.raw('POST', '/api/departments', json('tok-a'), register(DEPT_A))).status, 201);
  t.equal((await h.raw('POST', '/api/departments', json('tok-b'), register(DEPT_B))).status, 201);
  t.equal((await h.raw('PUT', `${A}/tasks`, json('tok-a'), tasks)).status, 200, "A's recorder declares A's tasks");
  t.equal((await h.raw('POST', `${A}/spending`, json('tok-a'), JSON.stringify({ amount: '1万元', date: '2022-06-01', task: 't1' }))).status, 200);
  t.equal((await h.raw('POST', `${A}/budget-adjustments`, json('tok-a'), JSON.stringify({ total: '12万元', reason: '追加', approvalRef: '财〔2022〕1号', effectiveDate: '2022-06-01' }))).status, 403, 'a recorder does not approve');
  t.equal((await h.raw('POST', `${A}/budget-adjustments`, json('tok-a-reviewer'), JSON.stringify({ total: '12万元', reason: '追加', approvalRef: '财〔2022〕1号', effectiveDate: '2022-06-01' }))).status, 200, 'its reviewer does');

  const before = await h.eventCount();
  const reads = ['', '/history', '/self-evaluation', '/self-evaluation?format=xlsx', '/self-evaluation?format=html'];
  for (const path of reads) {
    for (const method of ['GET', 'HEAD']) {
      const other = await h.raw(method, `${A}${path}`, { authorization: 'Bearer tok-b' });
      t.equal(other.status, 403, `${method} ${path || '/'} as B's recorder`);
      t.notOk(other.headers['etag'], 'no ETag');
      t.notOk(other.headers['content-disposition'], 'no file name');
      t.equal((await h.raw(method, `${A}${path}`, { authorization: 'Bearer tok-a' })).status, 200, `${method} ${path || '/'} as A's recorder`);
      t.equal((await h.raw(method, `${B}${path}`, { authorization: 'Bearer tok-auditor' })).status, 200, `${method} ${path || '/'} as the auditor`);
    }
  }
  // The name as registered decides, not its spelling in the URL.
  const spaced = `/api/departments/${encodeURIComponent(` ${DEPT_A.slice(0, 3)} ${DEPT_A.slice(3)}`)}/2022`;
  t.equal((await h.raw('GET', spaced, { authorization: 'Bearer tok-b' })).status, 403, 'another spelling of A is still A');
  t.equal((await h.raw('GET', spaced, { authorization: 'Bearer tok-a' })).status, 200);

  for (const [token, who] of [['tok-b', "B's recorder"], ['tok-auditor', 'the auditor']] as const) {
    for (const [method, path, body] of [
      ['PUT', '/tasks', tasks],
      ['POST', '/spending', JSON.stringify({ amount: 100, date: '2022-06-02' })],
      ['POST', '/evaluation/submit', '{}'],
      ['PUT', '/achievements', JSON.stringify({ text: '完成' })],
    ] as [string, string, string][]) {
      const res = await h.raw(method, `${A}${path}`, json(token), body);
      t.equal(res.status, 403, `${method} ${path} as ${who}`);
    }
  }
  t.equal(await h.eventCount(), before, 'nothing written by a refused request');
  t.equal((await h.raw('GET', A, {})).status, 401, 'no token');
});
