import t from 'tap';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';
import { cliOnFreshStore } from '../helpers/cli.js';

t.test('record-actuals on the CLI: a checkpoint in one command, all or nothing', async (t) => {
  const run = cliOnFreshStore(t, '2022-07-05T10:00:00');
  const p = ['--project', PROJECT_ID, '--json', '-'];
  t.equal((await run(['register', '--json', '-'], JSON.stringify(register))).code, 0);
  t.equal((await run(['declare-targets', ...p], JSON.stringify(targets))).code, 0);
  let r = await run(['record-actuals', ...p], JSON.stringify({ asOf: '2022-06-30', rows: [{ indicatorId: 'i1', actual: '1个' }, { indicatorId: 'i5', actual: '很多' }] }));
  t.equal(r.code, 1, 'refused');
  const refusal = JSON.parse(r.stderr);
  t.equal(refusal.rule, 'batch-refused');
  t.same(refusal.errors.map((e: { field: string }) => e.field), ['rows[1].actual']);
  r = await run(['state', '--project', PROJECT_ID]);
  t.equal(JSON.parse(r.stdout).revision, 1, 'nothing written by the refused batch');
  r = await run(['record-actuals', ...p], JSON.stringify({ asOf: '2022-06-30', rows: [{ indicatorId: 'i1', actual: '1个' }, { indicatorId: 'i5', actual: '90%', forecast: '100%' }] }));
  t.equal(r.code, 0, r.stderr);
  t.equal(JSON.parse(r.stdout).revision, 4);
});
