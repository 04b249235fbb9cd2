import t from 'tap';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';
import { cliOnFreshStore } from '../helpers/cli.js';

t.test('the 自评表 commands reach the CLI through the catalog', async (t) => {
  const run = cliOnFreshStore(t, '2022-12-31T10:00:00');
  const p = ['--project', PROJECT_ID, '--json', '-'];
  t.equal((await run(['register', '--json', '-'], JSON.stringify({ ...register, displayUnit: '万元' }))).code, 0);
  t.equal((await run(['declare-targets', ...p], JSON.stringify(targets))).code, 0);
  let r = await run(['describe-achievements', ...p], JSON.stringify({ text: '平台建成上线' }));
  t.equal(r.code, 0, r.stderr);
  r = await run(['override-execution-score', ...p], JSON.stringify({ score: 5 }));
  t.not(r.code, 0, 'a reason is required');
  t.match(r.stderr, /reason/);
  t.equal((await run(['set-implementation-period', ...p], JSON.stringify({ period: '2022.1-2022.12' }))).code, 0);
  t.equal((await run(['revise-goals', ...p], JSON.stringify({ annual: '建成平台', reason: '细化' }))).code, 0);
  r = await run(['self-evaluation', '--project', PROJECT_ID]);
  t.equal(r.code, 0, r.stderr);
  const table = JSON.parse(r.stdout);
  t.same(
    [table.moneyUnit, table.goals.annual, table.goals.actual, table.header.implementationPeriod, table.funding[0].initialBudget],
    ['万元', '建成平台', '平台建成上线', '2022-01-01 至 2022-12-31', 50],
  );
});
