import { isDeepStrictEqual } from 'node:util';
import t, { type Test } from 'tap';
import { command, decider } from '../helpers/decider.js';
import { declared } from '../helpers/worked-example-events.js';

/** The specification helper itself: a wrong expectation fails, so a spec that passes says something. */

/** A stand-in for tap's Test that records each assertion's outcome instead of reporting it. */
function recorder() {
  const outcomes: boolean[] = [];
  const fake = {
    fail: () => outcomes.push(false),
    ok: (value: unknown) => outcomes.push(Boolean(value)),
    equal: (a: unknown, b: unknown) => outcomes.push(a === b),
    same: (a: unknown, b: unknown) => outcomes.push(isDeepStrictEqual(a, b)),
    strictSame: (a: unknown, b: unknown) => outcomes.push(isDeepStrictEqual(a, b)),
    match: (a: unknown, re: RegExp) => outcomes.push(re.test(String(a))),
  };
  return { spec: decider(fake as unknown as Test), outcomes };
}

const lateSpending = command('record-spending', { amount: '3000', date: '2022-08-01' });
const spending = command('record-spending', { amount: '3000', date: '2022-06-01' });
const recorded = { type: 'SpendingRecorded', data: { amountFen: 300000, date: '2022-06-01' }, effectiveAt: '2022-06-01T00:00:00.000+08:00' } as const;

t.test('the right expectations pass', async (t) => {
  const r = recorder();
  r.spec.given(declared).when(spending).then([recorded]);
  r.spec.given(declared).when(lateSpending).thenRefused({ rule: 'date-in-future', status: 422, field: 'date', fields: ['date'], detail: /晚于今天/ });
  t.same(r.outcomes, [true, true, true, true, true, true]);
});

t.test('each wrong expectation fails', async (t) => {
  const cases: [string, (spec: ReturnType<typeof decider>) => void][] = [
    ['other events', (spec) => spec.given(declared).when(spending).then([{ ...recorded, data: { ...recorded.data, amountFen: 1 } }])],
    ['events expected, refused', (spec) => spec.given(declared).when(lateSpending).then([recorded])],
    ['refusal expected, accepted', (spec) => spec.given(declared).when(spending).thenRefused({ rule: 'date-in-future' })],
    ['another rule', (spec) => spec.given(declared).when(lateSpending).thenRefused({ rule: 'spending-negative' })],
    ['another status', (spec) => spec.given(declared).when(lateSpending).thenRefused({ rule: 'date-in-future', status: 400 })],
    ['another field', (spec) => spec.given(declared).when(lateSpending).thenRefused({ rule: 'date-in-future', field: 'amount' })],
    ['other fields', (spec) => spec.given(declared).when(lateSpending).thenRefused({ rule: 'date-in-future', fields: ['date', 'amount'] })],
    ['another detail', (spec) => spec.given(declared).when(lateSpending).thenRefused({ rule: 'date-in-future', detail: /金额/ })],
  ];
  for (const [label, run] of cases) {
    const r = recorder();
    run(r.spec);
    t.ok(r.outcomes.includes(false), label);
  }
});
