import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';

function cli(dir: string, now = '2022-07-01T09:00:00') {
  return async (args: string[], stdin = '') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readStdin: async () => stdin,
      env: { JIXIAO_DB: join(dir, 'jixiao.db'), JIXIAO_ACTOR: '李四' },
      clock: fixedClock(now),
    });
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
}

t.test('the CLI records commands from a file or stdin and answers queries', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = cli(dir);
  writeFileSync(join(dir, 'register.json'), JSON.stringify(register));

  let r = await run(['register', '--json', join(dir, 'register.json')]);
  t.equal(r.code, 0, r.stderr);
  t.same(r.json(), { id: PROJECT_ID, revision: 0 });
  r = await run(['declare-targets', '--project', PROJECT_ID, '--json', '-'], JSON.stringify(targets));
  t.equal(r.code, 0, r.stderr);
  r = await run(['set-spending-plan', '--project', PROJECT_ID, '--json', '-'], JSON.stringify(plan));
  t.equal(r.code, 0, r.stderr);
  r = await run(['record-spending', '--project', PROJECT_ID, '--json', '-'], JSON.stringify({ amount: '12万元', date: '2022-06-30' }));
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().revision, 3);
  r = await run(['record-actual', '--project', PROJECT_ID, '--indicator', 'i7', '--json', '-'], JSON.stringify({ value: '96%', asOf: '2022-06-30' }));
  t.equal(r.code, 0, r.stderr);

  r = await run(['monitoring', '--project', PROJECT_ID, '--as-of', '2022-06-30']);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().execution.ratio, 80);
  r = await run(['scorecard', '--project', PROJECT_ID]);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().execution.spent, '120000.00');

  r = await run(['history', '--project', PROJECT_ID]);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().length, 5);
  t.equal(r.json()[4].actor, '李四');

  r = await run(['rebuild']);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().rebuilt, 5);
});

t.test('a refused CLI command exits 1 with the problem on stderr and writes nothing', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = cli(dir);
  await run(['register', '--json', '-'], JSON.stringify(register));
  let r = await run(['record-spending', '--project', PROJECT_ID, '--json', '-'], JSON.stringify({ amount: '-5', date: '2022-06-30' }));
  t.equal(r.code, 1);
  t.equal(JSON.parse(r.stderr).errors[0].field, 'reason');
  r = await run(['record-spending', '--project', PROJECT_ID, '--json', '-'], '{"amount": 5,');
  t.equal(r.code, 1);
  t.match(JSON.parse(r.stderr).detail, /JSON/);
  r = await run(['state', '--project', PROJECT_ID]);
  t.equal(r.json().revision, 0, 'nothing was written');
  r = await run(['frobnicate']);
  t.equal(r.code, 2);
  r = await run(['record-actual', '--project', PROJECT_ID, '--json', '-'], '{"value": 1, "asOf": "2022-06-30"}');
  t.equal(r.code, 2, 'missing --indicator is a usage error');
});

t.test('a bad environment variable is named', async (t) => {
  let stderr = '';
  const code = await runCli(['scorecard', '--project', 'X-2022'], {
    stdout: () => {},
    stderr: (s) => (stderr += s),
    readStdin: async () => '',
    env: { PORT: 'eighty' },
  });
  t.equal(code, 2);
  t.match(stderr, /PORT/);
});
