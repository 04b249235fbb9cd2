import t from 'tap';
import { testApp } from '../../helpers/test-app.js';

/** A published form whose indicator points alone add up to 100 (产出 50 / 效益 30 / 满意度 20). */
const indicators = [
  { key: 'n', level1: '产出指标', level2: '数量指标', name: '举办培训班', target: '=4期', points: 20 },
  { key: 'q', level1: '产出指标', level2: '质量指标', name: '培训合格率', target: '≥95%', points: 30 },
  { key: 'b', level1: '效益指标', level2: '社会效益指标', name: '企业经营能力', target: '有效提升', points: 30 },
  { key: 's', level1: '满意度指标', level2: '服务对象满意度指标', name: '参训人员满意度', target: '≥90%', points: 20 },
];
const register = (code: string, policy?: object) => ({
  code,
  year: 2022,
  name: '民营企业家培训',
  department: '某市工商业联合会',
  budget: { initial: '20万元' },
  ...(policy ? { policy } : {}),
});

t.test('a table whose indicator points plus execution exceed 100 is refused with the sums and the option named', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  t.equal((await h.call('POST', '/api/projects', register('F15-P1'))).statusCode, 201);
  const res = await h.call('PUT', '/api/projects/F15-P1-2022/targets', { indicators });
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'points-sum');
  t.match(res.json().detail, /预算执行率 10 \+ 产出 50 \+ 效益 30 \+ 满意度 20 = 110，应为 100.*policy\.executionPoints = "inOutput"/);
});

t.test('policy executionPoints inOutput: execution inside 产出, whose indicators share the rest; = exceeded by 30 % asks for an explanation', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  const base = '/api/projects/F15-P2-2022';
  t.equal((await h.call('POST', '/api/projects', register('F15-P2', { executionPoints: 'inOutput' }))).statusCode, 201);
  let res = await h.call('PUT', `${base}/targets`, { indicators });
  t.equal(res.statusCode, 200, res.body);
  await h.call('POST', `${base}/spending`, { amount: '18万元', date: '2022-12-20' });
  for (const [id, value] of [['n', '6期'], ['q', '96%'], ['b', '有效提升'], ['s', '92%']]) {
    t.equal((await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' })).statusCode, 200);
  }
  const card = (await h.call('GET', `${base}/scorecard`)).json();
  t.same(card.weights, { execution: 10, output: 40, cost: 0, benefit: 30, satisfaction: 20 });
  t.same(card.indicators.map((i: { id: string; points: number; score: number }) => [i.id, i.points, i.score]), [['n', 16, 16], ['q', 24, 24], ['b', 30, 30], ['s', 20, 20]]);
  t.equal(card.execution.score, 9, '18 / 20 万元 of 10');
  t.equal(card.total, 99);
  const n = card.indicators[0];
  t.equal(n.achievementPercent, 150);
  t.equal(n.needsExplanation, true, '6期 against = 4期 is 150 %: the target may have been set too low');
  t.equal(n.explanationReason, '超额完成（≥130%）');
  res = await h.call('POST', `${base}/evaluation/submit`, {});
  t.equal(res.statusCode, 422);
  t.same(res.json().errors.map((e: { field: string }) => e.field), ['indicators.n']);
});

t.test('policy executionPoints none: execution weighs 0 and the indicators make the 100', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  const base = '/api/projects/F15-P3-2022';
  t.equal((await h.call('POST', '/api/projects', register('F15-P3', { executionPoints: 'none' }))).statusCode, 201);
  t.equal((await h.call('PUT', `${base}/targets`, { indicators })).statusCode, 200);
  await h.call('POST', `${base}/spending`, { amount: '18万元', date: '2022-12-20' });
  for (const [id, value] of [['n', '4期'], ['q', '95%'], ['b', '有效提升'], ['s', '81%']]) {
    await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' });
  }
  const card = (await h.call('GET', `${base}/scorecard`)).json();
  t.equal(card.execution.points, 0);
  t.equal(card.execution.score, 0);
  t.equal(card.total, 98, '20 + 30 + 30 + 20 × 81/90');
});
