import t, { type Test } from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { declaredExample } from '../helpers/seed.js';
import { PROJECT_ID, plan, register } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

const declared = (): Promise<TestApp> => declaredExample();

const revisionOf = async (h: TestApp): Promise<number> => (await h.call('GET', base)).json().project.revision;

/** Sends a command that must be refused and checks that no event was written. */
async function refused(
  t: Test,
  h: TestApp,
  method: 'POST' | 'PUT',
  url: string,
  body: unknown,
  expect: { status: number; field?: string; rule?: string; detail?: RegExp },
  headers?: Record<string, string>,
): Promise<void> {
  const before = await revisionOf(h);
  const res = await h.call(method, url, body, headers);
  t.equal(res.statusCode, expect.status, res.body);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  const p = res.json();
  if (expect.field) t.ok(p.errors.some((e: { field: string }) => e.field === expect.field), `names ${expect.field}: ${res.body}`);
  if (expect.rule) t.equal(p.rule, expect.rule);
  if (expect.detail) t.match(p.detail, expect.detail);
  t.equal(await revisionOf(h), before, 'the revision is unchanged');
}

t.test('registering twice is a 409', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  const res = await h.call('POST', '/api/projects', register);
  t.equal(res.statusCode, 409);
  t.equal(res.json().rule, 'project-exists');
});

t.test('a register body with a bad budget names the field', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const res = await h.call('POST', '/api/projects', { ...register, budget: { initial: '五十万' } });
  t.equal(res.statusCode, 400, res.body);
  t.equal(res.json().errors[0].field, 'budget.initial');
  const missing = await h.call('POST', '/api/projects', { ...register, year: '2022年' });
  t.equal(missing.statusCode, 400);
  t.equal(missing.json().errors[0].field, 'year');
});

/**
 * How refusals reach a client: the body's schema (400, the field as a path), and a sample of the
 * decisions' refusals (400 field, 404, 422 rule and detail) as problem+json, nothing written. The
 * decisions' rules themselves are specified in test/decisions/.
 */
t.test('refusals name the field and the rule and write nothing', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  await refused(t, h, 'PUT', `${base}/spending-plan`, { checkpoints: [{ month: 3, cumulativePercent: 40 }, { month: 6, cumulativePercent: 30 }] }, { status: 422, rule: 'plan-decreasing' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: 'abc', date: '2022-06-01' }, { status: 400, field: 'amount' });
  await refused(t, h, 'POST', `${base}/budget-adjustments`, { total: '60万元', reason: '追加', effectiveDate: '2022-06-01' }, { status: 400, field: 'approvalRef' });
  await refused(t, h, 'POST', `${base}/indicators/i9/actuals`, { value: 1, asOf: '2022-06-30' }, { status: 404, rule: 'indicator-unknown' });
  await refused(t, h, 'POST', `${base}/indicators/i1/revisions`, { target: '= 2 个', reason: '需求变化' }, { status: 400, field: 'approvalRef' });
  await refused(t, h, 'POST', `${base}/indicators/i2/assessment`, { grade: '部分达成', score: 9 }, { status: 422, rule: 'score-outside-band', detail: /\[6, 8\)/ });
  await refused(t, h, 'POST', `${base}/indicators/i2/assessment`, { grade: '优秀' }, { status: 400, field: 'grade' });
  await refused(t, h, 'POST', `${base}/indicators/i1/score-override`, { score: 8 }, { status: 400, field: 'reason' });
  await refused(t, h, 'POST', `${base}/deviations`, { category: '天气', reason: 'x', measure: 'y' }, { status: 400, field: 'category' });
  // A misspelt field is refused by name, never dropped.
  await refused(t, h, 'POST', `${base}/spending`, { amount: 100, date: '2022-06-01', nte: '差旅' }, { status: 400, field: 'body', detail: /nte/ });
});

t.test('If-Match: a stale revision is a 412, the current one is accepted', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  const current = await revisionOf(h);
  await refused(t, h, 'POST', `${base}/spending`, { amount: 1000, date: '2022-06-01' }, { status: 412, rule: 'stale-revision' }, { 'if-match': `"${current - 1}"` });
  const res = await h.call('POST', `${base}/spending`, { amount: 1000, date: '2022-06-01' }, { 'if-match': `"${current}"` });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.headers.etag, `"${current + 1}"`);
});

t.test('the reason of a plan change reaches the history', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  let res = await h.call('POST', `${base}/indicators/i1/actuals`, { value: 1, asOf: '2022-06-30' });
  t.equal(res.statusCode, 200);
  res = await h.call('PUT', `${base}/spending-plan`, { ...plan, reason: '项目进度调整，财政局同意' });
  t.equal(res.statusCode, 200, 'a plan change with its reason');
  const history = (await h.call('GET', `${base}/history`)).json().entries;
  t.equal(history.at(-1).reason, '项目进度调整，财政局同意');
});

t.test('concurrent commands on one project: one wins, the other is a reported conflict', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  const current = await revisionOf(h);
  const results = await Promise.all(
    [1, 2, 3].map((n) => h.call('POST', `${base}/spending`, { amount: n * 100, date: '2022-06-01' }, { 'if-match': `"${current}"` })),
  );
  const codes = results.map((r) => r.statusCode).sort();
  t.same(codes, [200, 412, 412]);
  t.equal(await revisionOf(h), current + 1);
});

t.test('unknown project: 404 problem', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const res = await h.call('POST', '/api/projects/X1-2022/spending', { amount: 1, date: '2022-01-01' });
  t.equal(res.statusCode, 404);
  t.equal(res.json().rule, 'project-unknown');
});

t.test('a body that is not JSON, empty, or of another type is refused in words, with the field', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const cases: [string, string, number, RegExp][] = [
    ['application/json', '{"code":', 400, /不是有效的 JSON/],
    ['application/json', '', 400, /请求体为空/],
    ['text/xml', '<project/>', 415, /Content-Type/],
  ];
  for (const [type, payload, status, detail] of cases) {
    const res = await h.app.inject({ method: 'POST', url: '/api/projects', headers: { 'content-type': type }, payload });
    t.equal(res.statusCode, status, type);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.json().detail, detail);
    t.equal(res.json().errors[0].field, 'body');
  }
  t.same((await h.call('GET', '/api/projects')).json().projects, [], 'nothing written');
});
