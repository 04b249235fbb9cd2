import t from 'tap';
import { BASE, DEPARTMENT, recordedDepartmentYear } from '../../helpers/department-year.js';

/** The 部门整体支出绩效自评表 of a recorded department-year: its cells as a finance officer reads them. */

t.test('the department 自评表: 部门名称, funding, tasks with budget and execution, goals, indicators by task, total and grade', async (t) => {
  const h = await recordedDepartmentYear(t);
  let res = await h.call('GET', `${BASE}/self-evaluation`);
  t.equal(res.statusCode, 200, res.statusCode === 200 ? '' : res.body);
  const form = res.json();
  t.equal(form.title, '部门整体支出绩效自评表');
  t.equal(form.moneyUnit, '万元');
  t.strictSame(form.header, { id: '某县商务局-2022', department: DEPARTMENT, year: 2022 });
  t.strictSame(
    form.funding.map((f: { label: string; initialBudget: number; budget: number; spent: number; ratePercent: number; score: number | null }) => [f.label, f.initialBudget, f.budget, f.spent, f.ratePercent, f.score]),
    [
      ['年度资金总额', 100, 100, 95, 95, 9.5],
      ['财政拨款', 80, 80, 60, 75, null],
      ['上年结转资金', 0, 0, 0, null, null],
      ['其他资金', 20, 20, 35, 175, null],
    ],
  );
  t.strictSame(
    form.tasks.map((x: { name: string; content: string; budget: number; spent: number; executionPercent: number }) => [x.name, x.content, x.budget, x.spent, x.executionPercent]),
    [
      ['招商引资', '举办招商推介活动', 60, 60, 100],
      ['市场监管', '开展市场秩序检查', 40, 0, 0],
    ],
  );
  t.equal(form.unassignedSpent, 35);
  t.strictSame(form.goals, { annual: '完成年度商务发展任务', actual: '全年举办推介会5场，检查8次', actualIsDraft: false });
  t.strictSame(
    form.indicatorGroups.map((g: { label: string; indicators: { name: string; target: string; actual: string | null; points: number; score: number; deviation: string }[] }) => [
      g.label,
      g.indicators.map((i) => [i.name, i.target, i.actual, i.points, i.score, i.deviation]),
    ]),
    [
      ['任务1：招商引资', [['举办推介会', '≥ 4 场', '5场', 25, 25, '']]],
      ['任务2：市场监管', [['检查次数', '≥ 10 次', '8次', 25, 20, '原因：人员不足 措施：增加人手']]],
      ['不属于任务的指标', [['营商环境', '持续改善', '达成', 30, 30, ''], ['企业满意度', '≥ 90 %', '95%', 10, 10, '']]],
    ],
  );
  t.equal(form.pointsTotal, 100);
  t.equal(form.total, 94.5);
  t.equal(form.grade, '优');
  t.match(form.notes, ['本表为草稿：自评尚未提交。']);

  // As of 30 June: the past answers (one payment, 2 场, nothing yet for the others).
  res = await h.call('GET', `${BASE}/self-evaluation?asOf=2022-06-30`);
  const past = res.json();
  t.equal(past.funding[0].spent, 30);
  t.equal(past.tasks[0].spent, 30);
  t.strictSame(past.indicatorGroups[0].indicators[0].actual, '2场');
  t.equal(past.total, 15.5);

  // The printable forms.
  res = await h.call('GET', `${BASE}/self-evaluation?format=html`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, /<h1>部门整体支出绩效自评表<\/h1>/);
  t.match(res.body, /<td colspan="2">任务1：招商引资<\/td><td colspan="3">举办招商推介活动<\/td><td class="number">60.00<\/td><td class="number">60.00<\/td><td class="number">100.00<\/td>/);
  t.match(res.body, /<td class="label" colspan="8">任务2：市场监管<\/td>/);
  res = await h.call('GET', `${BASE}/self-evaluation?format=xlsx`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-disposition'], /filename\*=UTF-8''/);
  t.ok(res.rawPayload.subarray(0, 2).equals(Buffer.from('PK')), 'an xlsx (zip) workbook');
});
