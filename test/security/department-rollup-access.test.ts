import t from 'tap';
import { sha256Hex } from '../../src/auth/principal.js';
import { register } from '../helpers/worked-example.js';
import { DEPT_A, DEPT_B, listeningApp, PEOPLE } from './listening-app.js';

/** The people of department-checks, and a finance bureau reader. */
const TOKENS = new Map(
  Object.entries({ ...PEOPLE, 'tok-finance': { actor: '财政李', role: 'finance' as const, departments: [] } }).map(([token, p]) => [sha256Hex(token), p]),
);
const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const rollup = (name: string) => `/api/departments/${encodeURIComponent(name)}/2022/rollup`;

/**
 * Issue 17: the department list and roll-up through a listening socket. A department role sees only its
 * departments (named by key, so a spelling with spaces is the same department); finance and auditor
 * see all; no token, nothing.
 */
t.test('a department role sees only its own departments; finance and auditor see every one', async (t) => {
  const h = await listeningApp({ tokens: TOKENS });
  t.teardown(h.close);
  t.equal((await h.raw('POST', '/api/projects', json('tok-a'), JSON.stringify({ ...register, code: 'A0001' }))).status, 201);
  t.equal((await h.raw('POST', '/api/projects', json('tok-b'), JSON.stringify({ ...register, code: 'B0001', department: DEPT_B, unit: DEPT_B }))).status, 201);

  const names = async (token: string) => ((await h.raw('GET', '/api/departments?year=2022', bearer(token))).json().departments as { department: string }[]).map((d) => d.department);
  t.same(await names('tok-a'), [DEPT_A], 'a recorder of A lists A only');
  t.same(await names('tok-a-reviewer'), [DEPT_A], 'a reviewer of A likewise');
  t.same(await names('tok-b'), [DEPT_B]);
  t.same(await names('tok-auditor'), [DEPT_A, DEPT_B].sort(), 'an auditor lists every department');
  t.same(await names('tok-finance'), [DEPT_A, DEPT_B].sort(), 'finance likewise');

  for (const method of ['GET', 'HEAD']) {
    t.equal((await h.raw(method, '/api/departments?year=2022')).status, 401, `${method} list without a token`);
    t.equal((await h.raw(method, rollup(DEPT_A))).status, 401, `${method} roll-up without a token`);
    t.equal((await h.raw(method, '/api/departments?year=2022', bearer('tok-unknown'))).status, 401, `${method} with an unknown token`);
    const denied = await h.raw(method, rollup(DEPT_B), bearer('tok-a'));
    t.equal(denied.status, 403, `${method} B's roll-up as a recorder of A`);
    t.equal((await h.raw(method, rollup('不存在的部门'), bearer('tok-a'))).status, 403, `${method} a department the caller does not hold, whether or not it exists`);
    t.equal((await h.raw(method, rollup(`${DEPT_A.slice(0, 3)} ${DEPT_A.slice(3)}`), bearer('tok-a'))).status, 200, `${method} A spelt with a space, as a recorder of A`);
    t.equal((await h.raw(method, rollup(DEPT_B), bearer('tok-auditor'))).status, 200, `${method} B as the auditor`);
    t.equal((await h.raw(method, rollup(DEPT_B), bearer('tok-finance'))).status, 200, `${method} B as finance`);
    // The route matched decides, however the path is written.
    t.equal((await h.raw(method, `/%61pi/departments/${encodeURIComponent(DEPT_B)}/2022/rollup`, bearer('tok-a'))).status, 403, `${method} an encoded path`);
  }
  const denied = await h.raw('GET', rollup(DEPT_B), bearer('tok-a'));
  t.match(denied.headers['content-type'], /^application\/problem\+json/);
  t.notMatch(denied.body, /平台建设|budget/, 'nothing of B in the refusal');
  const own = (await h.raw('GET', rollup(DEPT_A), bearer('tok-a'))).json();
  t.same([own.projectCount, own.projects[0].id], [1, 'A0001-2022']);
});
