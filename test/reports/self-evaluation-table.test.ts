import t from 'tap';
import { selfEvaluationTable } from '../../projections/reports/self-evaluation-table.js';
import { workedExample, workedScorecard } from './sample-project.js';

const project = workedExample().project();
const card = workedScorecard();
const table = selfEvaluationTable(project, card);

t.test('the header names the project, its department, unit and year, in 元', async (t) => {
  t.same(table.header, {
    projectId: '52270022P00430210142W-2022',
    code: '52270022P00430210142W',
    projectName: '黔南州政企服务平台建设工作经费',
    department: '黔南州工商业联合会',
    implementingUnit: '黔南州工商业联合会',
    year: 2022,
    implementationPeriod: '',
  });
  t.equal(table.title, '项目支出绩效自评表');
  t.equal(table.moneyUnit, '元');
});

t.test('the funding total row: 50万 budget, 45万 spent, 90% → 9 of 10 points', async (t) => {
  t.same(table.funding[0], {
    kind: 'total',
    label: '年度资金总额',
    initialBudget: 500000,
    budget: 500000,
    spent: 450000,
    points: 10,
    ratePercent: 90,
    score: 9,
  });
});

t.test('the source rows of the form: 财政拨款, 上年结转资金, 其他资金, with execution per source and the score on the total', async (t) => {
  t.same(table.funding.slice(1), [
    { kind: 'source', label: '财政拨款', initialBudget: 450000, budget: 450000, spent: 450000, points: null, ratePercent: 100, score: null },
    { kind: 'source', label: '上年结转资金', initialBudget: 0, budget: 0, spent: 0, points: null, ratePercent: null, score: null },
    { kind: 'source', label: '其他资金', initialBudget: 50000, budget: 50000, spent: 0, points: null, ratePercent: 0, score: null },
  ]);
});

t.test('without registered sources the three source rows are printed empty', async (t) => {
  const plain = selfEvaluationTable({ ...project, budget: { ...project.budget, sources: [] } }, { ...card, execution: { ...card.execution, sources: [] } });
  t.same(plain.funding.slice(1).map((f) => [f.label, f.initialBudget, f.spent]), [['财政拨款', null, null], ['上年结转资金', null, null], ['其他资金', null, null]]);
  t.ok(plain.notes.some((n) => n.startsWith('项目未登记资金来源')));
});

t.test('the goals: declared aim beside a generated summary of what was met', async (t) => {
  t.same(table.goals, {
    annual: '完成黔南州政企服务平台建设工作',
    actual: '共 7 项指标：达成 4 项，部分达成 3 项，未达成 0 项；全年执行数 450,000.00 元，预算执行率 90.00%。',
    actualIsDraft: true,
  });
});

t.test('indicators without an actual are counted as such in the summary', async (t) => {
  const pending = { ...card, indicators: card.indicators.map((i) => (i.id === 'i7' ? { ...i, actual: null, status: 'pending' as const } : i)) };
  t.equal(
    selfEvaluationTable(project, pending).goals.actual,
    '共 7 项指标：达成 4 项，部分达成 2 项，未达成 0 项，尚无实际完成值 1 项；全年执行数 450,000.00 元，预算执行率 90.00%。',
  );
});

t.test('indicator rows carry target, actual, points, score and the deviation analysis', async (t) => {
  t.same(
    table.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual, i.points, i.score]),
    [
      ['产出指标', '数量指标', '黔南州政企服务平台建设工作', '= 1 个', '1个', 10, 10],
      ['产出指标', '质量指标', '平台建设质量', '高质量完成', '达成', 10, 10],
      ['产出指标', '时效指标', '平台建设完成时间', '2022-12-31 前完成', '2022年11月30日', 10, 10],
      ['产出指标', '成本指标', '黔南州政企服务平台建设工作经费', '≤ 50 万元', '45万元', 10, 10],
      ['产出指标', '成本指标', '项目或定额成本控制率', '= 100 %', '90%', 10, 9],
      ['效益指标', '社会效益指标', '促进民营经济高质量发展', '提供有力组织保障', '部分达成', 30, 21],
      ['满意度指标', '满意度指标', '州直属商会、民营经济人士满意度', '≥ 98 %', '96%', 10, 9.8],
    ],
  );
  t.equal(table.indicators[4]!.deviation, '原因：部分合同尾款跨年支付 措施：加快结算进度');
  t.equal(table.indicators[0]!.deviation, '', 'an indicator without deviation records has an empty cell');
  t.equal(table.indicators[0]!.standard, '计划标准');
  t.equal(table.indicators[2]!.targetWritten, '2022年12月', 'the target as written stays available');
});

t.test('several deviation records of one indicator make one line each', async (t) => {
  const more = workedExample()
    .add('DeviationRecorded', { indicatorId: 'i5', category: '经费保障', reason: '二次复核', measure: '年初结清' })
    .project();
  t.equal(
    selfEvaluationTable(more, card).indicators[4]!.deviation,
    '原因：部分合同尾款跨年支付 措施：加快结算进度\n原因：二次复核 措施：年初结清',
  );
});

t.test('total 88.80 and grade 良; points add up to 100', async (t) => {
  t.equal(table.total, 88.8);
  t.equal(table.grade, '良');
  t.equal(table.pointsTotal, 100);
});

t.test('indicators are grouped by level 1 then level 2, in order of first appearance', async (t) => {
  const [a, b, c, d, e, f, g] = card.indicators as [typeof card.indicators[number], ...typeof card.indicators];
  const shuffled = { ...card, indicators: [a, f!, b!, g!, e!, c!, d!] };
  t.same(
    selfEvaluationTable(project, shuffled).indicators.map((i) => i.id),
    ['i1', 'i2', 'i5', 'i4', 'i3', 'i6', 'i7'],
    '产出 first (数量, 质量, 成本, 时效 as first seen; i5 before i4 as given), then 效益, then 满意度',
  );
});

t.test('a revised target shows the declared one beside it, and an override is explained in the notes', async (t) => {
  const revised = {
    ...card,
    indicators: card.indicators.map((i) =>
      i.id === 'i7'
        ? { ...i, target: '≥ 95 %', originalTarget: '≥ 98 %', computedScore: 10, score: 8, override: { score: 8, reason: '样本量不足', actor: '赵六' } }
        : i,
    ),
  };
  const t2 = selfEvaluationTable(project, revised);
  t.match(t2.indicators[6], { target: '≥ 95 %', originalTarget: '≥ 98 %', computedScore: 10, score: 8 });
  t.ok(t2.notes.includes('年度指标值经批准调整的，括号内为原申报值。'));
  t.ok(t2.notes.includes('「州直属商会、民营经济人士满意度」得分经人工调整：计算得分 10.00，调整为 8.00（赵六），理由：样本量不足'));
  t.notOk('originalTarget' in table.indicators[6]!, 'an unrevised target has no originalTarget');
});

t.test('notes: draft status, the scoring date, and budget-execution deviations', async (t) => {
  t.ok(table.notes.includes('本表为草稿：自评尚未提交。'));
  t.ok(table.notes.includes('评分截至 2022-12-31。'));
  const withExec = workedExample()
    .add('DeviationRecorded', { category: '经费保障', reason: '资金到位晚', measure: '加快支付' })
    .add('EvaluationSubmitted', { total: 88.8, grade: '良' })
    .project();
  const submitted = selfEvaluationTable(withExec, card);
  t.notOk(submitted.notes.includes('本表为草稿：自评尚未提交。'));
  t.ok(submitted.notes.includes('预算执行偏差：原因：资金到位晚 措施：加快支付'));
});
