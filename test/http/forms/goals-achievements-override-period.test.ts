import t from 'tap';
import { testApp } from '../../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

async function workedExample() {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  await h.call('POST', '/api/projects', register);
  await h.call('PUT', `${base}/targets`, targets);
  await h.call('PUT', `${base}/spending-plan`, plan);
  for (const [now, body] of spending) {
    h.setNow(now);
    await h.call('POST', `${base}/spending`, body);
  }
  h.setNow('2022-12-31T16:00:00');
  for (const [id, value] of [['i1', '1个'], ['i3', '2022-11-30'], ['i4', '45万元'], ['i5', '90%'], ['i7', '96%']]) {
    await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' });
  }
  await h.call('POST', `${base}/indicators/i2/assessment`, { grade: '达成' });
  await h.call('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成' });
  return h;
}

t.test('年度总体目标 revised with a reason and 实际完成情况 written by the user, each with its history', async (t) => {
  const h = await workedExample();
  t.teardown(h.close);

  // Nothing written yet: the form offers the generated summary, marked as a draft.
  let table = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.equal(table.goals.actualIsDraft, true);
  t.match(table.goals.actual, /^共 7 项指标：达成 4 项，部分达成 3 项/);
  t.ok(table.notes.some((n: string) => n.includes('尚未填写') && n.includes('草稿')));

  let res = await h.call('POST', `${base}/goals`, { annual: '建成黔南州政企服务平台并上线运行' });
  t.equal(res.statusCode, 400, 'a revision needs a reason');
  t.match(res.json().errors, [{ field: 'reason' }]);
  res = await h.call('POST', `${base}/goals`, { annual: '建成黔南州政企服务平台并上线运行', reason: '按州财政局审核意见细化目标' });
  t.equal(res.statusCode, 200, res.body);

  const text = '平台于2022年11月30日建成上线，累计服务企业1200余家；满意度96%，略低于目标。';
  res = await h.call('PUT', `${base}/achievements`, { text });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('PUT', `${base}/achievements`, { text: `${text}（已补充佐证）` });
  t.equal(res.statusCode, 400, 'replacing the text needs a reason');
  t.match(res.json().errors, [{ field: 'reason' }]);
  res = await h.call('PUT', `${base}/achievements`, { text: `${text}（已补充佐证）`, reason: '补充服务企业数佐证' });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('PUT', `${base}/achievements`, { text: 'x'.repeat(5001), reason: 'r' });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'text', message: /最多 5000 个字符/ }]);

  table = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.same(table.goals, { annual: '建成黔南州政企服务平台并上线运行', actual: `${text}（已补充佐证）`, actualIsDraft: false });
  t.equal(table.total, 88.8, 'the worked example still scores 88.80');

  const project = (await h.call('GET', `/api/projects/${PROJECT_ID}`)).json().project;
  t.match(project.goalsRevisions, [{ goals: { annual: '建成黔南州政企服务平台并上线运行' }, previous: { annual: '完成黔南州政企服务平台建设工作' }, reason: '按州财政局审核意见细化目标', actor: '张三' }]);
  t.match(project.achievements, { text: `${text}（已补充佐证）`, history: [{ text }, { text: `${text}（已补充佐证）`, previousText: text, reason: '补充服务企业数佐证' }] });
  const history = (await h.call('GET', `${base}/history`)).json().entries.map((e: { summary: string }) => e.summary);
  t.ok(history.some((s: string) => s.includes('修改实际完成情况') && s.includes('补充服务企业数佐证')));
});

t.test('an override of the execution score, with a reason, beside the computed one', async (t) => {
  const h = await workedExample();
  t.teardown(h.close);
  let res = await h.call('POST', `${base}/execution/score-override`, { score: 8 });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'reason' }]);
  res = await h.call('POST', `${base}/execution/score-override`, { score: 11, reason: '超出' });
  t.equal(res.statusCode, 422);
  t.match(res.json(), { rule: 'score-above-points', errors: [{ field: 'score', message: '应在 [0, 10] 内' }] });
  res = await h.call('POST', `${base}/execution/score-override`, { score: 8, reason: '年底集中支付，按评审意见扣 1 分' });
  t.equal(res.statusCode, 200, res.body);

  const card = (await h.call('GET', `${base}/scorecard`)).json();
  t.match(card.execution, { computedScore: 9, score: 8, override: { score: 8, reason: '年底集中支付，按评审意见扣 1 分', actor: '张三' } });
  t.equal(card.total, 87.8, '8 + 49 + 21 + 9.8');
  const table = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.equal(table.funding[0].score, 8);
  t.ok(table.notes.some((n: string) => n.startsWith('预算执行率得分经人工调整：计算得分 9.00，调整为 8.00')));
  // A correction is a new event: the later override counts, both stay in the history.
  t.equal((await h.call('POST', `${base}/execution/score-override`, { score: 9, reason: '复核后恢复' })).statusCode, 200);
  t.equal((await h.call('GET', `${base}/scorecard`)).json().total, 88.8);
  const history = (await h.call('GET', `${base}/history`)).json().entries.filter((e: { type: string }) => e.type === 'ExecutionScoreOverridden');
  t.equal(history.length, 2);
});

t.test('项目实施期 registered and shown; a reversed one is recorded and warned about', async (t) => {
  const h = await testApp({ now: '2021-03-01T09:00:00' });
  t.teardown(h.close);
  // Fixture 001 prints 项目支出实施期 "2021.1-2020.12": reversed.
  const body = { code: 'F15-PER', year: 2021, name: '基层商会专项经费', department: '会同县工商联', budget: { initial: '14万元' }, implementationPeriod: '2021.1-2020.12' };
  let res = await h.call('POST', '/api/projects', body);
  t.equal(res.statusCode, 201, res.body);
  const p = '/api/projects/F15-PER-2021';
  let project = (await h.call('GET', p)).json().project;
  t.match(project.implementationPeriod, { start: '2021-01-01', end: '2020-12-31', text: '2021.1-2020.12', warnings: [/起止颠倒/] });
  await h.call('PUT', `${p}/targets`, { indicators: [{ level1: '产出指标', level2: '数量指标', name: '培训', target: '≥1次' }] });
  let card = (await h.call('GET', `${p}/scorecard`)).json();
  t.ok(card.warnings.some((w: string) => w.includes('起止颠倒')), 'the scorecard warns');

  res = await h.call('PUT', `${p}/implementation-period`, { period: '2021年1月至2021年12月' });
  t.equal(res.statusCode, 400, 'changing it needs a reason');
  res = await h.call('PUT', `${p}/implementation-period`, { period: '2021年1月至2021年12月', reason: '原表笔误' });
  t.equal(res.statusCode, 200, res.body);
  project = (await h.call('GET', p)).json().project;
  t.match(project.implementationPeriod, { start: '2021-01-01', end: '2021-12-31', warnings: [] });
  card = (await h.call('GET', `${p}/scorecard`)).json();
  t.notOk(card.warnings.some((w: string) => w.includes('实施期')));
  const table = (await h.call('GET', `${p}/self-evaluation`)).json();
  t.equal(table.header.implementationPeriod, '2021-01-01 至 2021-12-31');

  res = await h.call('PUT', `${p}/implementation-period`, { period: { start: '2010-01-01', end: '2030-12-31' }, reason: '试' });
  t.equal(res.statusCode, 200);
  t.match((await h.call('GET', p)).json().project.implementationPeriod.warnings, [/超过 10 年/]);
  res = await h.call('PUT', `${p}/implementation-period`, { period: '明年', reason: '试' });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'period', message: /无法识别的项目实施期 "明年"/ }]);
});
