import t, { type Test } from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { declaredExample } from '../helpers/seed.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';

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

t.test('refusals name the field and the rule and write nothing', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  await refused(t, h, 'PUT', `${base}/targets`, { indicators: [{ ...targets.indicators[0], target: '≥ 约七次以上吧 5次 3个' }] }, { status: 400, field: 'indicators[0].target' });
  await refused(t, h, 'PUT', `${base}/targets`, { indicators: [{ ...targets.indicators[0], level1: '其他指标' }] }, { status: 400, field: 'indicators[0].level1' });
  await refused(t, h, 'PUT', `${base}/spending-plan`, { checkpoints: [{ month: 3, cumulativePercent: 40 }, { month: 6, cumulativePercent: 30 }] }, { status: 422, rule: 'plan-decreasing' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: '-3000', date: '2022-06-01' }, { status: 400, field: 'reason' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: 'abc', date: '2022-06-01' }, { status: 400, field: 'amount' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: '3000', date: '2022-02-30' }, { status: 400, field: 'date' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: '3000', date: '2022-08-01' }, { status: 422, rule: 'date-in-future' });
  await refused(t, h, 'POST', `${base}/spending`, { amount: '-3000', date: '2022-06-01', reason: '冲销' }, { status: 422, rule: 'spending-negative' });
  await refused(t, h, 'POST', `${base}/budget-adjustments`, { total: '60万元', reason: '追加', effectiveDate: '2022-06-01' }, { status: 400, field: 'approvalRef' });
  await refused(t, h, 'POST', `${base}/indicators/i9/actuals`, { value: 1, asOf: '2022-06-30' }, { status: 404, rule: 'indicator-unknown' });
  await refused(t, h, 'POST', `${base}/indicators/i7/actuals`, { value: '5次', asOf: '2022-06-30' }, { status: 400, field: 'value' });
  await refused(t, h, 'POST', `${base}/indicators/i3/actuals`, { value: '2022年8月5日', asOf: '2022-06-30' }, { status: 422, rule: 'date-in-future' });
  await refused(t, h, 'POST', `${base}/indicators/i1/revisions`, { target: '= 2 个', reason: '需求变化' }, { status: 400, field: 'approvalRef' });
  await refused(t, h, 'POST', `${base}/indicators/i2/assessment`, { grade: '部分达成', score: 9 }, { status: 422, rule: 'score-outside-band', detail: /\[6, 8\)/ });
  await refused(t, h, 'POST', `${base}/indicators/i2/assessment`, { grade: '优秀' }, { status: 400, field: 'grade' });
  await refused(t, h, 'POST', `${base}/indicators/i1/score-override`, { score: 11, reason: '专家意见' }, { status: 422, rule: 'score-above-points' });
  await refused(t, h, 'POST', `${base}/indicators/i1/score-override`, { score: 8 }, { status: 400, field: 'reason' });
  await refused(t, h, 'POST', `${base}/deviations`, { category: '天气', reason: 'x', measure: 'y' }, { status: 400, field: 'category' });
  await refused(t, h, 'POST', `${base}/evaluation/reopen`, { reason: '补充' }, { status: 422, rule: 'evaluation-not-submitted' });
  // A misspelt field is refused by name, never dropped.
  await refused(t, h, 'POST', `${base}/spending`, { amount: 100, date: '2022-06-01', nte: '差旅' }, { status: 400, field: 'body', detail: /nte/ });
  // An impossible time-zone offset would shift the day.
  await refused(t, h, 'POST', `${base}/spending`, { amount: 100, date: '2022-06-15T10:00+99:00' }, { status: 400, field: 'date' });
  // A revision changes the value, not the kind of target.
  await refused(t, h, 'POST', `${base}/indicators/i1/revisions`, { target: '五十万', reason: '调整', approvalRef: '财预〔2022〕5号' }, { status: 422, rule: 'target-kind-changed' });
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

t.test('the table may be replaced until something is recorded against it, then only revised', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  let res = await h.call('PUT', `${base}/targets`, targets);
  t.equal(res.statusCode, 200, 'replaced before any fact');
  res = await h.call('POST', `${base}/indicators/i1/actuals`, { value: 1, asOf: '2022-06-30' });
  t.equal(res.statusCode, 200);
  await refused(t, h, 'PUT', `${base}/targets`, targets, { status: 422, rule: 'targets-locked' });
  await refused(t, h, 'PUT', `${base}/spending-plan`, plan, { status: 400, field: 'reason' });
  res = await h.call('PUT', `${base}/spending-plan`, { ...plan, reason: '项目进度调整，财政局同意' });
  t.equal(res.statusCode, 200, 'a plan change with its reason');
  const history = (await h.call('GET', `${base}/history`)).json().entries;
  t.equal(history.at(-1).reason, '项目进度调整，财政局同意');
  res = await h.call('POST', `${base}/indicators/i1/revisions`, { target: '= 2 个', reason: '需求变化', approvalRef: '财预〔2022〕5号' });
  t.equal(res.statusCode, 200, res.body);
});

t.test('declared points that do not add up are refused with the sums shown', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  await h.call('POST', '/api/projects', register);
  const withPoints = targets.indicators.map((i) => ({ ...i, points: 10 }));
  const res = await h.call('PUT', `${base}/targets`, { indicators: withPoints });
  t.equal(res.statusCode, 422, res.body);
  t.equal(res.json().rule, 'points-sum');
  t.match(res.json().detail, /100/);
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
