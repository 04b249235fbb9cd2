import t from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

async function ok(h: TestApp, method: 'POST' | 'PUT', url: string, body: unknown): Promise<void> {
  const res = await h.call(method, url, body);
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${method} ${url}: ${res.body}`);
}

type Row = { id: string; basis: string; value: string | null; score: number; neededForFullPoints: string; shortfall: string | null };

t.test('the year-end forecast: expected total and grade, the basis of each row, what it takes', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);
  await ok(h, 'POST', '/api/projects', register);
  await ok(h, 'PUT', `${base}/targets`, targets);
  await ok(h, 'PUT', `${base}/spending-plan`, plan);
  h.setNow('2022-07-31T18:00:00');
  await ok(h, 'POST', `${base}/spending`, { amount: '5万元', date: '2022-04-15' });
  await ok(h, 'POST', `${base}/spending`, { amount: '7万元', date: '2022-06-20' });
  await ok(h, 'POST', `${base}/indicators/i4/actuals`, { value: '20万元', asOf: '2022-06-30' });
  await ok(h, 'POST', `${base}/indicators/i5/actuals`, { value: '90%', asOf: '2022-06-30' });
  await ok(h, 'POST', `${base}/indicators/i2/forecasts`, { value: '达成', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/indicators/i3/forecasts`, { value: '2022-11-30', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2022-07-31' });

  let res = await h.call('GET', `${base}/forecast?asOf=2022-07-31`);
  t.equal(res.statusCode, 200, res.body);
  const july = res.json();
  // Spent 12万 by 7月底; the plan's share at 7 months is 30 + (60 − 30) / 4 = 37.5 %: 32万 expected, 64 %, 6.40.
  t.match(july.execution, { basis: 'trajectory', spentSoFar: '120000.00', expectedSpent: '320000.00', expectedRatePercent: 64, points: 10, score: 6.4 });
  t.same(
    july.indicators.map((r: Row) => [r.id, r.basis, r.value, r.score]),
    [
      ['i1', 'none', null, 0],
      ['i2', 'forecast', '达成', 10],
      ['i3', 'forecast', '2022-11-30', 10],
      ['i4', 'latest-actual', '20万元', 10], // a ceiling is not projected
      ['i5', 'latest-actual', '90%', 9], // a rate is not projected
      ['i6', 'none', null, 0],
      ['i7', 'forecast', '97%', 9.9], // 10 × 97 / 98
    ],
  );
  t.same(july.expected, { total: 55.3, grade: '差' });
  // The current score as of 7月底: 2.4 (24 % spent) + i4 10 + i5 9.
  t.same(july.current, { total: 21.4, grade: '差' });
  t.same(
    july.indicators.map((r: Row) => [r.id, r.neededForFullPoints, r.shortfall]),
    [
      ['i1', '≥ 1 个', null],
      ['i2', '达成', null],
      ['i3', '2022-12-31 前完成', null],
      ['i4', '≤ 500000.00 元', null],
      ['i5', '≥ 100 %', '差 10 %'],
      ['i6', '达成', null],
      ['i7', '≥ 98 %', '差 1 %'],
    ],
  );
  // 良 needs 24.7 more: i6 alone gains 30 (→ 85.30). 优 needs i6 and i1 (→ 95.30).
  t.match(july.whatItTakes.good, { grade: '良', threshold: 80, reached: false, possible: true, totalAfter: 85.3 });
  t.same(july.whatItTakes.good.changes.map((c: { id: string; gain: number; needed: string }) => [c.id, c.gain, c.needed]), [['i6', 30, '达成']]);
  t.match(july.whatItTakes.excellent, { grade: '优', reached: false, possible: true, totalAfter: 95.3 });
  t.same(july.whatItTakes.excellent.changes.map((c: { id: string }) => c.id), ['i6', 'i1']);

  // More forecasts on 8月1日, the whole year's spending among them: the forecast moves to 优.
  h.setNow('2022-08-01T10:00:00');
  await ok(h, 'POST', `${base}/spending-forecasts`, { amount: '50万元', asOf: '2022-08-01' });
  await ok(h, 'POST', `${base}/indicators/i1/forecasts`, { value: '1个', asOf: '2022-08-01' });
  await ok(h, 'POST', `${base}/indicators/i6/forecasts`, { value: '达成', asOf: '2022-08-01' });
  res = await h.call('GET', `${base}/forecast`);
  const august = res.json();
  t.match(august.execution, { basis: 'forecast', expectedSpent: '500000.00', score: 10 });
  t.same(august.expected, { total: 98.9, grade: '优' });
  t.match(august.whatItTakes.good, { reached: true, changes: [] });
  t.match(august.whatItTakes.excellent, { reached: true, changes: [] });
  // The forecast as of 7月底 is replayed unchanged.
  res = await h.call('GET', `${base}/forecast?asOf=2022-07-31`);
  t.same(res.json().expected, { total: 55.3, grade: '差' });
  res = await h.call('GET', `${base}/forecast?knownAt=${encodeURIComponent('2022-07-31T23:00:00+08:00')}`);
  t.same(res.json().expected, { total: 55.3, grade: '差' }, 'as known before the August forecasts');

  // A second project: a count projected along the time share (no plan), and no 效益 indicator, so 良 cannot be reached.
  const small = {
    code: 'P2',
    year: 2022,
    name: '政企服务活动',
    department: register.department,
    budget: { initial: '10万元' },
  };
  await ok(h, 'POST', '/api/projects', small);
  await ok(h, 'PUT', '/api/projects/P2-2022/targets', {
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '开展政企服务活动', target: '≥ 12 次' },
      { level1: '满意度指标', level2: '满意度指标', name: '参与企业满意度', target: '≥ 90 %' },
    ],
  });
  await ok(h, 'POST', '/api/projects/P2-2022/spending', { amount: '2万元', date: '2022-03-15' });
  await ok(h, 'POST', '/api/projects/P2-2022/indicators/i1/actuals', { value: '2次', asOf: '2022-03-31' });
  await ok(h, 'POST', '/api/projects/P2-2022/indicators/i2/actuals', { value: '85%', asOf: '2022-03-31' });
  res = await h.call('GET', '/api/projects/P2-2022/forecast?asOf=2022-03-31');
  const p2 = res.json();
  // 3 of 12 months: 25 %. 2 次 → 8 次 (33.33 of 50); 2万 → 8万 (8.00 of 10); 85 % stays (9.44 of 10).
  t.same(
    p2.indicators.map((r: Row) => [r.id, r.basis, r.value, r.score, r.shortfall]),
    [
      ['i1', 'trajectory', '8 次', 33.33, '差 4 次'],
      ['i2', 'latest-actual', '85%', 9.44, '差 5 %'],
    ],
  );
  t.match(p2.execution, { basis: 'trajectory', expectedSpent: '80000.00', score: 8 });
  t.same(p2.expected, { total: 50.77, grade: '差' });
  t.match(p2.whatItTakes.good, { reached: false, possible: false, changes: [], totalAfter: 70 });
  t.match(p2.whatItTakes.excellent, { possible: false });
  t.ok(p2.warnings.some((w: string) => w.includes('效益指标没有三级指标')), p2.warnings.join('; '));

  // The list: forecast grade beside the current score, and a filter on it.
  res = await h.call('GET', '/api/projects');
  t.same(
    res
      .json()
      .projects.map((p: { id: string; total: number; grade: string; forecastTotal: number; forecastGrade: string }) => [p.id, p.total, p.grade, p.forecastTotal, p.forecastGrade])
      .sort((a: string[], b: string[]) => String(a[0]).localeCompare(String(b[0]))),
    [
      [PROJECT_ID, 21.4, '差', 98.9, '优'],
      // As of 2022-08-01 (7 whole months, time share 58.33 %): 2万 spent → 34287.67 元 → 34.29 % → 3.43; the count
      // is projected from its own date (3月底, 25 %): 8 次 → 33.33; 85 % → 9.44. Current: 2.00 + 8.33 + 9.44.
      ['P2-2022', 19.77, '差', 46.2, '差'],
    ],
  );
  res = await h.call('GET', '/api/projects?forecastGrade=优');
  t.same(res.json().projects.map((p: { id: string }) => p.id), [PROJECT_ID]);
  res = await h.call('GET', '/api/projects?forecastGrade=A');
  t.equal(res.statusCode, 400);
  t.match(res.body, /forecastGrade/);
});

