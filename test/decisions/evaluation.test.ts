import t from 'tap';
import { command, decider, history } from '../helpers/decider.js';
import { atYearEnd, declared, YEAR_END } from '../helpers/worked-example-events.js';

/** Submitting the self-evaluation (自评) and reopening it. */

const deviation = (indicatorId: string) =>
  command('record-deviation', { indicatorId, category: '其他', reason: '部分工作未按计划完成', measure: '下年度加强进度管理', likelihood: '有可能' });

const explained = history(['i5', 'i6', 'i7'].map((i) => ({ command: deviation(i), now: YEAR_END })), atYearEnd);
const submitted = history([{ command: command('submit', {}), now: YEAR_END }], explained);

t.test('explanations-missing: submission lists each indicator not met in full that has no deviation record', async (t) => {
  // i5 (90%), i6 (部分达成), i7 (96%).
  decider(t)
    .given(atYearEnd)
    .when(command('submit', {}), { now: YEAR_END })
    .thenRefused({ rule: 'explanations-missing', status: 422, fields: ['indicators.i5', 'indicators.i6', 'indicators.i7'] });
});

t.test('with every gap explained, submission freezes the total and grade of domain.md §7', async (t) => {
  decider(t)
    .given(explained)
    .when(command('submit', {}), { now: YEAR_END })
    .then([{ type: 'EvaluationSubmitted', data: { total: 88.8, grade: '良' } }]);
});

t.test('evaluation-submitted: a submitted evaluation refuses other commands', async (t) => {
  decider(t)
    .given(submitted)
    .when(command('record-spending', { amount: 100, date: '2022-12-31' }), { now: YEAR_END })
    .thenRefused({ rule: 'evaluation-submitted', status: 422 });
});

t.test('evaluation-not-submitted: only a submitted evaluation can be reopened', async (t) => {
  const spec = decider(t);
  spec.given(declared).when(command('reopen', { reason: '补充' })).thenRefused({ rule: 'evaluation-not-submitted', status: 422 });
  spec
    .given(submitted)
    .when(command('reopen', { reason: '财政局退回，补充佐证材料' }), { now: YEAR_END })
    .then([{ type: 'EvaluationReopened', data: { reason: '财政局退回，补充佐证材料' }, reason: '财政局退回，补充佐证材料' }]);
});
