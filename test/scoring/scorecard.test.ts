import t from 'tap';
import type { ProjectEvent } from '../../domain/project/events.js';
import { computeScorecard } from '../../domain/scoring/scorecard.js';
import { gradeOf } from '../../domain/scoring/grade.js';
import {
  compare,
  declared,
  deviation,
  fold,
  indicator,
  money,
  num,
  quantityActual,
  registered,
  spent,
  wan,
  workedExample,
  workedExampleActuals,
  workedExampleDeclaration,
  workedExampleSpending,
} from './project-builder.js';

const scoresById = (events: ProjectEvent[]) =>
  Object.fromEntries(computeScorecard(fold(events)).indicators.map((i) => [i.id, i.score]));

t.test('the worked example of domain.md §7 scores 88.80, 良', async (t) => {
  const card = computeScorecard(workedExample());
  t.equal(card.projectId, '52270022P00430210142W-2022');
  t.equal(card.asOf, null);
  t.same(card.weights, { execution: 10, output: 50, cost: 0, benefit: 30, satisfaction: 10 });
  t.equal(card.execution.ratePercent, 90);
  t.equal(card.execution.score, 9);
  t.equal(card.execution.budget, '500000.00');
  t.equal(card.execution.spent, '450000.00');
  t.equal(card.execution.needsExplanation, false);
  t.same(
    card.indicators.map((i) => [i.id, i.points, i.score, i.status]),
    [
      ['i1', 10, 10, 'met'],
      ['i2', 10, 10, 'met'],
      ['i3', 10, 10, 'met'],
      ['i4', 10, 10, 'met'],
      ['i5', 10, 9, 'partial'],
      ['i6', 30, 21, 'partial'],
      ['i7', 10, 9.8, 'partial'],
    ],
  );
  t.equal(card.total, 88.8);
  t.equal(card.grade, '良');
  t.same(card.warnings, []);
});

t.test('the worked example shows targets and actuals as typed, with the indicators not met in full asking for an explanation', async (t) => {
  const card = computeScorecard(workedExample());
  const [i1, i2, , i4, i5, i6, i7] = card.indicators;
  t.equal(i1?.target, '=1 个');
  t.equal(i1?.actual, '1个');
  t.equal(i1?.level1, '产出指标');
  t.equal(i2?.actual, '达成');
  t.equal(i4?.actual, '45万元');
  t.equal(i4?.achievementPercent, 111.11);
  t.equal(i5?.achievementPercent, 90);
  t.equal(i7?.achievementPercent, 97.96);
  t.same(
    card.indicators.filter((i) => i.needsExplanation).map((i) => [i.id, i.explanationReason]),
    [
      ['i5', '未完全达成'],
      ['i6', '未完全达成'],
      ['i7', '未完全达成'],
    ],
  );
  t.equal(i6?.explained, false);
  t.equal(i1?.explanationReason, undefined);
});

t.test('a deviation record for an indicator marks it explained', async (t) => {
  const card = computeScorecard(
    fold([...workedExampleDeclaration(), ...workedExampleSpending(), ...workedExampleActuals(), deviation('i6')]),
  );
  t.equal(card.indicators.find((i) => i.id === 'i6')?.explained, true);
  t.equal(card.indicators.find((i) => i.id === 'i7')?.explained, false);
});

t.test('an override replaces the score that counts; the computed score stays beside it', async (t) => {
  const events: ProjectEvent[] = [
    ...workedExampleDeclaration(),
    ...workedExampleSpending(),
    ...workedExampleActuals(),
    { type: 'ScoreOverridden', data: { indicatorId: 'i6', score: 27, reason: '专家评审认可平台成效' } },
  ];
  const card = computeScorecard(fold(events));
  const i6 = card.indicators.find((i) => i.id === 'i6');
  t.equal(i6?.computedScore, 21);
  t.equal(i6?.score, 27);
  t.same(i6?.override, { score: 27, reason: '专家评审认可平台成效', actor: 'tester' });
  t.equal(card.total, 94.8);
  t.equal(card.grade, '优');
});

