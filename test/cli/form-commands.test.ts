import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

t.test('the 自评表 commands reach the CLI through the catalog', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-forms-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (args: string[], stdin = '') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readStdin: async () => stdin,
      env: { JIXIAO_DB: join(dir, 'jixiao.db'), JIXIAO_ACTOR: '李四' },
      clock: fixedClock('2022-12-31T10:00:00'),
    });
    return { code, stdout, stderr };
  };
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
