import { readFileSync } from 'node:fs';
import t from 'tap';
import { testApp } from '../../helpers/test-app.js';

/** Fixture 004, a 部门整体支出绩效目标表, imported through the API: one department-year, not a project. */
const content = readFileSync(new URL('../../fixtures/004_6255a671ef9b9be6.txt', import.meta.url));
const NAME = '成都市工商业联合会';
const URL_OF = `/api/departments/${encodeURIComponent(NAME)}/2022`;

t.test('importing 004 records 1 department-year with 6 tasks, 2,550.87 万元 and 34 indicators each with its task', async (t) => {
  const h = await testApp({ now: '2022-03-01T10:00:00' });
  t.teardown(h.close);
  const post = (dryRun: boolean) =>
    h.app.inject({ method: 'POST', url: `/api/import?fileName=004.txt&dryRun=${dryRun}`, headers: { 'content-type': 'text/plain', 'x-requested-with': 'test' }, payload: content });

  let res = await post(true);
  t.equal(res.statusCode, 200, res.statusCode === 200 ? '' : res.body);
  let outcome = res.json().projects[0].outcome;
  t.match(outcome, { status: 'would-create', id: `${NAME}-2022`, departmentYear: { name: NAME, year: 2022, url: URL_OF }, commands: ['RegisterDepartment', 'DeclareTasks', 'DeclareTargets'] }, 'the dry run names the department-year');
  t.equal((await h.call('GET', URL_OF)).statusCode, 404, 'a dry run records nothing');

  res = await post(false);
  outcome = res.json().projects[0].outcome;
  t.match(outcome, { status: 'created', departmentYear: { url: URL_OF } });
  t.strictSame((await h.call('GET', '/api/projects')).json().projects, [], 'no project was made of it');

  const d = (await h.call('GET', URL_OF)).json().department;
  t.equal(d.name, NAME);
  t.equal(d.displayUnit, '万元');
  t.equal(d.budget.totalFen, 2_550_870_000, '2,550.87 万元 = 25,508,700.00 元');
  t.strictSame(d.budget.sources.map((s: { name: string; fen: number }) => [s.name, s.fen]), [['财政拨款', 2_550_870_000], ['其他资金', 0]]);
  t.match(d.goals.annual, /^一、加强教育引导/);
  t.equal(d.tasks.length, 6);
  t.strictSame(d.tasks.map((x: { id: string }) => x.id), ['t1', 't2', 't3', 't4', 't5', 't6']);
  t.equal(d.tasks[5].name, '民营经济研究及考察调研工作');
  t.match(d.tasks[5].content, /^围绕党委政府中心工作/);
  t.equal(d.indicators.length, 34);
  t.ok(d.indicators.every((i: { task?: string; name: string }) => /^t[1-6]$/.test(i.task ?? '') && !i.name.startsWith('任务')), 'each indicator names its task, no prefix in its name');
  const perTask = d.tasks.map((x: { id: string }) => d.indicators.filter((i: { task: string }) => i.task === x.id).length);
  t.equal(perTask.reduce((a: number, b: number) => a + b, 0), 34);
  t.ok(perTask.every((n: number) => n > 0), `every task has indicators (${perTask.join(', ')})`);

  res = await post(false);
  t.equal(res.json().projects[0].outcome.status, 'unchanged', 'importing again changes nothing');
});
