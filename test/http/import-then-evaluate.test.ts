import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { plan, spending } from '../helpers/worked-example.js';

/**
 * A user's year, starting from the published table: import fixture 000, set the budget the table
 * lacks, record the year of domain.md §7, and get its score.
 */
t.test('import fixture 000, then record the worked example: 88.80 良', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  const department = encodeURIComponent('黔南州工商业联合会');
  const imported = await h.app.inject({
    method: 'POST',
    url: `/api/import?fileName=000.txt&year=2022&department=${department}`,
    headers: { 'content-type': 'text/plain', 'x-actor': encodeURIComponent('张三') },
    payload: readFileSync(join(import.meta.dirname, '..', 'fixtures', '000_154af7783c30a653.txt')),
  });
  t.equal(imported.statusCode, 200, imported.body);
  const id = '52270022P00430210142W-2022';
  const base = `/api/projects/${id}`;
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
    const res = await h.call(method, url, body);
    t.ok(res.statusCode < 300, `${url}: ${res.body}`);
  };

  const project = (await h.call('GET', base)).json().project;
  t.same(
    project.indicators.map((i: { id: string; level2: string }) => [i.id, i.level2]),
    [['i1', '数量指标'], ['i2', '质量指标'], ['i3', '时效指标'], ['i4', '成本指标'], ['i5', '成本指标'], ['i6', '社会效益指标'], ['i7', '满意度指标']],
  );
  await ok('POST', `${base}/budget-adjustments`, { total: '50万元', reason: '预算批复', approvalRef: '黔南财预〔2022〕1号', effectiveDate: '2022-01-01' });
  await ok('PUT', `${base}/spending-plan`, plan);
  for (const [now, body] of spending) {
    h.setNow(now);
    await ok('POST', `${base}/spending`, body);
  }
  h.setNow('2022-12-31T16:00:00');
  for (const [indicator, value] of [['i1', '1个'], ['i3', '2022-11-30'], ['i4', '45万元'], ['i5', '90%'], ['i7', '96%']]) {
    await ok('POST', `${base}/indicators/${indicator}/actuals`, { value, asOf: '2022-12-31' });
  }
  await ok('POST', `${base}/indicators/i2/assessment`, { grade: '达成' });
  await ok('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成' });

  const card = (await h.call('GET', `${base}/scorecard`)).json();
  t.equal(card.total, 88.8);
  t.equal(card.grade, '良');
  t.same(card.indicators.map((i: { score: number }) => i.score), [10, 10, 10, 10, 9, 21, 9.8]);
  t.equal(card.execution.budget, '500000.00');
  t.equal(card.execution.initialBudget, '0.00', 'the table had no budget: the adjustment set it');
});
