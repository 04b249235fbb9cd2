import t from 'tap';
import { diffProjects } from '../../projections/reports/diff.js';
import { workedExample, workedScorecard } from './sample-project.js';

const pct = (value: number) => ({ kind: 'number' as const, value, unit: '%' });

/** Year end (revision 11) against after an approved revision of 满意度, a new spending entry and a re-scored card. */
const stream = workedExample()
  .add('TargetRevised', {
    indicatorId: 'i7',
    target: { kind: 'compare', comparator: '>=', quantity: pct(95) },
    targetText: '≥ 95 %',
    previousTarget: { kind: 'compare', comparator: '>=', quantity: pct(98) },
    previousTargetText: '≥ 98 %',
    reason: '样本口径调整',
    approvalRef: '财预〔2022〕5号',
  })
  .add('SpendingRecorded', { amountFen: 2_000_000, date: '2022-12-30', note: '运维费' }, { actor: '王五' })
  .add('ActualRecorded', { indicatorId: 'i7', value: { kind: 'quantity', quantity: pct(97) }, text: '97%', asOf: '2022-12-31' }, { actor: '李四' });

const before = { project: stream.project(12), card: workedScorecard() };
const later = workedScorecard();
const afterCard = {
  ...later,
  total: 90.2,
  grade: '优' as const,
  execution: { ...later.execution, spent: '470000.00', ratePercent: 94, score: 9.4 },
  indicators: later.indicators.map((i) => (i.id === 'i7' ? { ...i, target: '≥ 95 %', originalTarget: '≥ 98 %', actual: '97%', score: 10 } : i)),
};
const after = { project: stream.project(), card: afterCard };
const diff = diffProjects(before, after);

t.test('a revised target is listed from → to', async (t) => {
  t.same(diff.targets, [{ indicatorId: 'i7', name: '州直属商会、民营经济人士满意度', from: '≥ 98 %', to: '≥ 95 %' }]);
});

t.test('the changed total and grade are listed: 88.80 良 → 90.20 优', async (t) => {
  t.same(diff.scores.total, { from: 88.8, to: 90.2 });
  t.same(diff.scores.grade, { from: '良', to: '优' });
  t.same(diff.scores.execution, { from: 9, to: 9.4 });
  t.same(diff.scores.indicators, [{ indicatorId: 'i7', name: '州直属商会、民营经济人士满意度', from: 9.8, to: 10 }]);
});

t.test('spending: total spent from → to and the entries added', async (t) => {
  t.same(diff.spending.total, { from: '450000.00', to: '470000.00' });
  t.same(diff.spending.added, [{ revision: 13, amount: '20000.00', date: '2022-12-30', note: '运维费', actor: '王五' }]);
});

t.test('the latest actual from → to', async (t) => {
  t.same(diff.actuals, [
    { indicatorId: 'i7', name: '州直属商会、民营经济人士满意度', from: { text: '96%', asOf: '2022-12-31' }, to: { text: '97%', asOf: '2022-12-31' } },
  ]);
});

t.test('only what changed is listed', async (t) => {
  t.equal(diff.changed, true);
  t.equal(diff.budget, null, 'the budget did not change');
  t.equal(diff.status, null);
  t.same(diff.indicatorsAdded, []);
  t.same(diff.indicatorsRemoved, []);
  const same = diffProjects(after, after);
  t.equal(same.changed, false);
  t.same(same.targets, []);
  t.same(same.spending, { total: null, added: [] });
  t.same(same.scores, { indicators: [], execution: null, total: null, grade: null });
});

t.test('from before registration everything is added', async (t) => {
  const start = diffProjects({ project: undefined, card: undefined }, { project: stream.project(2), card: undefined });
  t.same(start.status, { from: null, to: 'open' });
  t.same(start.budget, { from: null, to: '500000.00' });
  t.same(start.indicatorsAdded.map((i) => i.indicatorId), ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7']);
  t.same(start.indicatorsAdded[0], { indicatorId: 'i1', name: '黔南州政企服务平台建设工作', target: '= 1 个' });
  t.same(start.targets, [], 'a new indicator is not a revised target');
  t.same(start.actuals, []);
  t.equal(start.spending.total, null, 'nothing spent on either side');
  t.equal(start.scores.total, null);
});

t.test('a budget adjustment and a submission are listed', async (t) => {
  const s = workedExample()
    .add('BudgetAdjusted', { totalFen: 48_000_000, previousFen: 50_000_000, reason: '压减', approvalRef: '财预〔2022〕9号', effectiveDate: '2022-12-01' })
    .add('EvaluationSubmitted', { total: 88.8, grade: '良' });
  const d = diffProjects({ project: s.project(12), card: undefined }, { project: s.project(), card: undefined });
  t.same(d.budget, { from: '500000.00', to: '480000.00' });
  t.same(d.status, { from: 'open', to: 'submitted' });
});