t.test('each indicator score is rounded by policy and the total is the sum of rounded scores', async (t) => {
  const events = (rounding: 'decimal2' | 'floor' | 'round'): ProjectEvent[] => [
    registered(wan(100), { rounding }),
    declared([
      indicator('a', 'output', compare('>=', num(7, '次')), '≥7次'),
      indicator('b', 'output', compare('>=', num(7, '次')), '≥7次'),
      indicator('c', 'benefit', { kind: 'qualitative', text: '有效' }, '有效'),
      indicator('d', 'satisfaction', compare('>=', num(98, '%')), '≥98%'),
    ]),
    spent(wan(87.456), '2022-12-01'),
    quantityActual('a', num(5, '次'), '5次'), // 25 × 5/7 = 17.857…
    quantityActual('b', num(7, '次'), '7次'),
    { type: 'IndicatorAssessed', data: { indicatorId: 'c', grade: '达成' } },
    quantityActual('d', num(96, '%'), '96%'), // 9.7959…
  ];
  const decimal = computeScorecard(fold(events('decimal2')));
  t.same(decimal.indicators.map((i) => i.score), [17.86, 25, 30, 9.8]);
  t.equal(decimal.execution.score, 8.75); // 10 × 0.87456
  t.equal(decimal.total, 91.41);
  const floor = computeScorecard(fold(events('floor')));
  t.same(floor.indicators.map((i) => i.score), [17, 25, 30, 9]);
  t.equal(floor.execution.score, 8);
  t.equal(floor.total, 89);
  const rounded = computeScorecard(fold(events('round')));
  t.same(rounded.indicators.map((i) => i.score), [18, 25, 30, 10]);
  t.equal(rounded.execution.score, 9);
  t.equal(rounded.total, 92);
});

t.test('budget execution scores weight × rate, capped at the weight, and asks for an explanation under 90 %', async (t) => {
  const base = workedExampleDeclaration();
  const low = computeScorecard(fold([...base, spent(wan(40), '2022-12-01')]));
  t.equal(low.execution.ratePercent, 80);
  t.equal(low.execution.score, 8);
  t.equal(low.execution.needsExplanation, true);
  t.equal(low.execution.explained, false);
  const explained = computeScorecard(fold([...base, spent(wan(40), '2022-12-01'), deviation()]));
  t.equal(explained.execution.explained, true);
  const over = computeScorecard(fold([...base, spent(wan(55), '2022-12-01')]));
  t.equal(over.execution.ratePercent, 110);
  t.equal(over.execution.score, 10);
  t.match(over.execution.warnings[0], /超过全年预算数/);
});

t.test('budget execution uses 全年预算数 after an approved adjustment', async (t) => {
  const card = computeScorecard(
    fold([
      ...workedExampleDeclaration(),
      spent(wan(45), '2022-12-01'),
      {
        type: 'BudgetAdjusted',
        data: { totalFen: wan(60), previousFen: wan(50), reason: '追加', approvalRef: '黔南财〔2022〕1号', effectiveDate: '2022-09-01' },
      },
    ]),
  );
  t.equal(card.execution.initialBudget, '500000.00');
  t.equal(card.execution.budget, '600000.00');
  t.equal(card.execution.ratePercent, 75);
  t.equal(card.execution.score, 7.5);
});

t.test('a zero budget scores execution 0 and warns', async (t) => {
  const card = computeScorecard(fold([registered(0), declared([]), spent(wan(1), '2022-05-01')]));
  t.equal(card.execution.score, 0);
  t.equal(card.execution.ratePercent, 0);
  t.same(card.execution.warnings, ['全年预算数为 0，预算执行率按 0 分计']);
  t.ok(card.warnings.includes('全年预算数为 0，预算执行率按 0 分计'));
});

t.test('nothing recorded yet: every indicator pending, total 0, grade 差', async (t) => {
  const card = computeScorecard(fold(workedExampleDeclaration()), { asOf: '2022-03-31' });
  t.equal(card.asOf, '2022-03-31');
  t.same(new Set(card.indicators.map((i) => i.status)), new Set(['pending']));
  t.equal(card.total, 0);
  t.equal(card.grade, '差');
  t.equal(card.indicators[0]?.explanationReason, '尚无实际完成值或评定');
});

t.test('an uncompleted deadline is pending before it falls due and 未达成 at evaluation', async (t) => {
  const events = workedExampleDeclaration();
  t.equal(computeScorecard(fold(events), { asOf: '2022-06-30' }).indicators[2]?.status, 'pending');
  const after = computeScorecard(fold(events), { asOf: '2023-01-15' }).indicators[2];
  t.equal(after?.status, 'unmet');
  t.equal(after?.score, 3);
});

