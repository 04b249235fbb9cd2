import t from 'tap';
import type { ProjectEvent } from '../../domain/project/events.js';
import { checkpointDate, monthOfYear, plannedPercentAt } from '../../projections/monitoring/checkpoints.js';
import { colourOfRatio, worstColour } from '../../projections/monitoring/colour.js';
import { computeMonitoring } from '../../projections/monitoring/monitoring.js';
import {
  actual,
  assessed,
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
  workedExampleDeclaration,
  workedExampleSpending,
} from '../scoring/project-builder.js';

const colours = { red: 60, yellow: 80, blue: 120 };

t.test('checkpoints are month ends in the project year', async (t) => {
  t.equal(checkpointDate(2022, 3), '2022-03-31');
  t.equal(checkpointDate(2022, 6), '2022-06-30');
  t.equal(checkpointDate(2024, 2), '2024-02-29');
  t.equal(checkpointDate(2022, 12), '2022-12-31');
});

t.test('planned share: the plan where it names the month, interpolated between, month/12 with no plan', async (t) => {
  const plan = [
    { month: 3, cumulativePercent: 10 },
    { month: 6, cumulativePercent: 30 },
    { month: 10, cumulativePercent: 60 },
    { month: 12, cumulativePercent: 100 },
  ];
  t.equal(plannedPercentAt(plan, 6), 30);
  t.equal(plannedPercentAt(plan, 8), 45);
  t.equal(plannedPercentAt(plan, 1), 3.33); // from 0 % before January
  t.equal(plannedPercentAt([{ month: 6, cumulativePercent: 40 }], 9), 70); // towards 100 % at December
  t.equal(plannedPercentAt([], 6), 50);
  t.equal(plannedPercentAt([], 10), 83.33);
  t.equal(monthOfYear(2022, '2021-12-31'), 0);
  t.equal(monthOfYear(2022, '2022-07-15'), 7);
  t.equal(monthOfYear(2022, '2023-02-01'), 12);
});

t.test('colours: red below 60, yellow 60 to below 80, green from 80, blue from 120 where allowed', async (t) => {
  t.equal(colourOfRatio(59.99, colours), 'red');
  t.equal(colourOfRatio(60, colours), 'yellow');
  t.equal(colourOfRatio(79.99, colours), 'yellow');
  t.equal(colourOfRatio(80, colours), 'green');
  t.equal(colourOfRatio(150, colours), 'green');
  t.equal(colourOfRatio(120, colours, true), 'blue');
  t.equal(colourOfRatio(119.99, colours, true), 'green');
});

t.test('the project colour is the worst of its parts; blue counts as green', async (t) => {
  t.equal(worstColour(['green', 'blue', null]), 'green');
  t.equal(worstColour(['blue', 'yellow']), 'yellow');
  t.equal(worstColour(['yellow', 'red', 'green']), 'red');
  t.equal(worstColour([]), 'green');
});

t.test('worked example at 6月底: 12 万 spent = 24 % against a planned 30 %, ratio 80 → green', async (t) => {
  const m = computeMonitoring(fold([...workedExampleDeclaration(), ...workedExampleSpending()]), '2022-06-30');
  t.same(m.execution, { budget: '500000.00', spent: '120000.00', actualPercent: 24, plannedPercent: 30, ratio: 80, colour: 'green' });
  t.same(
    m.checkpoints.map((c) => [c.month, c.date, c.plannedPercent, c.actualPercent, c.ratio, c.colour]),
    [
      [3, '2022-03-31', 10, 0, 0, 'red'],
      [6, '2022-06-30', 30, 24, 80, 'green'],
    ],
  );
  t.equal(m.colour, 'green');
  t.same(m.deviations, []);
  t.same(m.indicators.map((i) => i.colour), [null, null, null, null, null, null, null]);
});

t.test('worked example at 10月底: 30 万 spent = 60 % against 60 % → green', async (t) => {
  const m = computeMonitoring(fold([...workedExampleDeclaration(), ...workedExampleSpending()]), '2022-10-31');
  t.equal(m.execution.actualPercent, 60);
  t.equal(m.execution.plannedPercent, 60);
  t.equal(m.execution.ratio, 100);
  t.equal(m.execution.colour, 'green');
  t.equal(m.checkpoints.length, 3);
});

t.test('between checkpoints, execution is spent so far against the latest checkpoint passed', async (t) => {
  const m = computeMonitoring(fold([...workedExampleDeclaration(), ...workedExampleSpending()]), '2022-09-20');
  t.equal(m.execution.plannedPercent, 30);
  t.equal(m.execution.actualPercent, 60);
  t.equal(m.execution.ratio, 200);
  t.equal(m.execution.colour, 'green');
});

t.test('spending far behind plan is red and listed as a deviation with its records', async (t) => {
  const events: ProjectEvent[] = [...workedExampleDeclaration(), spent(wan(5), '2022-05-20'), deviation()];
  const m = computeMonitoring(fold(events), '2022-06-30');
  t.equal(m.execution.actualPercent, 10);
  t.equal(m.execution.ratio, 33.33);
  t.equal(m.execution.colour, 'red');
  t.equal(m.colour, 'red');
  t.equal(m.deviations.length, 1);
  t.equal(m.deviations[0]?.indicatorId, null);
  t.equal(m.deviations[0]?.name, '预算执行');
  t.equal(m.deviations[0]?.records.length, 1);
});

