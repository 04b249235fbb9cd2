import t from 'tap';
import { testApp } from '../../helpers/test-app.js';
import { A, B, C, DEPARTMENT, recordDepartmentProjects } from '../../helpers/department-projects.js';
import { DepartmentListSchema, DepartmentRollupSchema } from '../../../src/http/schemas/department-rollup.js';

const WAN = 1_000_000; // fen in 1 万元
const url = (name: string, query = '') => `/api/departments/${encodeURIComponent(name)}/2022/rollup${query}`;

t.test('the roll-up of a department with three projects: the figures a finance bureau checks', async (t) => {
  const h = await testApp();
  t.teardown(h.close);
  await recordDepartmentProjects(h);
  h.setNow('2023-01-05T10:00:00');

  // Asked with an ideographic space: NFKC and whitespace removed on both sides.
  const res = await h.call('GET', url('成都市　工商业联合会'));
  t.equal(res.statusCode, 200, res.body);
  const r = res.json();
  t.same(DepartmentRollupSchema.parse(r), r, 'the schema describes every field');
  t.equal(r.key, DEPARTMENT);
  t.same(r.names, ['成都市 工商业联合会', '成都市工商业联合会'], 'both spellings, the other department left out');
  t.equal(r.projectCount, 3);
  t.equal(r.asOf, '2023-01-05');
  t.same([r.budgetFen, r.budget, r.spentFen, r.spent], [190 * WAN, '1900000.00', 173 * WAN, '1730000.00'], '100 + 50 + 40 万 (C after its adjustment); 95 + 40 + 38 万 spent');
  t.equal(r.executionPercent, 91.05, '173 / 190 = 91.05 %');
  t.same(
    r.sources.map((s: any) => [s.name, s.budgetFen / WAN, s.spentFen / WAN, s.executionPercent, s.projects]),
    [
      ['财政拨款', 120, 118, 98.33, 2],
      ['其他资金', 20, 15, 75, 1],
    ],
    'by source as the projects name them: 财政拨款 80 + 40 万, spent 80 + 38 万',
  );
  t.same([r.withoutSources.budgetFen / WAN, r.withoutSources.spentFen / WAN, r.withoutSources.projects], [50, 40, 1], 'B registered no source');

  const line = (id: string) => r.projects.find((p: any) => p.id === id);
  t.same(
    [A, B, C].map((id) => [line(id).score, line(id).grade, line(id).colour, line(id).submitted, line(id).needsExplanation, line(id).executionPercent]),
    [
      [99.5, '优', 'green', true, false],
      [79, '中', 'yellow', false, true],
      [99.28, '优', 'green', false, false],
    ].map((row, k) => [...row, [95, 80, 95][k]]),
    'A 9.5 + 50 + 30 + 10; B 8 + 40 + 21 + 10; C 9.5 + 50 + 30 + 9.78 (88 of ≥ 90 %, explained)',
  );
  t.same(line(C).sources, [{ name: '财政拨款', budgetFen: 40 * WAN, budget: '400000.00', spentFen: 38 * WAN, spent: '380000.00', executionPercent: 95 }]);
  t.equal(line(B).missingExplanations, 2, 'B at year end: 8 of ≥ 10 次 and 部分达成 lack a record (its execution was explained on 7月5日)');
  // (99.50 × 100 + 79.00 × 50 + 99.28 × 40) / 190 = 17,871.2 / 190 = 94.0589…
  t.equal(r.weightedScore, 94.06, 'weighted by 全年预算数');
  t.equal(r.grade, '优');
  t.same(r.grades, { 优: 2, 良: 0, 中: 1, 差: 0 });
  t.same(r.colours, { green: 2, yellow: 1, red: 0, blue: 0 });
  t.same(r.needingExplanation, [{ id: B, name: '民营经济调研经费' }]);
  t.same(r.notSubmitted.map((p: any) => p.id), [B, C]);

  await t.test('as of 6月底 it answers the past', async (t) => {
    const past = (await h.call('GET', url(DEPARTMENT, '?asOf=2022-06-30'))).json();
    t.equal(past.asOf, '2022-06-30');
    t.same([past.budgetFen / WAN, past.spentFen / WAN], [180, 34], "C's budget before its adjustment (30 万); spent 20 + 2 + 12 万");
    t.equal(past.executionPercent, 18.89);
    t.same([A, B, C].map((id) => past.projects.find((p: any) => p.id === id).score), [2, 0.4, 4], 'execution only: no actual or grade yet');
    t.equal(past.weightedScore, 1.89, '(2 × 100 + 0.4 × 50 + 4 × 30) / 180');
    t.equal(past.grade, '差');
    t.same(past.colours, { green: 1, yellow: 1, red: 1, blue: 0 }, 'A 66.67 % of plan, B 13.33 %, C 133.33 %');
    t.same(past.needingExplanation.map((p: any) => p.id), [A, B], 'A yellow and B red at 6月, neither explained yet');
    t.same(past.projects.map((p: any) => p.missingExplanations), [1, 1, 0], "A's and B's execution at 6月 (yellow, red), no indicator measured yet");
    t.same(past.notSubmitted.map((p: any) => p.id), [A, B, C], 'A was submitted only at year end');

    const july = (await h.call('GET', url(DEPARTMENT, '?asOf=2022-07-15'))).json();
    t.same(july.needingExplanation.map((p: any) => p.id), [A], "B's 6月 record of 7月5日 explains it");

    const known = (await h.call('GET', url(DEPARTMENT, '?knownAt=2022-07-01'))).json();
    t.same([known.spentFen / WAN, known.notSubmitted.length, known.needingExplanation.length], [34, 3, 2], 'what the system said on 1 July');
  });

  await t.test('the list of departments: one row per department of the year', async (t) => {
    const list = (await h.call('GET', '/api/departments?year=2022')).json();
    t.same(DepartmentListSchema.parse(list), list);
    t.same(list.departments.map((d: any) => [d.department, d.projectCount]), [
      ['成都市工商业联合会', 3],
      ['黔南州工商业联合会', 1],
    ], 'named as most of its projects spell it');
    const row = list.departments[0];
    t.same(
      [row.budgetFen / WAN, row.spentFen / WAN, row.executionPercent, row.weightedScore, row.grade, row.colours, row.needingExplanation, row.notSubmitted],
      [190, 173, 91.05, 94.06, '优', { green: 2, yellow: 1, red: 0, blue: 0 }, 1, 2],
    );
    const other = list.departments[1];
    t.same([other.weightedScore, other.grade, other.executionPercent], [0, '差', 0], 'a project with nothing recorded scores 0');
    t.same((await h.call('GET', '/api/departments?year=2021')).json().departments, [], 'no project that year');
    const past = (await h.call('GET', '/api/departments?year=2022&asOf=2022-06-30')).json();
    t.equal(past.departments[0].weightedScore, 1.89);
  });

  await t.test('refusals name the field', async (t) => {
    const noYear = await h.call('GET', '/api/departments');
    t.equal(noYear.statusCode, 400);
    t.match(noYear.json().errors, [{ field: /year/ }]);
    t.equal((await h.call('GET', url(DEPARTMENT, '?asOf=2022-02-30'))).statusCode, 400);
    t.equal((await h.call('GET', `/api/departments/${encodeURIComponent('部'.repeat(101))}/2022/rollup`)).statusCode, 414, 'a name over 100 characters');
    t.equal((await h.call('GET', `/api/departments/x/20x2/rollup`)).statusCode, 400);
  });

  await t.test('a department with no project that year rolls up to nothing', async (t) => {
    const none = (await h.call('GET', url('不存在的部门'))).json();
    t.same([none.projectCount, none.budgetFen, none.executionPercent, none.weightedScore, none.grade, none.projects], [0, 0, null, null, null, []]);
  });
});
