import { rmSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { B, DEPARTMENT, recordDepartmentProjects } from '../helpers/department-projects.js';
import { testApp } from '../helpers/test-app.js';

/** The department year recorded over HTTP, then read by the CLI from the same files: what the API answers. */
t.test('jixiao departments and department-rollup answer what the API answers', async (t) => {
  const h = await testApp();
  await recordDepartmentProjects(h);
  h.setNow('2023-01-05T09:00:00');
  const api = (await h.call('GET', `/api/departments/${encodeURIComponent(DEPARTMENT)}/2022/rollup?asOf=2022-06-30`)).json();
  await h.app.close();
  await h.runtime.close();
  t.teardown(() => rmSync(join(h.dbPath, '..'), { recursive: true, force: true }));
  const run = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readStdin: async () => '',
      env: { JIXIAO_DB: h.dbPath, JIXIAO_ACTOR: '李四' },
      clock: fixedClock('2023-01-05T09:00:00'),
    });
    return { code, stderr, json: () => JSON.parse(stdout) };
  };

  const list = await run(['departments', '--year', '2022']);
  t.equal(list.code, 0, list.stderr);
  t.same(list.json().map((d: { department: string; weightedScore: number }) => [d.department, d.weightedScore]), [
    [DEPARTMENT, 94.06],
    ['黔南州工商业联合会', 0],
  ]);
  const past = await run(['department-rollup', '--department', '成都市 工商业联合会', '--year', '2022', '--as-of', '2022-06-30']);
  t.equal(past.code, 0, past.stderr);
  t.same(past.json(), { ...api, department: '成都市 工商业联合会' }, 'the same roll-up, whichever spelling asked');
  t.same(past.json().needingExplanation.map((p: { id: string }) => p.id).includes(B), true);

  const noYear = await run(['departments']);
  t.equal(noYear.code, 2, 'usage: --year is required');
  t.match(noYear.stderr, /--year/);
  const revision = await run(['department-rollup', '--department', DEPARTMENT, '--year', '2022', '--revision', '3']);
  t.equal(revision.code, 2, 'a roll-up has no single revision');
});
