import t from 'tap';
import { testApp } from '../../helpers/test-app.js';

import { BASE, DEPARTMENT, recordedDepartmentYear, registerDepartment, targets, tasks } from '../../helpers/department-year.js';

t.test('a department-year: tasks, indicators with their task, spending by task, judgments, submit; as of a past date', async (t) => {
  const h = await recordedDepartmentYear(t);
  let res = await h.call('POST', `${BASE}/evaluation/submit`, {});
  t.equal(res.statusCode, 200, res.statusCode === 200 ? "" : res.body);

  res = await h.call('GET', BASE);
  t.equal(res.statusCode, 200, res.statusCode === 200 ? "" : res.body);
  const d = res.json().department;
  t.match(d, { kind: 'department', name: DEPARTMENT, department: DEPARTMENT, year: 2022, displayUnit: '万元', status: 'submitted', goals: { annual: '完成年度商务发展任务' } });
  t.strictSame(
    d.budget.sources.map((s: { name: string; fen: number; totalFen: number }) => [s.name, s.fen, s.totalFen]),
    [['财政拨款', 80_000_000, 80_000_000], ['其他资金', 20_000_000, 20_000_000]],
  );
  t.equal(d.budget.totalFen, 100_000_000);
  t.equal(d.budget.spentFen, 95_000_000);
  t.strictSame(
    d.tasks.map((x: { id: string; budgetFen: number; spentFen: number; executionPercent: number }) => [x.id, x.budgetFen, x.spentFen, x.executionPercent]),
    [['t1', 60_000_000, 60_000_000, 100], ['t2', 40_000_000, 0, 0]],
  );
  t.equal(d.unassignedSpentFen, 35_000_000);
  t.strictSame(d.indicators.map((i: { id: string; task?: string }) => [i.id, i.task ?? null]), [['fairs', 't1'], ['checks', 't2'], ['effect', null], ['sat', null]]);
  // 执行 95 %: 10 × 0.95 = 9.5; 产出 50: fairs 25, checks 8/10 × 25 = 20; 效益 30; 满意度 10.
  t.equal(d.scorecard.execution.ratePercent, 95);
  t.equal(d.scorecard.total, 9.5 + 25 + 20 + 30 + 10);
  t.equal(d.scorecard.grade, '优');
  t.same([d.projects.key, d.projects.projectCount, d.projects.weightedScore], [DEPARTMENT, 0, null], 'the roll-up of its projects: none registered');

  // Department streams are not projects.
  res = await h.call('GET', '/api/projects');
  t.strictSame(res.json().projects, []);

  // As of 30 June: one payment, one actual of 2 场.
  res = await h.call('GET', `${BASE}?asOf=2022-06-30`);
  t.equal(res.statusCode, 200, res.statusCode === 200 ? "" : res.body);
  const past = res.json().department;
  t.equal(past.budget.spentFen, 30_000_000);
  t.equal(past.tasks[0].spentFen, 30_000_000);
  t.equal(past.indicators[0].latestActual.text, '2场');
  t.equal(past.status, 'open');
  // Known at 1 July: the same.
  res = await h.call('GET', `${BASE}?knownAt=2022-07-01`);
  t.equal(res.json().department.budget.spentFen, 30_000_000);

  // The history names the department's events.
  res = await h.call('GET', `${BASE}/history`);
  t.equal(res.statusCode, 200, res.statusCode === 200 ? "" : res.body);
  const summaries = res.json().entries.map((e: { summary: string }) => e.summary);
  t.match(summaries[0], /登记部门整体「某县商务局」（2022年度）/);
  t.match(summaries[1], /申报年度主要任务，共 2 项：招商引资、市场监管/);

  // The URL's name is read NFKC, whitespace removed: the same department-year.
  res = await h.call('GET', `/api/departments/${encodeURIComponent('某县 商务局')}/2022`);
  t.equal(res.statusCode, 200);
});

t.test('refusals: an unknown task (which row), tasks on a project, a name with "/", registering twice, dropping a task in use', async (t) => {
  const h = await testApp({ now: '2022-06-30T10:00:00' });
  t.teardown(h.close);
  t.equal((await h.call('POST', '/api/departments', registerDepartment)).statusCode, 201);
  let res = await h.call('POST', '/api/departments', registerDepartment);
  t.equal(res.statusCode, 409);
  res = await h.call('POST', '/api/departments', { ...registerDepartment, name: '商务局/招商科' });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'name', message: /不能包含 \// }]);

  t.equal((await h.call('PUT', `${BASE}/tasks`, tasks)).statusCode, 200);
  res = await h.call('PUT', `${BASE}/targets`, { indicators: [targets.indicators[0], { ...targets.indicators[1], task: 't9' }] });
  t.equal(res.statusCode, 400, res.body);
  t.match(res.json().errors, [{ field: 'indicators[1].task', message: /第 2 行「检查次数」：任务 t9 不存在；已有任务：t1, t2/ }]);
  res = await h.call('PUT', `${BASE}/tasks`, { tasks: [{ name: 'x', amounts: [{ name: '上年结转', amount: 1 }] }] });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'tasks[0].amounts[0].name', message: /未登记/ }]);
  res = await h.call('POST', `${BASE}/spending`, { amount: 100, date: '2022-06-01', task: 't3' });
  t.equal(res.statusCode, 404);
  t.match(res.json().errors, [{ field: 'task' }]);

  t.equal((await h.call('PUT', `${BASE}/targets`, targets)).statusCode, 200);
  t.equal((await h.call('POST', `${BASE}/spending`, { amount: 100, date: '2022-06-01', task: 't2' })).statusCode, 200);
  res = await h.call('PUT', `${BASE}/tasks`, { tasks: [tasks.tasks[0]] });
  t.equal(res.statusCode, 422, 'facts are recorded: a reason is needed');
  res = await h.call('PUT', `${BASE}/tasks`, { tasks: [tasks.tasks[0]], reason: '合并任务' });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'tasks', message: /检查次数.*t2/ }, { field: 'tasks', message: /支出记在任务 t2/ }]);
  res = await h.call('PUT', `${BASE}/tasks`, { tasks: [...tasks.tasks, { id: 't3', name: '电商培训' }], reason: '新增任务' });
  t.equal(res.statusCode, 200, res.statusCode === 200 ? "" : res.body);

  t.equal((await h.call('POST', '/api/projects', { code: 'P1', year: 2022, name: '项目', department: DEPARTMENT, budget: { initial: 1 } })).statusCode, 201);
  res = await h.call('PUT', '/api/projects/P1-2022/targets', { indicators: [targets.indicators[0]] });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'indicators[0].task', message: /只有部门整体/ }]);
  res = await h.call('GET', `/api/departments/${encodeURIComponent('无此部门')}/2022`);
  t.equal(res.statusCode, 404);
});
