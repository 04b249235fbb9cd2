import t from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../helpers/worked-example.js';

/**
 * domain.md §7's year replayed month by month, extended with the department's forecasts and its
 * deviation records per checkpoint. After each month's facts are typed in (early the next month), the
 * monitoring form of that month and the year-end forecast as of its end are read over HTTP; the cells
 * and numbers a department would check are asserted at 3, 6, 7, 10 and 12月.
 */

const base = `/api/projects/${PROJECT_ID}`;

type Step = [now: string, method: 'POST' | 'PUT', path: string, body: unknown];

const forecast = (id: string, value: string, asOf: string, now: string): Step => [now, 'POST', `/indicators/${id}/forecasts`, { value, asOf }];

/** What happens in each month, typed in at the clock time given. */
const MONTHS: Record<number, Step[]> = {
  3: [
    ...(
      [
        ['i1', '1个'],
        ['i2', '达成'],
        ['i3', '2022-11-30'],
        ['i4', '45万元'],
        ['i5', '100%'],
        ['i6', '达成'],
        ['i7', '98%'],
      ] as const
    ).map(([id, value]) => forecast(id, value, '2022-03-31', '2022-04-02T10:00:00')),
    ['2022-04-02T10:00:00', 'POST', '/spending-forecasts', { amount: '50万元', asOf: '2022-03-31' }],
    ['2022-04-02T10:00:00', 'POST', '/deviations', { category: '经费保障', reason: '资金尚未拨付', measure: '督促财政拨付', likelihood: '确定能', checkpoint: 3 }],
  ],
  4: [[spending[0]![0], 'POST', '/spending', spending[0]![1]]],
  6: [[spending[1]![0], 'POST', '/spending', spending[1]![1]], forecast('i7', '97%', '2022-06-30', '2022-07-02T10:00:00')],
  7: [
    ['2022-08-02T10:00:00', 'POST', '/spending-forecasts', { amount: '45万元', asOf: '2022-07-31' }],
    forecast('i6', '部分达成', '2022-07-31', '2022-08-02T10:00:00'),
    ['2022-08-02T10:00:00', 'POST', '/deviations', { category: '经费保障', reason: '开发进度款待验收后支付', measure: '9月底前完成验收并支付', likelihood: '有可能', checkpoint: 7 }],
  ],
  9: [[spending[2]![0], 'POST', '/spending', spending[2]![1]]],
  10: [
    ['2022-11-02T10:00:00', 'POST', '/indicators/i1/actuals', { value: '1个', asOf: '2022-10-31' }],
    forecast('i5', '90%', '2022-10-31', '2022-11-02T10:00:00'),
  ],
  12: [
    [spending[3]![0], 'POST', '/spending', spending[3]![1]],
    ...(
      [
        ['i1', '1个'],
        ['i3', '2022-11-30'],
        ['i4', '45万元'],
        ['i5', '90%'],
        ['i7', '96%'],
      ] as const
    ).map(([id, value]): Step => ['2022-12-31T16:00:00', 'POST', `/indicators/${id}/actuals`, { value, asOf: '2022-12-31' }]),
    ['2022-12-31T16:00:00', 'POST', '/indicators/i2/assessment', { grade: '达成' }],
    ['2022-12-31T16:00:00', 'POST', '/indicators/i6/assessment', { grade: '部分达成' }],
    ['2022-12-31T16:00:00', 'POST', '/deviations', { indicatorId: 'i6', category: '其他', reason: '组织保障作用初步显现', measure: '下年度持续跟踪', likelihood: '有可能', checkpoint: 12 }],
  ],
};

type Form = {
  asOf: string;
  budget: { spentToDate: number; executionPercent: number; plannedPercent: number; colour: string; expectedSpent: number | null; deviation: string }[];
  indicators: { id: string; actualToDate: string | null; colour: string | null; expected: string | null; deviation: string; likelihood: string | null }[];
  needingExplanation: { id: string | null }[];
  forecast: { expectedTotal: number; expectedGrade: string; currentTotal: number };
};
type Forecast = {
  expected: { total: number; grade: string };
  current: { total: number; grade: string };
  execution: { basis: string; expectedSpent: string; score: number };
  indicators: { id: string; basis: string; score: number }[];
  whatItTakes: { good: { reached: boolean; changes: { id: string }[]; totalAfter: number }; excellent: { reached: boolean; changes: { id: string }[]; totalAfter: number } };
};

async function run(h: TestApp, [now, method, path, body]: Step): Promise<void> {
  h.setNow(now);
  const res = await h.call(method, `${base}${path}`, body);
  if (res.statusCode !== 200) throw new Error(`${now} ${method} ${path}: ${res.body}`);
}

