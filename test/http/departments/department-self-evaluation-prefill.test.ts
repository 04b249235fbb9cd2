import t from 'tap';
import { DEPARTMENT, recordDepartmentProjects } from '../../helpers/department-projects.js';
import { testApp } from '../../helpers/test-app.js';

/**
 * Issue 17 item 4: a department-year with no indicators of its own gets its 自评表 pre-filled from the
 * roll-up of its three projects (budgets 100 + 50 + 40 = 190 万, spent 173 万, A 99.50 优, B 79.00 中,
 * C 99.28 优; weighted (99.5×100 + 79×50 + 99.28×40) / 190 = 94.06).
 */
t.test('no own indicators: funding from the roll-up by source, the projects’ results in the indicator part, marked pre-filled', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  await recordDepartmentProjects(h);
  const base = `/api/departments/${encodeURIComponent(DEPARTMENT)}/2022`;
  t.equal((await h.call('POST', '/api/departments', { name: DEPARTMENT, year: 2022, budget: { initial: '190万元' }, displayUnit: '万元' })).statusCode, 201);
  h.setNow('2022-12-31T17:00:00');
  const res = await h.call('GET', `${base}/self-evaluation`);
  t.equal(res.statusCode, 200, res.body);
  const form = res.json();
  t.strictSame(
    form.funding.map((f: { label: string; initialBudget: number | null; budget: number; spent: number; ratePercent: number | null; score: number | null }) => [f.label, f.initialBudget, f.budget, f.spent, f.ratePercent, f.score]),
    [
      ['年度资金总额', null, 190, 173, 91.05, null],
      ['财政拨款', null, 120, 118, 98.33, null],
      ['其他资金', null, 20, 15, 75, null],
      ['未登记来源', null, 50, 40, 80, null],
    ],
  );
  t.strictSame(form.indicatorGroups, []);
  const p = form.prefilledFromRollup;
  t.equal(p.projectCount, 3);
  t.strictSame(
    p.projects.map((x: { code: string; name: string; budget: number; spent: number; executionPercent: number; score: number; grade: string }) => [x.code, x.name, x.budget, x.spent, x.executionPercent, x.score, x.grade]),
    [
      ['CDGSL001', '城市商会服务经费', 100, 95, 95, 99.5, '优'],
      ['CDGSL002', '民营经济调研经费', 50, 40, 80, 79, '中'],
      ['CDGSL003', '会员服务经费', 40, 38, 95, 99.28, '优'],
    ],
  );
  t.equal(p.weightedScore, 94.06);
  t.equal(p.grade, '优');
  t.strictSame(form.notes, ['本表为草稿：自评尚未提交。', '评分截至 2022-12-31。', '本部门未设部门整体绩效指标：资金执行与各项目得分、等级由所属项目汇总预填，总分与自评等级留待填报人填写，请核对并补充完善。']);
  t.equal(form.goals.actual, '（由项目汇总生成的草稿）所属 3 个项目：全年预算数 190.00 万元，全年执行数 173.00 万元，执行率 91.05%；项目加权平均得分 94.06（优）。');
  t.equal(form.goals.actualIsDraft, true);

  const html = await h.call('GET', `${base}/self-evaluation?format=html`);
  t.equal(html.statusCode, 200);
  t.match(html.body, /绩效指标（由所属项目汇总预填，待完善）/);
  t.match(html.body, /民营经济调研经费/);
  const xlsx = await h.call('GET', `${base}/self-evaluation?format=xlsx`);
  t.equal(xlsx.statusCode, 200);

  // With indicators of its own, the form is the department's own: no pre-fill.
  t.equal((await h.call('PUT', `${base}/targets`, { indicators: [{ level1: '产出指标', level2: '数量指标', name: '走访企业', target: '≥10家' }] })).statusCode, 200);
  const own = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.equal(own.prefilledFromRollup, null);
  t.equal(own.funding[0].budget, 190);
  t.equal(own.funding[0].spent, 0, 'the department stream’s own spending, none recorded');
});
