import t from 'tap';
import { securityServer, withProject, problemOf } from './server.js';
import { register, targets } from '../helpers/worked-example.js';

/**
 * Issue 13 D4: a target of "达" × 40000 + "≥x1" took 17 s and stalled the server. Every free-text
 * field now has a maximum length in the schema: refused with 400 problem+json naming the field, before any
 * parser reads it; nothing is written.
 */
const EVIL_TARGET = '达'.repeat(40000) + '≥x1';

t.test('the catastrophic target is refused by length on the targets, revisions and import routes', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const id = await withProject(s);
  const before = await s.h.runtime.store.headPosition();

  const declare = await s.send('PUT', `/api/projects/${id}/targets`, {
    indicators: [{ ...targets.indicators[0], target: EVIL_TARGET }],
  });
  t.equal(declare.status, 400);
  const p1 = await problemOf(declare);
  t.match(p1.contentType, /^application\/problem\+json/);
  t.match(p1.errors, [{ field: 'indicators[0].target', message: /最多 200 个字符/ }]);

  const revise = await s.send('POST', `/api/projects/${id}/indicators/i1/revisions`, { target: EVIL_TARGET, reason: '调整', approvalRef: '文1' });
  t.equal(revise.status, 400);
  t.match((await problemOf(revise)).errors, [{ field: 'target', message: /最多 200 个字符/ }]);

  const structured = await s.send('POST', `/api/projects/${id}/indicators/i1/revisions`, {
    target: { comparator: '≥', value: EVIL_TARGET, unit: '次' },
    reason: '调整',
    approvalRef: '文1',
  });
  t.equal(structured.status, 400);
  t.match((await problemOf(structured)).errors, [{ field: 'target', message: /最多 200 个字符|应为目标值/ }]);

  // An import cell: the cell is named in a warning, the indicator is not imported, the server answers.
  const tsv = `项目名称\t长目标项目\n项目编码\tLONG1\n年度\t2022\n主管部门\t${register.department}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t完成数量\t${EVIL_TARGET}\n`;
  const imported = await s.send('POST', '/api/import?dryRun=true', tsv, { 'content-type': 'text/plain; charset=utf-8' });
  t.equal(imported.status, 200);
  const result = (await imported.json()) as { warnings: { place: string; message: string }[] };
  t.match(result.warnings, [{ place: '第6行第4列', message: /过长/ }], 'the overlong cell is named by its place');

  t.equal(await s.h.runtime.store.headPosition(), before, 'no event written');
  const health = await fetch(`${s.url}/health`);
  t.equal(health.status, 200);
});

t.test('names, reasons, notes, comments, evidence and approval refs have maxima, refused by field', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const id = await withProject(s);
  const before = await s.h.runtime.store.headPosition();
  const long = (n: number) => '长'.repeat(n);
  const cases: [string, string, unknown, string][] = [
    ['POST', '/api/projects', { ...register, code: 'X1', name: long(201) }, 'name'],
    ['POST', '/api/projects', { ...register, code: 'X1', department: long(101) }, 'department'],
    ['POST', '/api/projects', { ...register, code: 'X1', goals: { annual: long(5001) } }, 'goals.annual'],
    ['PUT', `/api/projects/${id}/targets`, { indicators: [{ ...targets.indicators[0], name: long(201) }] }, 'indicators[0].name'],
    ['PUT', `/api/projects/${id}/targets`, { indicators: [{ ...targets.indicators[0], explanation: long(2001) }] }, 'indicators[0].explanation'],
    ['PUT', `/api/projects/${id}/targets`, { indicators: Array.from({ length: 201 }, (_, i) => ({ ...targets.indicators[0], name: `指标${i}` })) }, 'indicators'],
    ['POST', `/api/projects/${id}/spending`, { amount: '1万元', date: '2022-06-30', note: long(2001) }, 'note'],
    ['POST', `/api/projects/${id}/spending`, { amount: '1'.repeat(201), date: '2022-06-30' }, 'amount'],
    ['POST', `/api/projects/${id}/budget-adjustments`, { total: '60万元', reason: long(2001), approvalRef: '文1', effectiveDate: '2022-06-30' }, 'reason'],
    ['POST', `/api/projects/${id}/budget-adjustments`, { total: '60万元', reason: '追加', approvalRef: long(101), effectiveDate: '2022-06-30' }, 'approvalRef'],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: 1, asOf: '2022-06-30', evidence: long(2001) }, 'evidence'],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: '9'.repeat(201), asOf: '2022-06-30' }, 'value'],
    ['POST', `/api/projects/${id}/indicators/i2/assessment`, { grade: '达成', comment: long(2001) }, 'comment'],
    ['POST', `/api/projects/${id}/indicators/i1/score-override`, { score: 1, reason: long(2001) }, 'reason'],
    ['POST', `/api/projects/${id}/deviations`, { category: '其他', reason: '原因', measure: long(2001) }, 'measure'],
    ['POST', `/api/projects/${id}/evaluation/reopen`, { reason: long(2001) }, 'reason'],
  ];
  for (const [method, path, body, field] of cases) {
    const res = await s.send(method, path, body);
    t.equal(res.status, 400, `${method} ${path} ${field}`);
    const p = await problemOf(res);
    t.match(p.contentType, /^application\/problem\+json/);
    t.ok(p.errors?.some((e) => e.field === field), `${field} is named: ${JSON.stringify(p.errors).slice(0, 200)}`);
  }
  t.equal(await s.h.runtime.store.headPosition(), before, 'no event written');

  // At the maximum the same fields are taken.
  const ok = await s.send('POST', `/api/projects/${id}/spending`, { amount: '1万元', date: '2022-06-30', note: long(2000) });
  t.equal(ok.status, 200);
});
