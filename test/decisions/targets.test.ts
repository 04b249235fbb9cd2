import t from 'tap';
import { command, decider } from '../helpers/decider.js';
import { register, targets } from '../helpers/worked-example.js';
import { declared, withAFact } from '../helpers/worked-example-events.js';

/** The indicator table (绩效目标表): each row readable, points adding up, replaced only until a fact is recorded. */

const registered = declared.slice(0, 1);
const first = targets.indicators[0]!;

t.test('invalid-input: a target that cannot be read is named by its row', async (t) => {
  decider(t)
    .given(registered)
    .when(command('declare-targets', { indicators: [{ ...first, target: '≥ 约七次以上吧 5次 3个' }] }))
    .thenRefused({ rule: 'invalid-input', status: 400, field: 'indicators[0].target' });
});

t.test('invalid-input: a level-1 heading that is not one of the four is named by its row', async (t) => {
  decider(t)
    .given(registered)
    .when(command('declare-targets', { indicators: [{ ...first, level1: '其他指标' }] }))
    .thenRefused({ rule: 'invalid-input', status: 400, field: 'indicators[0].level1' });
});

t.test('points-sum: declared points that do not add up are refused with the sums shown', async (t) => {
  decider(t)
    .given(registered)
    .when(command('declare-targets', { indicators: targets.indicators.map((i) => ({ ...i, points: 10 })) }))
    .thenRefused({ rule: 'points-sum', status: 422, detail: /100/ });
});

t.test('targets-locked: the table may be replaced until something is recorded against it, then only revised', async (t) => {
  const spec = decider(t);
  // Before any fact: the same table again decides the same declaration.
  spec.given(declared).when(command('declare-targets', targets)).then([declared[1]!]);
  spec
    .given(declared)
    .when(command('record-actual', { value: 1, asOf: '2022-06-30' }, 'i1'))
    .then([
      {
        type: 'ActualRecorded',
        data: { indicatorId: 'i1', value: { kind: 'quantity', quantity: { kind: 'number', value: 1, unit: '个' } }, text: '1', asOf: '2022-06-30' },
        effectiveAt: '2022-06-30T00:00:00.000+08:00',
      },
    ]);
  spec.given(withAFact).when(command('declare-targets', targets)).thenRefused({ rule: 'targets-locked', status: 422 });
  spec
    .given(withAFact)
    .when(command('revise-target', { target: '= 2 个', reason: '需求变化', approvalRef: '财预〔2022〕5号' }, 'i1'))
    .then([
      {
        type: 'TargetRevised',
        data: {
          indicatorId: 'i1',
          target: { kind: 'compare', comparator: '=', quantity: { kind: 'number', value: 2, unit: '个' } },
          targetText: '= 2 个',
          previousTarget: { kind: 'compare', comparator: '=', quantity: { kind: 'number', value: 1, unit: '个' } },
          previousTargetText: '= 1 个',
          reason: '需求变化',
          approvalRef: '财预〔2022〕5号',
        },
        effectiveAt: '2022-07-01T09:00:00.000+08:00',
        reason: '需求变化',
      },
    ]);
});

t.test('target-kind-changed: a revision changes the value, not the kind of target', async (t) => {
  decider(t)
    .given(declared)
    .when(command('revise-target', { target: '五十万', reason: '调整', approvalRef: '财预〔2022〕5号' }, 'i1'))
    .thenRefused({ rule: 'target-kind-changed', status: 422, field: 'target' });
});

t.test('project-exists: a project is registered once', async (t) => {
  decider(t).given(declared).when(command('register', register)).thenRefused({ rule: 'project-exists', status: 409 });
});
