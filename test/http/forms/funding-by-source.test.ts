import t from 'tap';
import { testApp } from '../../helpers/test-app.js';

const register = {
  code: 'F15-SRC',
  year: 2022,
  name: '商会服务能力提升',
  department: '某市工商业联合会',
  budget: {
    initial: '50万元',
    sources: [
      { name: '财政拨款', amount: '40万元' },
      { name: '上年结转', amount: '5万元' },
      { name: '其他资金', amount: '5万元' },
    ],
  },
};
const targets = { indicators: [{ level1: '产出指标', level2: '数量指标', name: '培训场次', target: '≥4次' }] };

t.test('a budget by source: adjusted per source, spending against a source, execution per source and the score on the total', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  const base = '/api/projects/F15-SRC-2022';
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  t.equal((await h.call('PUT', `${base}/targets`, targets)).statusCode, 200);

  t.equal((await h.call('POST', `${base}/spending`, { amount: '30万元', date: '2022-06-30' })).statusCode, 200, 'default: the first source');
  t.equal((await h.call('POST', `${base}/spending`, { amount: '4万元', date: '2022-07-30', source: '上年结转' })).statusCode, 200);
  t.equal((await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-08-30', source: '其他资金' })).statusCode, 200);

  let res = await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-08-30', source: '自筹资金' });
  t.equal(res.statusCode, 422);
  t.match(res.json(), { rule: 'source-unknown', errors: [{ field: 'source', message: /财政拨款、上年结转、其他资金/ }] });
  res = await h.call('POST', `${base}/spending`, { amount: '-2万元', date: '2022-08-31', source: '其他资金', reason: '退回' });
  t.equal(res.statusCode, 422, 'a correction cannot make a source negative');

  const adjust = { total: '60万元', reason: '追加培训经费', approvalRef: '财预〔2022〕12号', effectiveDate: '2022-09-01' };
  res = await h.call('POST', `${base}/budget-adjustments`, { ...adjust, sources: [{ name: '财政拨款', amount: '45万元' }] });
  t.equal(res.statusCode, 422, 'sources must add up to the total');
  t.match(res.json().errors[0], { field: 'sources', message: '财政拨款 450000.00 + 上年结转 50000.00 + 其他资金 50000.00 = 550000.00 元，应为 600000.00 元' });
  res = await h.call('POST', `${base}/budget-adjustments`, { ...adjust, sources: [{ name: '财政拨款', amount: '50万元' }] });
  t.equal(res.statusCode, 200, res.body);
  t.equal((await h.call('POST', `${base}/spending`, { amount: '15万元', date: '2022-12-20', source: '财政拨款' })).statusCode, 200);

  const card = (await h.call('GET', `${base}/scorecard`)).json();
  t.same(card.execution.sources, [
    { name: '财政拨款', initialBudget: '400000.00', budget: '500000.00', spent: '450000.00', ratePercent: 90 },
    { name: '上年结转', initialBudget: '50000.00', budget: '50000.00', spent: '40000.00', ratePercent: 80 },
    { name: '其他资金', initialBudget: '50000.00', budget: '50000.00', spent: '10000.00', ratePercent: 20 },
  ]);
  t.equal(card.execution.spent, '500000.00');
  t.equal(card.execution.ratePercent, 83.33, '50 / 60 万元 on the total');
  t.equal(card.execution.score, 8.33);

  const table = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.same(
    table.funding.map((f: { label: string; initialBudget: number; budget: number; spent: number; points: number | null; ratePercent: number | null; score: number | null }) => [f.label, f.initialBudget, f.budget, f.spent, f.points, f.ratePercent, f.score]),
    [
      ['年度资金总额', 500000, 600000, 500000, 10, 83.33, 8.33],
      ['财政拨款', 400000, 500000, 450000, null, 90, null],
      ['上年结转', 50000, 50000, 40000, null, 80, null],
      ['其他资金', 50000, 50000, 10000, null, 20, null],
    ],
  );
  const csv = (await h.call('GET', `${base}/self-evaluation?format=csv`)).body;
  t.match(csv, ',其中：财政拨款,,400000.00,500000.00,450000.00,,90.00,', 'the form prints 其中： before the first source');

  // Without a split, the difference goes to the first source.
  res = await h.call('POST', `${base}/budget-adjustments`, { ...adjust, total: '58万元', reason: '压减', effectiveDate: '2022-10-01' });
  t.equal(res.statusCode, 200, res.body);
  const after = (await h.call('GET', `${base}/scorecard`)).json();
  t.equal(after.execution.sources[0].budget, '480000.00');
});
