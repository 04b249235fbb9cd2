import t from 'tap';
import type { TestApp } from '../helpers/test-app.js';
import { declaredExample } from '../helpers/seed.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

/**
 * Malformed dates, amounts and targets, in Chinese and in ASCII: each is refused with a
 * problem+json naming exactly the field at fault, and nothing is written. The clock is 2022-07-01.
 */

const base = `/api/projects/${PROJECT_ID}`;

type Case = [label: string, value: unknown, fields?: string[], status?: number];

const declared = (): Promise<TestApp> => declaredExample();

/** Sends each case's value at `field` of `body` and expects a refusal naming exactly that field. */
function refusesEach(
  title: string,
  method: 'POST' | 'PUT',
  url: string,
  field: string,
  bodyWith: (value: unknown) => unknown,
  cases: Case[],
): void {
  t.test(title, async (t) => {
    const h = await declared();
    t.teardown(h.close);
    for (const [label, value, fields = [field], status = 400] of cases) {
      const before = await h.runtime.store.headPosition();
      const res = await h.call(method, url, bodyWith(value));
      t.equal(res.statusCode, status, `${label}: ${res.body}`);
      t.match(res.headers['content-type'], /^application\/problem\+json/, label);
      t.same(
        (res.json().errors ?? []).map((e: { field: string }) => e.field),
        fields,
        `${label} → ${fields.join(', ')}`,
      );
      t.equal(await h.runtime.store.headPosition(), before, `${label}: nothing written`);
    }
  });
}

const AMOUNTS: Case[] = [
  ['Chinese numerals 五十万', '五十万'],
  ['Chinese numerals with unit 五十万元', '五十万元'],
  ['foreign currency 45万美元', '45万美元'],
  ['trailing word 50万元整', '50万元整'],
  ['doubled unit 5万万', '5万万'],
  ['letters abc', 'abc'],
  ['exponent text 1e309', '1e309'],
  ['NaN text', 'NaN'],
  ['Infinity text', 'Infinity'],
  ['thousandths of a 元 12.345', '12.345'],
  ['a tenth of a fen 0.001', '0.001'],
  ['beyond a safe integer of fen 99999999999999999元', '99999999999999999元'],
  ['minus zero -0', '-0'],
  ['empty', ''],
  ['blank (full-width space)', '\u3000'],
  ['commas everywhere 1,2,3', '1,2,3'],
  ['double minus --5', '--5'],
  ['number 1e308', 1e308],
  ['number 0.001', 0.001],
  ['null', null],
  ['array', ['100']],
  ['object', { value: 100 }],
  ['boolean', true],
];

refusesEach('a malformed spending amount is refused naming "amount"', 'POST', `${base}/spending`, 'amount', (amount) => ({ amount, date: '2022-06-01' }), AMOUNTS);

refusesEach(
  'a malformed budget is refused naming budget.initial, budget.sources[0].amount or total',
  'POST',
  '/api/projects',
  'budget.initial',
  (initial) => ({ ...register, code: 'P2', budget: { initial } }),
  [
    ['Chinese numerals 五十万', '五十万'],
    ['negative -5万元', '-5万元'],
    ['fraction of a fen 0.001元', '0.001元'],
    ['letters', 'fifty thousand'],
  ],
);

refusesEach(
  'a malformed source amount is refused naming budget.sources[0].amount',
  'POST',
  '/api/projects',
  'budget.sources[0].amount',
  (amount) => ({ ...register, code: 'P3', budget: { initial: '50万元', sources: [{ name: '本级财政', amount }] } }),
  [
    ['Chinese numerals 五十万', '五十万'],
    ['foreign currency 50万美元', '50万美元'],
    ['null', null],
  ],
);

refusesEach(
  'a malformed adjusted budget is refused naming "total"',
  'POST',
  `${base}/budget-adjustments`,
  'total',
  (total) => ({ total, reason: '追加', approvalRef: '黔财〔2022〕1号', effectiveDate: '2022-06-01' }),
  [
    ['Chinese numerals 六十万元', '六十万元'],
    ['negative -1', '-1'],
    ['exponent text 6e5', '6e5'],
    ['number NaN (sent as null)', Number.NaN],
  ],
);

const DATES: Case[] = [
  ['no 30 February 2022-02-30', '2022-02-30'],
  ['no 29 February in 2022: 2022-02-29', '2022-02-29'],
  ['month 13: 2022-13-01', '2022-13-01'],
  ['Chinese numerals 二〇二二年十三月', '二〇二二年十三月'],
  ['Chinese numerals 二〇二二年六月一日', '二〇二二年六月一日'],
  ['Chinese month in numerals 2022年六月一日', '2022年六月一日'],
  ['Chinese month 13: 2022年13月1日', '2022年13月1日'],
  ['Chinese 2022年2月30日', '2022年2月30日'],
  ['slashes 2022/02/30', '2022/02/30'],
  ['dots 2022.02.30', '2022.02.30'],
  ['compact 20220230', '20220230'],
  ['no year, no such day 6月31日', '6月31日'],
  ['a month, not a day: 2022-06', '2022-06'],
  ['words: yesterday', 'yesterday'],
  ['words: 昨天', '昨天'],
  ['empty', ''],
  ['hour 25: 2022-06-15T25:00', '2022-06-15T25:00'],
  ['year 0: 0000-01-01', '0000-01-01'],
  ['a number 20220615', 20220615],
  ['null', null],
  ['an array', ['2022-06-15']],
  ['in the future (today is 2022-07-01)', '2022-08-01', ['date'], 422],
  ['in the future, in Chinese', '2022年8月1日', ['date'], 422],
];