t.test('spending at 70 % of plan is yellow', async (t) => {
  const m = computeMonitoring(fold([...workedExampleDeclaration(), spent(wan(10.5), '2022-05-20')]), '2022-06-30');
  t.equal(m.execution.ratio, 70);
  t.equal(m.execution.colour, 'yellow');
  t.equal(m.colour, 'yellow');
});

t.test('with no plan, execution is compared with the time share month/12 of asOf', async (t) => {
  const m = computeMonitoring(
    fold([registered(wan(12)), declared([]), spent(wan(4), '2022-05-01')]),
    '2022-06-30',
  );
  t.equal(m.execution.plannedPercent, 50);
  t.equal(m.execution.actualPercent, 33.33);
  t.equal(m.execution.ratio, 66.67);
  t.equal(m.execution.colour, 'yellow');
  t.same(m.checkpoints.map((c) => [c.month, c.plannedPercent]), [
    [3, 25],
    [6, 50],
  ]);
});

t.test('before the first checkpoint nothing is due: no ratio, green', async (t) => {
  const m = computeMonitoring(fold(workedExampleDeclaration()), '2022-02-15');
  t.same(m.checkpoints, []);
  t.equal(m.execution.plannedPercent, 0);
  t.equal(m.execution.ratio, null);
  t.equal(m.execution.colour, 'green');
});

t.test('spending dated after asOf is not counted', async (t) => {
  const m = computeMonitoring(fold([...workedExampleDeclaration(), ...workedExampleSpending()]), '2022-05-19');
  t.equal(m.execution.spent, '0.00');
});

t.test('indicators: ≥ against target × planned share, ≤ red once over, 定性 by grade, nothing recorded → no colour', async (t) => {
  const events: ProjectEvent[] = [
    registered(wan(100)),
    declared([
      indicator('count', 'output', compare('>=', num(10, '次')), '≥10次'),
      indicator('far', 'output', compare('>=', num(10, '次')), '≥10次'),
      indicator('slow', 'output', compare('>=', num(10, '次')), '≥10次'),
      indicator('cost', 'output', compare('<=', money(wan(3))), '≤3万'),
      indicator('costOver', 'output', compare('<=', money(wan(3))), '≤3万'),
      indicator('quality', 'output', { kind: 'qualitative', text: '高质量完成' }, '高质量完成'),
      indicator('benefit', 'benefit', { kind: 'qualitative', text: '有效' }, '有效'),
      indicator('none', 'satisfaction', compare('>=', num(98, '%')), '≥98%'),
    ]),
    { type: 'SpendingPlanSet', data: { checkpoints: [{ month: 6, cumulativePercent: 50 }, { month: 12, cumulativePercent: 100 }] } },
    spent(wan(50), '2022-03-01'),
    quantityActual('count', num(4, '次'), '4次', '2022-06-30'), // 4 / (10 × 50 %) = 80 → green
    quantityActual('far', num(6, '次'), '6次', '2022-06-30'), // 120 → blue
    quantityActual('slow', num(2, '次'), '2次', '2022-06-30'), // 40 → red
    quantityActual('slow', num(9, '次'), '9次', '2022-09-30'), // after asOf: not seen
    quantityActual('cost', money(wan(2)), '2万元', '2022-06-30'),
    quantityActual('costOver', money(wan(3.5)), '3.5万元', '2022-06-30'),
    actual('quality', { kind: 'grade', grade: '部分达成' }, '部分达成', '2022-06-30'),
    assessed('benefit', '达成'),
    deviation('slow'),
  ];
  const m = computeMonitoring(fold(events), '2022-07-10');
  t.same(
    m.indicators.map((i) => [i.id, i.actual, i.ratio, i.colour]),
    [
      ['count', '4次', 80, 'green'],
      ['far', '6次', 120, 'blue'],
      ['slow', '2次', 40, 'red'],
      ['cost', '2万元', 66.67, 'green'],
      ['costOver', '3.5万元', 116.67, 'red'],
      ['quality', '部分达成', null, 'yellow'],
      ['benefit', '达成', null, 'green'],
      ['none', null, null, null],
    ],
  );
  t.equal(m.colour, 'red');
  t.same(
    m.deviations.map((d) => [d.indicatorId, d.colour, d.records.length]),
    [
      ['slow', 'red', 1],
      ['costOver', 'red', 0],
      ['quality', 'yellow', 0],
    ],
  );
});

t.test('a deadline indicator: on time green, overdue and not completed red, not yet due no colour', async (t) => {
  const base: ProjectEvent[] = [
    registered(wan(10)),
    declared([indicator('d', 'output', { kind: 'deadline', date: '2022-06-30' }, '2022年6月')]),
  ];
  t.equal(computeMonitoring(fold(base), '2022-05-31').indicators[0]?.colour, null);
  t.equal(computeMonitoring(fold(base), '2022-07-31').indicators[0]?.colour, 'red');
  const done = [...base, actual('d', { kind: 'date', date: '2022-06-20' }, '2022年6月20日', '2022-06-20')];
  t.equal(computeMonitoring(fold(done), '2022-07-31').indicators[0]?.colour, 'green');
});

t.test('an = 0 indicator is red once anything happens', async (t) => {
  const m = computeMonitoring(
    fold([
      registered(wan(10)),
      declared([indicator('z', 'output', compare('=', num(0, '起')), '=0起')]),
      quantityActual('z', num(1, '起'), '1起', '2022-03-01'),
    ]),
    '2022-06-30',
  );
  t.equal(m.indicators[0]?.colour, 'red');
});
