import t from 'tap';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

t.test('the worked example of domain.md §7, recorded over HTTP, scores 88.80 良', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);

  let res = await h.call('POST', '/api/projects', register);
  t.equal(res.statusCode, 201, res.body);
  t.same(res.json(), { id: PROJECT_ID, revision: 0 });
  t.equal(res.headers.etag, '"0"');

  res = await h.call('PUT', `${base}/targets`, targets);
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('PUT', `${base}/spending-plan`, plan);
  t.equal(res.statusCode, 200, res.body);

  for (const [now, body] of spending) {
    h.setNow(now);
    res = await h.call('POST', `${base}/spending`, body);
    t.equal(res.statusCode, 200, res.body);
  }

  h.setNow('2022-12-31T16:00:00');
  const actuals: [string, string][] = [
    ['i1', '1个'],
    ['i3', '2022-11-30'],
    ['i4', '45万元'],
    ['i5', '90%'],
    ['i7', '96%'],
  ];
  for (const [id, value] of actuals) {
    res = await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' });
    t.equal(res.statusCode, 200, `${id}: ${res.body}`);
  }
  res = await h.call('POST', `${base}/indicators/i2/assessment`, { grade: '达成' });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成', comment: '组织保障作用初步显现' });
  t.equal(res.statusCode, 200, res.body);

  res = await h.call('GET', `${base}/scorecard`);
  t.equal(res.statusCode, 200, res.body);
  const card = res.json();
  t.equal(card.total, 88.8);
  t.equal(card.grade, '良');
  t.equal(card.execution.budget, '500000.00');
  t.equal(card.execution.spent, '450000.00');
  t.equal(card.execution.ratePercent, 90);
  t.equal(card.execution.score, 9);
  t.same(
    card.indicators.map((i: { id: string; score: number }) => [i.id, i.score]),
    [
      ['i1', 10],
      ['i2', 10],
      ['i3', 10],
      ['i4', 10],
      ['i5', 9],
      ['i6', 21],
      ['i7', 9.8],
    ],
  );

  res = await h.call('GET', `${base}/monitoring?asOf=2022-06-30`);
  t.equal(res.statusCode, 200, res.body);
  const june = res.json();
  t.equal(june.execution.actualPercent, 24);
  t.equal(june.execution.plannedPercent, 30);
  t.equal(june.execution.ratio, 80);
  t.equal(june.execution.colour, 'green');
  res = await h.call('GET', `${base}/monitoring?asOf=2022-10-31`);
  const october = res.json();
  t.equal(october.execution.actualPercent, 60);
  t.equal(october.execution.colour, 'green');

  // Submission lists each gap: i5 (90%), i6 (部分达成), i7 (96%) lack deviation records.
  res = await h.call('POST', `${base}/evaluation/submit`, {});
  t.equal(res.statusCode, 422, res.body);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.same(
    res.json().errors.map((e: { field: string }) => e.field),
    ['indicators.i5', 'indicators.i6', 'indicators.i7'],
  );
  for (const indicatorId of ['i5', 'i6', 'i7']) {
    res = await h.call('POST', `${base}/deviations`, {
      indicatorId,
      category: '其他',
      reason: '部分工作未按计划完成',
      measure: '下年度加强进度管理',
      likelihood: '有可能',
    });
    t.equal(res.statusCode, 200, res.body);
  }
  res = await h.call('POST', `${base}/evaluation/submit`, {});
  t.equal(res.statusCode, 200, res.body);
  const submittedAt = res.json().revision;

  res = await h.call('POST', `${base}/spending`, { amount: 100, date: '2022-12-31' });
  t.equal(res.statusCode, 422, 'a submitted evaluation refuses other commands');
  t.equal(res.json().rule, 'evaluation-submitted');

  res = await h.call('POST', `${base}/evaluation/reopen`, { reason: '财政局退回，补充佐证材料' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, submittedAt + 1);
});
