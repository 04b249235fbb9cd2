import t from 'tap';
import { testApp } from '../../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

t.test('as of the year\'s last day, judgments recorded at evaluation in January count', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);
  await h.call('POST', '/api/projects', register);
  await h.call('PUT', `${base}/targets`, targets);
  await h.call('PUT', `${base}/spending-plan`, plan);
  for (const [now, body] of spending) {
    h.setNow(now);
    await h.call('POST', `${base}/spending`, body);
  }
  h.setNow('2022-12-31T16:00:00');
  for (const [id, value] of [['i1', '1个'], ['i3', '2022-11-30'], ['i4', '45万元'], ['i5', '90%'], ['i7', '96%']]) {
    t.equal((await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' })).statusCode, 200);
  }
  // The evaluation is written in January: the grades, an override and a deviation record.
  h.setNow('2023-01-12T10:00:00');
  t.equal((await h.call('POST', `${base}/indicators/i2/assessment`, { grade: '达成' })).statusCode, 200);
  t.equal((await h.call('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成' })).statusCode, 200);
  t.equal((await h.call('POST', `${base}/indicators/i7/score-override`, { score: 9, reason: '满意度调查样本不足，酌情扣分' })).statusCode, 200);
  const deviation = { indicatorId: 'i5', category: '其他', reason: '部分合同尾款未结算', measure: '加快结算' };
  t.equal((await h.call('POST', `${base}/deviations`, deviation)).statusCode, 200);

  const now = (await h.call('GET', `${base}/scorecard`)).json();
  t.equal(now.total, 88, 'today: 9 + 49 + 21 + 9 (overridden)');
  const yearEnd = (await h.call('GET', `${base}/scorecard?asOf=2022-12-31`)).json();
  t.equal(yearEnd.total, 88, 'as of 2022-12-31 the January judgments count: the same 88.00 as the 自评表');
  t.equal(yearEnd.grade, '良');
  t.same(
    yearEnd.indicators.map((i: { id: string; score: number }) => [i.id, i.score]),
    [['i1', 10], ['i2', 10], ['i3', 10], ['i4', 10], ['i5', 9], ['i6', 21], ['i7', 9]],
  );
  t.equal(yearEnd.indicators.find((i: { id: string }) => i.id === 'i5').explained, true, 'the January deviation record counts');

  const table = (await h.call('GET', `${base}/self-evaluation?asOf=2022-12-31`)).json();
  t.equal(table.total, 88, 'the 自评表 as of the last day agrees');

  const before = (await h.call('GET', `${base}/scorecard?asOf=2022-12-30`)).json();
  t.equal(before.indicators.find((i: { id: string }) => i.id === 'i6').status, 'pending', 'before the last day they do not: a grade is a judgment about the year');
  t.equal(before.indicators.find((i: { id: string }) => i.id === 'i7').override, undefined);

  const knownAtYearEnd = (await h.call('GET', `${base}/scorecard?knownAt=2022-12-31`)).json();
  t.equal(knownAtYearEnd.indicators.find((i: { id: string }) => i.id === 'i6').status, 'pending', 'knownAt still asks what had been recorded by then');
});
