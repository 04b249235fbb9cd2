import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { cliOnFreshStore } from '../helpers/cli.js';
import { registerDepartment, tasks, targets } from '../helpers/department-year.js';

/** A department-year through the CLI: register-department, declare-tasks, and --department/--year on the project commands. */
t.test('the CLI records and reads a department-year', async (t) => {
  const cli = cliOnFreshStore(t, '2022-12-31T10:00:00');
  const dept = ['--department', registerDepartment.name, '--year', '2022'];
  let r = await cli(['register-department', '--json', '-'], JSON.stringify(registerDepartment));
  t.equal(r.code, 0, r.stderr);
  t.match(JSON.parse(r.stdout), { id: '某县商务局-2022', revision: 0 });
  r = await cli(['declare-tasks', ...dept, '--json', '-'], JSON.stringify(tasks));
  t.equal(r.code, 0, r.stderr);
  r = await cli(['declare-targets', ...dept, '--json', '-'], JSON.stringify(targets));
  t.equal(r.code, 0, r.stderr);
  r = await cli(['record-spending', ...dept, '--json', '-'], JSON.stringify({ amount: '50万元', date: '2022-12-01', task: 't1' }));
  t.equal(r.code, 0, r.stderr);
  r = await cli(['record-actual', ...dept, '--indicator', 'fairs', '--json', '-'], JSON.stringify({ value: '4场', asOf: '2022-12-31' }));
  t.equal(r.code, 0, r.stderr);
  r = await cli(['declare-targets', ...dept, '--json', '-'], JSON.stringify({ indicators: [{ ...targets.indicators[0], task: 't7' }] }));
  t.equal(r.code, 1);
  t.match(JSON.parse(r.stderr), { status: 422, rule: 'targets-locked' }, 'the project rule holds on a department-year');

  r = await cli(['department', ...dept]);
  t.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  t.equal(d.budget.spentFen, 50_000_000);
  t.strictSame(d.tasks.map((x: { id: string; spentFen: number }) => [x.id, x.spentFen]), [['t1', 50_000_000], ['t2', 0]]);
  r = await cli(['department-history', ...dept]);
  t.equal(JSON.parse(r.stdout).length, 5);
  r = await cli(['department-self-evaluation', ...dept]);
  const form = JSON.parse(r.stdout);
  t.equal(form.tasks[0].spent, 50);
  t.equal(form.indicatorGroups[0].indicators[0].actual, '4场');
  const out = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-dept-')), 'form.xlsx');
  r = await cli(['department-self-evaluation', ...dept, '--format', 'xlsx', '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.ok(readFileSync(out).subarray(0, 2).equals(Buffer.from('PK')));
  r = await cli(['department', '--department', registerDepartment.name]);
  t.equal(r.code, 2, '--year is required');
});
