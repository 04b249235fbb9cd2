import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { loadTokens, sha256Hex, type Principal } from '../../src/auth/principal.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

const A = register.department; // 黔南州工商业联合会
const B = '黔南州财政局';
const people: Record<string, Principal> = {
  'tok-recorder': { actor: '张三', role: 'recorder', departments: [A] },
  'tok-reviewer': { actor: '王审核', role: 'reviewer', departments: [A] },
  'tok-other': { actor: '赵其他', role: 'recorder', departments: [B] },
  'tok-finance': { actor: '财政局刘', role: 'finance', departments: [] },
  'tok-auditor': { actor: '审计陈', role: 'auditor', departments: [] },
  'tok-province': { actor: '省审核', role: 'reviewer', departments: ['*'] },
};
const tokens = new Map(Object.entries(people).map(([token, p]) => [sha256Hex(token), p]));
const base = `/api/projects/${PROJECT_ID}`;

const as = (h: TestApp, token: string | undefined, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  h.app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body !== undefined ? { payload: body as object } : {}),
  });

async function setup(): Promise<TestApp> {
  const h = await testApp({ now: '2022-07-01T09:00:00', memory: true, tokens });
  t.equal((await as(h, 'tok-recorder', 'POST', '/api/projects', register)).statusCode, 201);
  t.equal((await as(h, 'tok-recorder', 'PUT', `${base}/targets`, targets)).statusCode, 200);
  return h;
}

t.test('missing or unknown token: 401 problem', async (t) => {
  const h = await setup();
  t.teardown(h.close);
  for (const token of [undefined, 'nope']) {
    const res = await as(h, token, 'GET', '/api/projects');
    t.equal(res.statusCode, 401);
    t.match(res.headers['content-type'], /problem\+json/);
  }
  t.equal((await as(h, undefined, 'GET', '/health')).statusCode, 200, '/health needs no token');
});

t.test('each role against each kind of route', async (t) => {
  const h = await setup();
  t.teardown(h.close);
  const spend = { amount: 1000, date: '2022-06-30' };
  const revise = { target: '= 2 个', reason: '需求调整', approvalRef: '财预〔2022〕5号' };
  const cases: [string, 'GET' | 'POST' | 'PUT', string, unknown, number][] = [
    // recorder of A: reads and records A, approves nothing, touches nothing of B
    ['tok-recorder', 'GET', `${base}/scorecard`, undefined, 200],
    ['tok-recorder', 'POST', `${base}/spending`, spend, 200],
    ['tok-recorder', 'POST', `${base}/indicators/i1/revisions`, revise, 403],
    ['tok-recorder', 'POST', `${base}/budget-adjustments`, { total: '60万元', reason: '追加', approvalRef: '财预〔2022〕9号', effectiveDate: '2022-06-01' }, 403],
    ['tok-recorder', 'POST', '/api/projects', { ...register, code: 'B1', department: B }, 403],
    // recorder of B: nothing of A
    ['tok-other', 'GET', `${base}/scorecard`, undefined, 403],
    ['tok-other', 'GET', `${base}/history`, undefined, 403],
    ['tok-other', 'POST', `${base}/spending`, spend, 403],
    // reviewer of A: records and approves
    ['tok-reviewer', 'POST', `${base}/indicators/i1/revisions`, revise, 200],
    ['tok-reviewer', 'POST', `${base}/spending`, spend, 200],
    // finance and auditor: read everything, write nothing
    ['tok-finance', 'GET', `${base}/monitoring`, undefined, 200],
    ['tok-finance', 'POST', `${base}/spending`, spend, 403],
    ['tok-auditor', 'GET', `${base}/history`, undefined, 200],
    ['tok-auditor', 'GET', `${base}?asOf=2022-03-01`, undefined, 200],
    ['tok-auditor', 'POST', `${base}/deviations`, { category: '其他', reason: 'x', measure: 'y' }, 403],
    ['tok-auditor', 'POST', '/api/projects', { ...register, code: 'C1' }, 403],
    // "*": every department
    ['tok-province', 'POST', `${base}/indicators/i4/revisions`, { target: '≤ 45 万元', reason: '压减', approvalRef: '财预〔2022〕7号' }, 200],
    ['tok-province', 'POST', '/api/projects', { ...register, code: 'P1', department: B }, 201],
  ];
  for (const [token, method, url, body, status] of cases) {
    const before = (await as(h, 'tok-auditor', 'GET', base)).json().project.revision;
    const res = await as(h, token, method, url, body);
    t.equal(res.statusCode, status, `${people[token]!.role} ${people[token]!.departments.join()} ${method} ${url}: ${res.body}`);
    if (status === 403) {
      t.equal(res.json().rule, 'forbidden');
      t.equal((await as(h, 'tok-auditor', 'GET', base)).json().project.revision, before, 'a forbidden command writes nothing');
    }
  }
});

