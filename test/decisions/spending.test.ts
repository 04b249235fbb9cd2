import t from 'tap';
import { command, decider, history } from '../helpers/decider.js';
import { plan } from '../helpers/worked-example.js';
import { declared, withAFact } from '../helpers/worked-example-events.js';

/** The spending plan (资金支出计划) and payments (执行数). The clock is 2022-07-01. */

t.test('plan-decreasing: cumulative shares of the plan never go down', async (t) => {
  decider(t)
    .given(declared)
    .when(command('set-spending-plan', { checkpoints: [{ month: 3, cumulativePercent: 40 }, { month: 6, cumulativePercent: 30 }] }))
    .thenRefused({ rule: 'plan-decreasing', status: 422, field: 'checkpoints[1].cumulativePercent' });
});

t.test('invalid-input: once facts are recorded, a plan change needs its reason', async (t) => {
  const spec = decider(t);
  spec.given(withAFact).when(command('set-spending-plan', plan)).thenRefused({ rule: 'invalid-input', status: 400, field: 'reason' });
  spec
    .given(withAFact)
    .when(command('set-spending-plan', { ...plan, reason: '项目进度调整，财政局同意' }))
    .then([{ type: 'SpendingPlanSet', data: plan, effectiveAt: '2022-01-01T00:00:00.000+08:00', reason: '项目进度调整，财政局同意' }]);
});

t.test('invalid-input: a negative amount is a correction and needs its reason', async (t) => {
  decider(t)
    .given(declared)
    .when(command('record-spending', { amount: '-3000', date: '2022-06-01' }))
    .thenRefused({ rule: 'invalid-input', status: 400, field: 'reason' });
});

t.test('invalid-input: an amount or a date that cannot be read is named', async (t) => {
  const spec = decider(t);
  spec.given(declared).when(command('record-spending', { amount: 'abc', date: '2022-06-01' })).thenRefused({ rule: 'invalid-input', status: 400, field: 'amount' });
  spec.given(declared).when(command('record-spending', { amount: '3000', date: '2022-02-30' })).thenRefused({ rule: 'invalid-input', status: 400, field: 'date' });
  // An impossible time-zone offset would shift the day.
  spec
    .given(declared)
    .when(command('record-spending', { amount: 100, date: '2022-06-15T10:00+99:00' }))
    .thenRefused({ rule: 'invalid-input', status: 400, field: 'date' });
});

t.test('date-in-future: a payment cannot be dated after today', async (t) => {
  decider(t)
    .given(declared)
    .when(command('record-spending', { amount: '3000', date: '2022-08-01' }))
    .thenRefused({ rule: 'date-in-future', status: 422, field: 'date' });
});

t.test('spending-negative: a correction cannot make total spending negative', async (t) => {
  const spec = decider(t);
  spec
    .given(declared)
    .when(command('record-spending', { amount: '-3000', date: '2022-06-01', reason: '冲销' }))
    .thenRefused({ rule: 'spending-negative', status: 422, field: 'amount' });
  // With 5000 元 spent, a correction of 3000 元 is accepted, its reason kept on the fact and the event.
  const spent = history([{ command: command('record-spending', { amount: '5000', date: '2022-05-01' }) }], declared);
  spec
    .given(spent)
    .when(command('record-spending', { amount: '-3000', date: '2022-06-01', reason: '冲销' }))
    .then([
      {
        type: 'SpendingRecorded',
        data: { amountFen: -300000, date: '2022-06-01', reason: '冲销' },
        effectiveAt: '2022-06-01T00:00:00.000+08:00',
        reason: '冲销',
      },
    ]);
});