t.test('over-achievement scores full points but asks for an explanation', async (t) => {
  const scores = scoresById([
    registered(wan(10)),
    declared([
      indicator('a', 'output', compare('>=', num(10, '次')), '≥10次'),
      indicator('b', 'benefit', { kind: 'qualitative', text: '有效' }, '有效'),
      indicator('c', 'satisfaction', compare('>=', num(90, '%')), '≥90%'),
    ]),
    quantityActual('a', num(13, '次'), '13次'),
  ]);
  t.equal(scores.a, 50);
  const card = computeScorecard(
    fold([registered(wan(10)), declared([indicator('a', 'output', compare('>=', num(10, '次')), '≥10次')]), quantityActual('a', num(13, '次'), '13次')]),
  );
  t.equal(card.indicators[0]?.status, 'met');
  t.equal(card.indicators[0]?.needsExplanation, true);
  t.equal(card.indicators[0]?.explanationReason, '超额完成（≥130%）');
});

t.test('the latest actual by asOf is the one scored', async (t) => {
  const scores = scoresById([
    ...workedExampleDeclaration(),
    quantityActual('i7', num(99, '%'), '99%', '2022-12-31'),
    quantityActual('i7', num(90, '%'), '90%', '2022-06-30'), // recorded later, but older
  ]);
  t.equal(scores.i7, 10);
});

t.test('a revised target is scored against its latest approved value and shows the original', async (t) => {
  const card = computeScorecard(
    fold([
      ...workedExampleDeclaration(),
      {
        type: 'TargetRevised',
        data: {
          indicatorId: 'i7',
          target: compare('>=', num(95, '%')),
          targetText: '≥95%',
          previousTarget: compare('>=', num(98, '%')),
          previousTargetText: '≥98%',
          reason: '调查口径调整',
          approvalRef: '黔南财〔2022〕7号',
        },
      },
      quantityActual('i7', num(96, '%'), '96%'),
    ]),
  );
  const i7 = card.indicators.find((i) => i.id === 'i7');
  t.equal(i7?.score, 10);
  t.equal(i7?.target, '≥95%');
  t.equal(i7?.originalTarget, '≥98%');
});

t.test('a reference figure shows target and actual as a share of it', async (t) => {
  const card = computeScorecard(
    fold([
      registered(wan(10)),
      declared([
        indicator('a', 'output', compare('<=', money(wan(3))), '≤3万', {
          standard: '历史标准',
          reference: { text: '2021年 4万元', quantity: money(wan(4)) },
        }),
        indicator('b', 'output', compare('>=', num(5, '次')), '≥5次', { standard: '行业标准', reference: { text: '行业平均' } }),
      ]),
      quantityActual('a', money(wan(2.4)), '2.4万元'),
    ]),
  );
  t.same(card.indicators[0]?.reference, { text: '2021年 4万元', targetVsReferencePercent: 75, actualVsReferencePercent: 60 });
  t.equal(card.indicators[0]?.standard, '历史标准');
  t.same(card.indicators[1]?.reference, { text: '行业平均', targetVsReferencePercent: null, actualVsReferencePercent: null });
});

t.test('a table whose points do not add up is still scored, with the error among the warnings', async (t) => {
  const card = computeScorecard(
    fold([
      registered(wan(10)),
      declared([
        indicator('a', 'output', compare('>=', num(1)), '≥1', { points: 40 }),
        indicator('b', 'benefit', compare('>=', num(1)), '≥1', { points: 30 }),
        indicator('c', 'satisfaction', compare('>=', num(1)), '≥1', { points: 10 }),
      ]),
    ]),
  );
  t.same(card.warnings, ['分值合计不符：预算执行率 10 + 产出 40 + 效益 30 + 满意度 10 = 90，应为 100']);
});

t.test('grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below, thresholds from policy', async (t) => {
  const th = { excellent: 90, good: 80, fair: 60 };
  t.equal(gradeOf(90, th), '优');
  t.equal(gradeOf(89.99, th), '良');
  t.equal(gradeOf(80, th), '良');
  t.equal(gradeOf(79.99, th), '中');
  t.equal(gradeOf(60, th), '中');
  t.equal(gradeOf(59.99, th), '差');
  t.equal(gradeOf(85, { excellent: 85, good: 75, fair: 60 }), '优');
});
