import t from 'tap';
import { securityServer, withProject, problemOf } from './server.js';

/**
 * Issue 13 D10: spending dated 1900-01-01 or in the previous year was accepted on a 2022 project and
 * counted; an actual of 1e308 was accepted. A fact's business date lies inside the project year; amounts
 * and counts are bounded.
 */
t.test('facts dated outside the project year are refused and not counted', async (t) => {
  const s = await securityServer({ now: '2023-02-10T10:00:00' });
  t.teardown(s.close);
  const id = await withProject(s);
  const before = await s.h.runtime.store.headPosition();
  const cases: [string, unknown, string][] = [
    [`/api/projects/${id}/spending`, { amount: '1万元', date: '1900-01-01' }, 'date'],
    [`/api/projects/${id}/spending`, { amount: '1万元', date: '2021-12-31' }, 'date'],
    [`/api/projects/${id}/spending`, { amount: '1万元', date: '2023-01-05' }, 'date'],
    [`/api/projects/${id}/budget-adjustments`, { total: '60万元', reason: '追加', approvalRef: '文1', effectiveDate: '2021-06-30' }, 'effectiveDate'],
    [`/api/projects/${id}/indicators/i1/actuals`, { value: 1, asOf: '1900-01-01' }, 'asOf'],
    [`/api/projects/${id}/indicators/i1/actuals`, { value: 1, asOf: '2023-01-31' }, 'asOf'],
    [`/api/projects/${id}/indicators/i3/actuals`, { value: '2021-11-30', asOf: '2022-12-31' }, 'value'],
    [`/api/projects/${id}/indicators/i3/actuals`, { value: '2023-01-15', asOf: '2022-12-31' }, 'value'],
  ];
  for (const [path, body, field] of cases) {
    const res = await s.send('POST', path, body);
    t.equal(res.status, 422, `${path} ${JSON.stringify(body)}`);
    const p = await problemOf(res);
    t.match(p.contentType, /^application\/problem\+json/);
    t.equal(p.rule, 'date-outside-project-year');
    t.match(p.errors, [{ field }]);
  }
  t.equal(await s.h.runtime.store.headPosition(), before, 'no event written');
  const { project } = (await (await s.send('GET', `/api/projects/${id}`)).json()) as {
    project: { spending: unknown[]; indicators: { actuals: unknown[] }[] };
  };
  t.equal(project.spending.length, 0, 'no spending counted');
  t.ok(project.indicators.every((i) => i.actuals.length === 0), 'no actual counted');

  // Recorded in February 2023, dated inside 2022: a late correction is taken.
  const late = await s.send('POST', `/api/projects/${id}/spending`, { amount: '1万元', date: '2022-12-31', note: '年末补录' });
  t.equal(late.status, 200);
  t.equal((await s.send('POST', `/api/projects/${id}/indicators/i3/actuals`, { value: '2022-11-30', asOf: '2022-12-31' })).status, 200);
});

t.test('numbers beyond the bounds are refused: no 1e308 actuals, amounts below 10^15 fen', async (t) => {
  const s = await securityServer({ now: '2022-12-31T10:00:00' });
  t.teardown(s.close);
  const id = await withProject(s);
  const before = await s.h.runtime.store.headPosition();
  const cases: [string, string, unknown, string][] = [
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: 1e308, asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: -1e308, asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: '1e308', asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: '2000000000000', asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/indicators/i4/actuals`, { value: '1000000000亿元', asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/spending`, { amount: 1e13, date: '2022-06-30' }, 'amount'],
    ['POST', `/api/projects/${id}/spending`, { amount: '10000000000000', date: '2022-06-30' }, 'amount'],
    ['POST', `/api/projects/${id}/budget-adjustments`, { total: '100000亿元', reason: '追加', approvalRef: '文1', effectiveDate: '2022-06-30' }, 'total'],
    ['POST', `/api/projects/${id}/indicators/i1/revisions`, { target: '≥ 1e13次', reason: '调整', approvalRef: '文1' }, 'target'],
    ['POST', `/api/projects/${id}/indicators/i1/revisions`, { target: '≥ 2000000000000次', reason: '调整', approvalRef: '文1' }, 'target'],
  ];
  for (const [method, path, body, field] of cases) {
    const res = await s.send(method, path, body);
    t.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
    const p = await problemOf(res);
    t.match(p.contentType, /^application\/problem\+json/);
    t.match(p.errors, [{ field }], JSON.stringify(p.errors).slice(0, 200));
  }
  t.equal(await s.h.runtime.store.headPosition(), before, 'no event written');
  // The largest amount still taken: 10^13 元 - 0.01.
  t.equal((await s.send('POST', `/api/projects/${id}/budget-adjustments`, { total: '9999999999999.99', reason: '追加', approvalRef: '文1', effectiveDate: '2022-06-30' })).status, 200);
  t.equal((await s.send('POST', `/api/projects/${id}/indicators/i1/actuals`, { value: 1e12, asOf: '2022-06-30' })).status, 200);
});