t.test('the list shows recorders their departments, finance every department', async (t) => {
  const h = await setup();
  t.teardown(h.close);
  t.equal((await as(h, 'tok-other', 'POST', '/api/projects', { ...register, code: 'B1', department: B })).statusCode, 201);
  const names = async (token: string) => (await as(h, token, 'GET', '/api/projects')).json().projects.map((p: { department: string }) => p.department).sort();
  t.same(await names('tok-recorder'), [A]);
  t.same(await names('tok-other'), [B]);
  t.same(await names('tok-finance'), [B, A].sort());
});

t.test("the event's actor is the token's, whatever X-Actor says", async (t) => {
  const h = await setup();
  t.teardown(h.close);
  const res = await as(h, 'tok-recorder', 'POST', `${base}/spending`, { amount: 5, date: '2022-06-30' }, { 'x-actor': 'mallory' });
  t.equal(res.statusCode, 200);
  const entries = (await as(h, 'tok-auditor', 'GET', `${base}/history`)).json().entries;
  t.equal(entries.at(-1).actor, '张三');
});

t.test('the tokens file: hashed tokens, roles checked, errors name the file and entry', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-tokens-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'tokens.json');
  writeFileSync(good, JSON.stringify({ [sha256Hex('s3cret')]: { actor: '张三', role: 'recorder', departments: [A] } }));
  t.same(loadTokens(good).get(sha256Hex('s3cret')), { actor: '张三', role: 'recorder', departments: [A] });
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ plain: { actor: 'x', role: 'boss' } }));
  t.throws(() => loadTokens(bad), /bad\.json.*sha-256/);
});

t.test('Idempotency-Key: a retry returns the first answer and writes nothing', async (t) => {
  const h = await setup();
  t.teardown(h.close);
  const body = { amount: '1200', date: '2022-06-30', note: '差旅' };
  const key = { 'idempotency-key': 'pay-2022-06-30-001' };
  const first = await as(h, 'tok-recorder', 'POST', `${base}/spending`, body, key);
  t.equal(first.statusCode, 200);
  const retries = await Promise.all([1, 2, 3].map(() => as(h, 'tok-recorder', 'POST', `${base}/spending`, body, key)));
  for (const r of retries) {
    t.equal(r.statusCode, 200);
    t.same(r.json(), first.json());
    t.equal(r.headers.etag, first.headers.etag);
    t.equal(r.headers['idempotent-replayed'], 'true');
  }
  const card = (await as(h, 'tok-recorder', 'GET', `${base}/scorecard`)).json();
  t.equal(card.execution.spent, '1200.00', 'recorded once');
  const reused = await as(h, 'tok-recorder', 'POST', `${base}/spending`, { ...body, amount: '999' }, key);
  t.equal(reused.statusCode, 422);
  t.equal(reused.json().rule, 'idempotency-key-reused');
  const concurrent = await Promise.all([1, 2, 3].map(() => as(h, 'tok-recorder', 'POST', `${base}/spending`, body, { 'idempotency-key': 'k2' })));
  t.same(concurrent.map((r) => r.statusCode), [200, 200, 200]);
  t.equal(new Set(concurrent.map((r) => r.body)).size, 1, 'concurrent retries share one answer');
  t.equal((await as(h, 'tok-recorder', 'GET', `${base}/scorecard`)).json().execution.spent, '2400.00');
});
