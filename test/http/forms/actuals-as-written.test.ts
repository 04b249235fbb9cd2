import t from 'tap';
import { testApp } from '../../helpers/test-app.js';

/** A project whose table writes its actuals the way published 自评表 do (issue 15, point 3). */
const register = {
  code: 'F15-ACT',
  year: 2022,
  name: '农田水利设施维护',
  department: '某县农业农村局',
  budget: { initial: '100万元' },
};
const targets = {
  indicators: [
    { key: 'invest', level1: '产出指标', level2: '成本指标', name: '完成投资', target: '≥80万元' },
    { key: 'cap', level1: '产出指标', level2: '成本指标', name: '维护费用', target: '≤90万元' },
    { key: 'canal', level1: '产出指标', level2: '数量指标', name: '新建渠道长度', target: '≥260米' },
    { key: 'perMu', level1: '产出指标', level2: '成本指标', name: '亩均补助', target: '≥300元/亩' },
    { key: 'na', level1: '产出指标', level2: '质量指标', name: '工程验收合格率', target: '/' },
    { key: 'effect', level1: '效益指标', level2: '社会效益指标', name: '农业生产条件', target: '有效改善' },
    { key: 'vague', level1: '效益指标', level2: '可持续影响指标', name: '长效管护机制', target: '逐步建立' },
    { key: 'sat', level1: '满意度指标', level2: '服务对象满意度指标', name: '受益群众满意度', target: '≥90%' },
  ],
};

t.test('actuals written as tables write them are read right, scored right, and say how they were read', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  const base = '/api/projects/F15-ACT-2022';
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h.call('PUT', `${base}/targets`, targets)).statusCode, 200);
  const record = (id: string, value: string | number) => h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' });

  // "90" under ≥80万元 is 90 万元 (it was stored as 90 元: 0.01 %, score 0).
  let res = await record('invest', '90');
  t.equal(res.statusCode, 200, res.body);
  // 85 万元 under ≤90万元 (it was 85 元: 1,000,000 %).
  t.equal((await record('cap', 850000 / 10000)).statusCode, 200);
  t.equal((await record('canal', '≥266米')).statusCode, 200);
  t.equal((await record('perMu', '每亩300元')).statusCode, 200);
  t.equal((await record('effect', '显著提升')).statusCode, 200);
  t.equal((await record('sat', '≥90%')).statusCode, 200);

  res = await record('vague', '正在推进');
  t.equal(res.statusCode, 400, res.body);
  t.match(res.json(), { errors: [{ field: 'value', message: /不是评价等级，也未说明是否达成.*请评定等级（assessment）/ }] }, 'anything else asks for an assessment');
  res = await record('na', '100%');
  t.equal(res.statusCode, 422, res.body);
  t.equal(res.json().rule, 'indicator-not-applicable');
  res = await record('invest', '90次');
  t.equal(res.statusCode, 400);
  t.match(res.json().errors[0].message, /单位 "次" 与目标 "≥ 800000.00 元" 的单位 "万元" 不符/);

  res = await h.call('GET', `${base}/scorecard`);
  t.equal(res.statusCode, 200, res.body);
  const card = res.json();
  const row = (id: string) => card.indicators.find((i: { id: string }) => i.id === id);
  // 产出 50 over 4 applicable rows (the `/` row gives its share back): 12.5 each.
  t.same(
    ['invest', 'cap', 'canal', 'perMu', 'na'].map((id) => [id, row(id).points, row(id).score]),
    [['invest', 12.5, 12.5], ['cap', 12.5, 12.5], ['canal', 12.5, 12.5], ['perMu', 12.5, 12.5], ['na', 0, 0]],
  );
  t.equal(row('invest').achievementPercent, 112.5, '90 万元 of 80 万元');
  t.match(row('invest').actualReading, /"90" 未写单位，按目标单位万元计/);
  t.equal(row('cap').achievementPercent, 105.88, '90 / 85');
  t.equal(row('canal').actual, '≥266米');
  t.match(row('canal').actualReading, /按 "≥" 所附数值计/);
  t.equal(row('canal').achievementPercent, 102.31);
  t.equal(row('na').status, 'notApplicable');
  t.match(row('na').notApplicable, /不适用：不计分/);
  t.equal(row('na').needsExplanation, false);
  t.equal(row('effect').score, 15, '显著提升 reads as 达成: full 15 of 效益 30 over 2');
  t.match(row('effect').actualReading, /读作 达成/);
  t.equal(row('vague').status, 'pending');
  t.equal(row('sat').score, 10);
  // 0 execution + 50 + 15 + 10
  t.equal(card.total, 75);
});