t.test('the worked example month by month: monitoring forms and year-end forecasts at 3, 6, 7, 10 and 12月', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  await run(h, ['2022-01-10T09:00:00', 'PUT', '/targets', targets]);
  await run(h, ['2022-01-10T09:00:00', 'PUT', '/spending-plan', plan]);

  const forms = new Map<number, Form>();
  const forecasts = new Map<number, Forecast>();
  for (let month = 1; month <= 12; month++) {
    for (const step of MONTHS[month] ?? []) await run(h, step);
    const formRes = await h.call('GET', `${base}/monitoring-form?month=${month}`);
    t.equal(formRes.statusCode, 200, `${month}月 form: ${formRes.body.slice(0, 200)}`);
    const form = formRes.json() as Form;
    forms.set(month, form);
    const forecastRes = await h.call('GET', `${base}/forecast?asOf=${form.asOf}`);
    t.equal(forecastRes.statusCode, 200, `${month}月 forecast`);
    forecasts.set(month, forecastRes.json() as Forecast);
  }
  const expectedColumn = (m: number) => forms.get(m)!.indicators.map((r) => r.expected);

  t.test('3月: nothing spent against 10 % planned, explained; every indicator forecast to be met', async (t) => {
    const form = forms.get(3)!;
    t.match(form.budget[0], { spentToDate: 0, executionPercent: 0, plannedPercent: 10, colour: 'red', expectedSpent: 500000, deviation: '【经费保障】资金尚未拨付；措施：督促财政拨付' });
    t.same(expectedColumn(3), ['1个', '达成', '2022-11-30', '45万元', '100%', '达成', '98%']);
    t.same(form.needingExplanation, []);
    const f = forecasts.get(3)!;
    t.same(f.expected, { total: 100, grade: '优' });
    t.same(f.current, { total: 0, grade: '差' });
    t.same(f.indicators.map((r) => r.basis), Array(7).fill('forecast'));
    t.match(f.whatItTakes, { good: { reached: true }, excellent: { reached: true } });
  });

  t.test('6月: 12万 = 24 % against 30 %, ratio 80, green; satisfaction forecast down to 97 %', async (t) => {
    const form = forms.get(6)!;
    t.match(form.budget[0], { spentToDate: 120000, executionPercent: 24, plannedPercent: 30, colour: 'green', expectedSpent: 500000, deviation: '' });
    t.equal(form.indicators[6]!.expected, '97%');
    const f = forecasts.get(6)!;
    t.same(f.expected, { total: 99.9, grade: '优' }); // i7: 10 × 97 / 98 = 9.90
    t.same(f.current, { total: 2.4, grade: '差' });
  });

  t.test('7月: 24 % against 37.5 %, yellow and explained; 部分达成 expected for 效益 brings the forecast to 良', async (t) => {
    const form = forms.get(7)!;
    t.match(form.budget[0], { spentToDate: 120000, executionPercent: 24, plannedPercent: 37.5, colour: 'yellow', expectedSpent: 450000, deviation: '【经费保障】开发进度款待验收后支付；措施：9月底前完成验收并支付' });
    t.same(expectedColumn(7), ['1个', '达成', '2022-11-30', '45万元', '100%', '部分达成', '97%']);
    t.same(form.needingExplanation, []);
    const f = forecasts.get(7)!;
    // 45万 → 9.00; 产出 50; 效益 21.00; 满意度 9.90.
    t.same(f.expected, { total: 89.9, grade: '良' });
    t.match(f.execution, { basis: 'forecast', expectedSpent: '450000.00', score: 9 });
    t.same(f.indicators.find((r) => r.id === 'i6'), { ...f.indicators.find((r) => r.id === 'i6'), basis: 'forecast', score: 21 });
    t.match(f.whatItTakes.good, { reached: true });
    t.same(f.whatItTakes.excellent.changes.map((c) => c.id), ['i6'], '优 needs 效益 达成: +9');
    t.equal(f.whatItTakes.excellent.totalAfter, 98.9);
    t.same(form.forecast, { expectedTotal: 89.9, expectedGrade: '良', currentTotal: 2.4 });
  });

  t.test('10月: 30万 = 60 % against 60 %, green; the platform is built (blue: ahead of plan); 控制率 forecast 90 %', async (t) => {
    const form = forms.get(10)!;
    t.match(form.budget[0], { spentToDate: 300000, executionPercent: 60, plannedPercent: 60, colour: 'green', expectedSpent: 450000, deviation: '' });
    t.match(form.indicators[0], { actualToDate: '1个', colour: 'blue' });
    t.equal(form.indicators[4]!.expected, '90%');
    const f = forecasts.get(10)!;
    t.same(f.expected, { total: 88.9, grade: '良' }); // i5 9.00
    t.equal(f.indicators[0]!.basis, 'forecast', 'before the year end the forecast comes first');
    t.same(f.whatItTakes.excellent.changes.map((c) => c.id), ['i6']);
    t.equal(f.whatItTakes.excellent.totalAfter, 97.9);
  });

  t.test('12月: the year as recorded, 88.80 良, forecast and score agree; 效益 explained at 12月', async (t) => {
    const form = forms.get(12)!;
    t.match(form.budget[0], { spentToDate: 450000, executionPercent: 90, plannedPercent: 100, colour: 'green', expectedSpent: 450000 });
    t.match(form.indicators[5], {
      actualToDate: '部分达成',
      colour: 'yellow',
      expected: '部分达成',
      deviation: '【其他】组织保障作用初步显现；措施：下年度持续跟踪',
      likelihood: '有可能',
    });
    t.match(form.indicators[6], { actualToDate: '96%', colour: 'green', expected: '97%' });
    t.same(form.needingExplanation, []);
    const f = forecasts.get(12)!;
    t.same(f.expected, { total: 88.8, grade: '良' });
    t.same(f.current, { total: 88.8, grade: '良' });
    t.match(f.execution, { basis: 'latest-actual', expectedSpent: '450000.00', score: 9 });
    t.same(f.indicators.map((r) => [r.basis, r.score]), [
      ['latest-actual', 10],
      ['latest-actual', 10],
      ['latest-actual', 10],
      ['latest-actual', 10],
      ['latest-actual', 9],
      ['latest-actual', 21],
      ['latest-actual', 9.8],
    ]);
    t.same(f.whatItTakes.excellent.changes.map((c) => c.id), ['i6'], '优 would have needed 效益 达成');
  });

  t.test('every month has its form; 1月 and 2月 before anything was spent or forecast', async (t) => {
    t.same([...forms.keys()], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    t.match(forms.get(1)!.budget[0], { spentToDate: 0, plannedPercent: 3.33, expectedSpent: null });
    t.same(expectedColumn(2), Array(7).fill(null));
  });
});
