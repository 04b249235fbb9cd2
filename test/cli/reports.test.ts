import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import t, { type Test } from 'tap';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { seedWorkedExample } from '../helpers/seed.js';
import { testApp } from '../helpers/test-app.js';

/** The worked example recorded over HTTP, then read by the CLI from the same files: every report the API has. */
async function recorded(t: Test) {
  const h = await testApp();
  const id = await seedWorkedExample(h);
  await h.app.close();
  await h.runtime.close();
  const dir = join(h.dbPath, '..');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
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
    return { code, stdout, stderr, json: () => JSON.parse(stdout) };
  };
  return { id, dir, run };
}

t.test('jixiao self-evaluation --format xlsx --out writes the 自评表 the API serves', async (t) => {
  const { id, dir, run } = await recorded(t);
  const file = join(dir, 'f.xlsx');
  const r = await run(['self-evaluation', '--project', id, '--format', 'xlsx', '--out', file]);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.json().format, 'xlsx');
  const bytes = readFileSync(file);
  t.equal(r.json().bytes, bytes.length);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet('项目支出绩效自评表')!;
  const totalRow = sheet.getColumn('A').values.indexOf('总分');
  t.ok(totalRow > 0, 'a 总分 row');
  t.equal(sheet.getCell(`H${totalRow}`).value, 88.8, '总分');

  const json = await run(['self-evaluation', '--project', id]);
  t.equal(json.code, 0, json.stderr);
  t.equal(json.json().total, 88.8);
  const csv = await run(['self-evaluation', '--project', id, '--format', 'csv']);
  t.match(csv.stdout, /88\.80/);
  const bad = await run(['self-evaluation', '--project', id, '--format', 'pdf']);
  t.equal(bad.code, 2, 'an unknown format is a usage error');
  const noOut = await run(['self-evaluation', '--project', id, '--format', 'xlsx']);
  t.equal(noOut.code, 2, 'xlsx is not written to a terminal');
});

t.test('jixiao history and diff answer as the API does', async (t) => {
  const { id, run } = await recorded(t);
  const history = await run(['history', '--project', id, '--from', '2022-12-31', '--to', '2022-12-31']);
  t.equal(history.code, 0, history.stderr);
  t.same(
    history.json().map((e: { type: string }) => e.type),
    ['ActualRecorded', 'ActualRecorded', 'ActualRecorded', 'ActualRecorded', 'ActualRecorded', 'IndicatorAssessed', 'IndicatorAssessed'],
    'only what was recorded on 31 December',
  );
  const diff = await run(['diff', '--project', id, '--from', '2022-06-30', '--to', '2022-12-31']);
  t.equal(diff.code, 0, diff.stderr);
  const changes = diff.json().changes;
  t.same([changes.spending.total.from, changes.spending.total.to], ['120000.00', '450000.00']);
  t.equal(changes.scores.total.to, 88.8);
  const missing = await run(['diff', '--project', id, '--from', '2022-06-30']);
  t.equal(missing.code, 2, '--to is required');
  const badDay = await run(['history', '--project', id, '--from', '2022-02-30']);
  t.equal(badDay.code, 1);
  t.equal(JSON.parse(badDay.stderr).errors[0].field, 'from');
});

t.test('jixiao list filters as GET /api/projects does', async (t) => {
  const { id, run } = await recorded(t);
  const all = await run(['list', '--year', '2022']);
  t.equal(all.code, 0, all.stderr);
  t.same(all.json().map((p: { id: string; total: number; grade: string }) => [p.id, p.total, p.grade]), [[id, 88.8, '良']]);
  t.same((await run(['list', '--year', '2021'])).json(), []);
  t.equal((await run(['list', '--colour', 'purple'])).code, 2);
});