refusesEach('a malformed spending date is refused naming "date"', 'POST', `${base}/spending`, 'date', (date) => ({ amount: '1000', date }), DATES);

refusesEach(
  'a malformed as-of date of an actual is refused naming "asOf"',
  'POST',
  `${base}/indicators/i7/actuals`,
  'asOf',
  (asOf) => ({ value: '96%', asOf }),
  [
    ['Chinese numerals 二〇二二年六月三十日', '二〇二二年六月三十日'],
    ['no 31 June 2022-06-31', '2022-06-31'],
    ['Chinese 2022年6月31日', '2022年6月31日'],
    ['in the future', '2022-12-31', ['asOf'], 422],
  ],
);

refusesEach(
  'a malformed effective date of a budget adjustment is refused naming "effectiveDate"',
  'POST',
  `${base}/budget-adjustments`,
  'effectiveDate',
  (effectiveDate) => ({ total: '60万元', reason: '追加', approvalRef: '黔财〔2022〕1号', effectiveDate }),
  [
    ['no 29 February in 2022', '2022-02-29'],
    ['Chinese numerals 二〇二二年十三月', '二〇二二年十三月'],
  ],
);

const TARGETS: Case[] = [
  ['doubled comparator ≥≥7次', '≥≥7次'],
  ['two comparators ≥≤5', '≥≤5'],
  ['comparator only ≥', '≥'],
  ['unit without number ≤ 万元', '≤ 万元'],
  ['Chinese numerals after a comparator ≥七次', '≥七次'],
  ['Chinese numerals with money > 五十万元', '> 五十万元'],
  ['trailing comparator ≥7次≤', '≥7次≤'],
  ['range upside down 100%-90%', '100%-90%'],
  ['range in two units 90%-100次', '90%-100次'],
  ['deadline with ≥: ≥2022年12月', '≥2022年12月'],
  ['month 13: 2022年13月', '2022年13月'],
  ['no such deadline 2022-02-30前', '2022-02-30前'],
  ['doubled percent ≥ 98 %%', '≥ 98 %%'],
  ['exponent ≥1e309次', '≥1e309次'],
  ['rambling ≥ 约七次以上吧 5次 3个', '≥ 约七次以上吧 5次 3个'],
  ['unknown comparator cell ≈', { comparator: '≈', value: 7, unit: '次' }],
  ['Chinese numeral in the value cell', { comparator: '≥', value: '七', unit: '次' }],
  ['empty value cell', { comparator: '≥', value: '' }],
  ['a bare number', 7],
  ['null', null],
  ['comparator cell not text', { comparator: 5, value: 7 }],
];

refusesEach(
  'a malformed revised target is refused naming "target"',
  'POST',
  `${base}/indicators/i1/revisions`,
  'target',
  (target) => ({ target, reason: '需求变化', approvalRef: '黔财〔2022〕2号' }),
  TARGETS,
);

refusesEach(
  'a malformed declared target is refused naming indicators[0].target',
  'PUT',
  `${base}/targets`,
  'indicators[0].target',
  (target) => ({ indicators: [{ ...targets.indicators[0], target }, ...targets.indicators.slice(1)] }),
  TARGETS.filter(([, value]) => value !== null).slice(0, 10),
);

t.test('two malformed targets in one table are both named, and nothing else', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  const indicators = targets.indicators.map((row, i) => (i === 0 ? { ...row, target: '≥≥7次' } : i === 3 ? { ...row, target: '≤ 五十万元' } : row));
  const res = await h.call('PUT', `${base}/targets`, { indicators });
  t.equal(res.statusCode, 400, res.body);
  t.same(
    res.json().errors.map((e: { field: string }) => e.field),
    ['indicators[0].target', 'indicators[3].target'],
  );
});

refusesEach(
  'a malformed actual value is refused naming "value" (≥ 98 %)',
  'POST',
  `${base}/indicators/i7/actuals`,
  'value',
  (value) => ({ value, asOf: '2022-06-30' }),
  [
    ['Chinese numerals 九十八%', '九十八%'],
    ['wrong unit 98次', '98次'],
    // A single comparator (≥98%) is read as its value (issue 15); two are not.
    ['two comparators ≥≤98%', '≥≤98%'],
    ['letters', 'ninety-eight'],
    ['empty', ''],
    ['null', null],
  ],
);

refusesEach(
  'a malformed completion date is refused naming "value" (deadline 2022年12月)',
  'POST',
  `${base}/indicators/i3/actuals`,
  'value',
  (value) => ({ value, asOf: '2022-06-30' }),
  [
    ['no 30 February', '2022-02-30'],
    ['Chinese numerals 二〇二二年十一月', '二〇二二年十一月'],
    ['a number', 20221130],
  ],
);

refusesEach(
  'a malformed cost actual is refused naming "value" (≤ 50 万元)',
  'POST',
  `${base}/indicators/i4/actuals`,
  'value',
  (value) => ({ value, asOf: '2022-06-30' }),
  [
    ['Chinese numerals 四十五万元', '四十五万元'],
    ['foreign currency 45万美元', '45万美元'],
    ['a fraction of a fen 0.001元', '0.001元'],
  ],
);
