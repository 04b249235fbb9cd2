import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

/** A small project with a meeting count target, revised mid-year by a reviewer. */
async function scenario() {
  const h = await testApp({ now: '2022-01-05T09:00:00' });
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown, actor = '张三') => {
    const res = await h.call(method, url, body, { 'x-actor': encodeURIComponent(actor) });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
    return res.json();
  };
  await ok('POST', '/api/projects', register);
  await ok('PUT', `${base}/targets`, {
    indicators: [
      { key: 'meetings', level1: '产出指标', level2: '数量指标', name: '召开领导小组会议', target: '=2次' },
      { key: 'satisfaction', level1: '满意度指标', level2: '满意度指标', name: '满意度', target: '≥90%', standard: '历史标准', reference: '85%' },
    ],
  });
  await ok('PUT', `${base}/spending-plan`, plan);
  h.setNow('2022-07-10T15:00:00'); // entered late: paid on 28 June
  await ok('POST', `${base}/spending`, { amount: '15万元', date: '2022-06-28' });
  h.setNow('2022-08-01T10:00:00');
  await ok('POST', `${base}/indicators/meetings/actuals`, { value: '2次', asOf: '2022-07-31' });
  await ok('POST', `${base}/indicators/satisfaction/actuals`, { value: '93%', asOf: '2022-07-31' });
  h.setNow('2022-09-15T11:00:00');
  const revised = await ok(
    'POST',
    `${base}/indicators/meetings/revisions`,
    { target: '=3次', reason: '领导小组增设专题会议', approvalRef: '财预〔2022〕5号' },
    '王审核',
  );
  h.setNow('2022-12-31T18:00:00');
  return { h, revisedAt: revised.revision as number };
}

t.test('a target revised mid-year: both values, who approved it, and the score before and after', async (t) => {
  const { h, revisedAt } = await scenario();
  t.teardown(h.close);
  const meetings = (card: { indicators: { id: string }[] }) => card.indicators.find((i) => i.id === 'meetings') as Record<string, unknown>;

  const now = (await h.call('GET', `${base}/scorecard`)).json();
  t.equal(meetings(now).target, '=3次');
  t.equal(meetings(now).originalTarget, '=2次');
  t.equal(meetings(now).score, 33.33, '2 of 3 meetings: 50 × 2/3');

  const before = (await h.call('GET', `${base}/scorecard?knownAt=2022-09-01`)).json();
  t.equal(meetings(before).target, '=2次');
  t.equal(meetings(before).score, 50, 'what the system said on 1 September');
  const atRevision = (await h.call('GET', `${base}/scorecard?revision=${revisedAt - 1}`)).json();
  t.equal(meetings(atRevision).score, 50);

  const history = (await h.call('GET', `${base}/history`)).json().entries;
  const revision = history.find((e: { type: string }) => e.type === 'TargetRevised');
  t.equal(revision.summary, '王审核 将「召开领导小组会议」目标由 =2次 调整为 =3次，依据 财预〔2022〕5号');
  t.equal(revision.actor, '王审核');
  t.equal(revision.reason, '领导小组增设专题会议');
  t.match(revision.recordedAt, /^2022-09-15T11:00:00/);

  const state = (await h.call('GET', base)).json().project;
  const indicator = state.indicators.find((i: { id: string }) => i.id === 'meetings');
  t.equal(indicator.originalTargetText, '=2次');
  t.equal(indicator.revisions[0].approvalRef, '财预〔2022〕5号');

  const diff = (await h.call('GET', `${base}/diff?from=${revisedAt - 1}&to=${revisedAt}`)).json();
  t.equal(diff.changes.changed, true);
  t.same(diff.changes.targets.map((c: { from: string; to: string }) => [c.from, c.to]), [['=2次', '=3次']]);
  t.ok(diff.changes.scores.total, 'the total changed too');

  const history09 = (await h.call('GET', `${base}/history?from=2022-09-01&to=2022-09-30`)).json().entries;
  t.same(history09.map((e: { type: string }) => e.type), ['TargetRevised']);
});

t.test('two clocks: asOf is business time, knownAt is record time', async (t) => {
  const { h } = await scenario();
  t.teardown(h.close);
  // Paid on 28 June, recorded on 10 July.
  const asOf = (await h.call('GET', `${base}/monitoring?asOf=2022-06-30`)).json();
  t.equal(asOf.execution.spent, '150000.00', 'asOf 6月底: the payment dated 28 June counts');
  t.equal(asOf.execution.ratio, 100);
  const knownAt = (await h.call('GET', `${base}/monitoring?knownAt=2022-06-30`)).json();
  t.equal(knownAt.execution.spent, '0.00', 'knownAt 30 June: nothing had been recorded yet');
  const stateAsOf = (await h.call('GET', `${base}?asOf=2022-06-30`)).json();
  t.equal(stateAsOf.project.spending.length, 1);
  t.equal(stateAsOf.project.indicators[0].actuals.length, 0, 'the actual as of 31 July is not yet effective');
  const bad = await h.call('GET', `${base}?asOf=2022-06-31`);
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().errors[0].field, 'asOf');
  const both = await h.call('GET', `${base}?asOf=2022-06-30&revision=2`);
  t.equal(both.statusCode, 400);
  const early = await h.call('GET', `${base}?knownAt=2021-12-31`);
  t.equal(early.statusCode, 404, 'not registered at that point');
});

t.test('a declared standard with a reference figure shows target and actual against it', async (t) => {
  const { h } = await scenario();
  t.teardown(h.close);
  const card = (await h.call('GET', `${base}/scorecard`)).json();
  const s = card.indicators.find((i: { id: string }) => i.id === 'satisfaction');
  t.equal(s.standard, '历史标准');
  t.equal(s.reference.text, '85%');
  t.equal(s.reference.targetVsReferencePercent, 105.88);
  t.equal(s.reference.actualVsReferencePercent, 109.41);
});

t.test('the self-evaluation table in every format, and the project list filters', async (t) => {
  const { h } = await scenario();
  t.teardown(h.close);
  const json = await h.call('GET', `${base}/self-evaluation`);
  t.equal(json.statusCode, 200);
  t.equal(json.json().header.name ?? json.json().header.projectName, register.name);
  const csv = await h.call('GET', `${base}/self-evaluation?format=csv`);
  t.match(csv.headers['content-type'], /text\/csv/);
  t.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
  const xlsx = await h.call('GET', `${base}/self-evaluation?format=xlsx`);
  t.match(xlsx.headers['content-type'], /spreadsheetml/);
  t.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const html = await h.call('GET', `${base}/self-evaluation?format=html`);
  t.match(html.body, /项目支出绩效自评表/);
  t.match(html.body, /@page/);

  const list = (await h.call('GET', `/api/projects?department=${encodeURIComponent(register.department)}&year=2022`)).json().projects;
  t.equal(list.length, 1);
  t.equal(list[0].id, PROJECT_ID);
  t.type(list[0].total, 'number');
  t.equal(list[0].executionPercent, 30);
  const other = (await h.call('GET', '/api/projects?year=2021')).json().projects;
  t.same(other, []);
  const colour = list[0].colour;
  t.equal((await h.call('GET', `/api/projects?colour=${colour}`)).json().projects.length, 1);
  const bad = await h.call('GET', '/api/projects?colour=purple');
  t.equal(bad.statusCode, 400);
});
