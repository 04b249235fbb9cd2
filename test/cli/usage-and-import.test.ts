import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { cliOnFreshStore } from '../helpers/cli.js';

/** Issue 18, item 8: the CLI says what went wrong in words, refuses what it cannot use, and its import reads like a table. */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const F000 = join(fixtures, '000_154af7783c30a653.txt');
const NOW = '2022-03-01T09:00:00';

t.test('a missing file is said in one line, without a stack trace, and no store is created', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-missing-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = cliOnFreshStore(t, NOW);
  for (const args of [['import', join(dir, 'nope.xlsx')], ['register', '--json', join(dir, 'nope.json')], ['import', dir]]) {
    const r = await run(args);
    t.equal(r.code, 2, `${args.join(' ')}: exit 2`);
    t.match(r.stderr, /^错误：(找不到文件|这是一个目录)/, r.stderr);
    t.notMatch(r.stderr, /\bat \S+ \(|node:internal|Error:/, 'no stack trace');
    t.equal(r.stdout, '');
  }
});

t.test('a bad --year is refused with exit 2, not dropped', async (t) => {
  const run = cliOnFreshStore(t, NOW);
  for (const year of ['20x2', '22', '1999', '2022.5', '']) {
    const r = await run(['import', F000, '--dry-run', '--year', year, '--department', '黔南州工商业联合会']);
    t.equal(r.code, 2, `--year "${year}" is a usage error`);
    t.match(r.stderr, /--year 应为 2000–2100 之间的年度/);
    t.equal(r.stdout, '', 'nothing imported, not even a dry run');
  }
  const list = await run(['list', '--year', 'abc']);
  t.equal(list.code, 2, 'list refuses it too');
});

t.test('usage errors are readable text, not JSON', async (t) => {
  const run = cliOnFreshStore(t, NOW);
  let r = await run(['import', F000, '--bogus']);
  t.equal(r.code, 2);
  t.match(r.stderr, /^错误：没有 --bogus 这个选项/);
  t.match(r.stderr, /jixiao --help/);
  r = await run(['scorecard']);
  t.equal(r.code, 2);
  t.match(r.stderr, /^错误：缺少 --project/);
  t.throws(() => JSON.parse(r.stderr), 'not a JSON document');
  r = await run(['list', '--year']);
  t.match(r.stderr, /^错误：选项 --year 后面需要一个值/);
  r = await run(['--help']);
  t.equal(r.code, 0);
  t.match(r.stdout, /^用法 \/ usage:/);
  t.match(r.stdout, /\n {2}record-actual +记录实际完成值\n/, 'one command a line');
});

t.test('an import dry run prints its summary table first, the JSON only with --json', async (t) => {
  const run = cliOnFreshStore(t, NOW);
  let r = await run(['import', F000, '--dry-run', '--year', '2022', '--department', '黔南州工商业联合会']);
  t.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  t.match(lines[0], /^试导入：发现 5 个项目，5 个将新建/);
  t.match(lines[2], /^#\s+结果\s+项目名称\s+项目编码\s+年度\s+主管部门\s+指标\s+说明$/);
  const row = lines.find((l) => l.includes('52270022P00430210142W'))!;
  t.match(row, /^3\s+将新建\s+黔南州政企服务平台建设工作经费\s+52270022P00430210142W\s+2022\s+黔南州工商业联合会\s+7\s+假定：预算金额缺失/);
  // The columns line up in a terminal: the code column starts at the same display width on every row.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const starts = lines.filter((l) => /^\d\s/.test(l)).map((l) => width(l.slice(0, l.search(/52270022P/))));
  t.equal(new Set(starts).size, 1, `codes aligned at ${starts}`);
  t.match(r.stdout, /警告（4 条）：\n {2}第47–50行\s+备注：\s+表格之外的文字/);
  t.notMatch(r.stdout, /"dryRun"/, 'no JSON without --json');

  r = await run(['import', F000, '--dry-run', '--json', '--year', '2022', '--department', '黔南州工商业联合会']);
  t.equal(r.code, 0);
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n{') + 1));
  t.equal(json.dryRun, true);
  t.equal(json.projects.length, 5);
  t.ok(r.stdout.indexOf('试导入') < r.stdout.indexOf('{'), 'the table comes first');
});

t.test('the exit code is non-zero when nothing could be recorded', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-exit-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = cliOnFreshStore(t, NOW);
  let r = await run(['import', F000]);
  t.equal(r.code, 1, 'no year or department: nothing recorded');
  t.match(r.stdout, /缺少：年度、主管部门、预算/);
  t.match(r.stdout, /--year 2022 --department 名称/, 'says how to give what is missing');
  r = await run(['import', F000, '--dry-run']);
  t.equal(r.code, 1, 'a dry run that could record nothing says so too');
  r = await run(['list']);
  t.same(JSON.parse(r.stdout), [], 'nothing was recorded');

  r = await run(['import', F000, '--year', '2022', '--department', '黔南州工商业联合会']);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^已导入：新建 5 个/);
  t.equal(JSON.parse((await run(['list'])).stdout).length, 5);
  r = await run(['import', F000, '--year', '2022', '--department', '黔南州工商业联合会']);
  t.equal(r.code, 0, 'importing the same file again changes nothing, and that is not a failure');
  t.match(r.stdout, /^没有变化/);
  t.notOk(existsSync(join(dir, 'data')), 'nothing written where it was not asked');
});
