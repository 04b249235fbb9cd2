import t from 'tap';
import { command, decider } from '../helpers/decider.js';
import { declared } from '../helpers/worked-example-events.js';

/** Actuals, assessments and score overrides of one indicator. The clock is 2022-07-01. */

t.test('indicator-unknown: a fact about an indicator the table does not have is a 404', async (t) => {
  decider(t)
    .given(declared)
    .when(command('record-actual', { value: 1, asOf: '2022-06-30' }, 'i9'))
    .thenRefused({ rule: 'indicator-unknown', status: 404, field: 'indicatorId' });
});

t.test('invalid-input: an actual in another unit than its target is named', async (t) => {
  // i7's target is ≥ 98 %: "5次" is not a percentage.
  decider(t)
    .given(declared)
    .when(command('record-actual', { value: '5次', asOf: '2022-06-30' }, 'i7'))
    .thenRefused({ rule: 'invalid-input', status: 400, field: 'value' });
});

t.test('date-in-future: a completion date after today is refused', async (t) => {
  // i3 is a deadline (2022年12月): its actual is the completion date.
  decider(t)
    .given(declared)
    .when(command('record-actual', { value: '2022年8月5日', asOf: '2022-06-30' }, 'i3'))
    .thenRefused({ rule: 'date-in-future', status: 422, field: 'value' });
});

t.test('score-outside-band: an assessed score stays inside its grade band', async (t) => {
  // i2 is worth 10 points in the example; 部分达成 scores in [6, 8).
  decider(t)
    .given(declared)
    .when(command('assess', { grade: '部分达成', score: 9 }, 'i2'))
    .thenRefused({ rule: 'score-outside-band', status: 422, field: 'score', detail: /\[6, 8\)/ });
});

t.test('score-above-points: an override cannot exceed the indicator\'s points', async (t) => {
  decider(t)
    .given(declared)
    .when(command('override-score', { score: 11, reason: '专家意见' }, 'i1'))
    .thenRefused({ rule: 'score-above-points', status: 422, field: 'score' });
});
