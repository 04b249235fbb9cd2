import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import t from 'tap';
import { testApp } from '../helpers/test-app.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', name));
const F000 = fixture('000_154af7783c30a653.txt');
const F003 = fixture('003_880eb0350398ec66.txt');

const upload = (h: Awaited<ReturnType<typeof testApp>>, query: string, body: Buffer, type = 'text/plain') =>
  h.app.inject({ method: 'POST', url: `/api/import?${query}`, headers: { 'content-type': type, 'x-actor': encodeURIComponent('导入员') }, payload: body });

t.test('a dry run of fixture 000 lists its projects and what is missing, and records nothing', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const res = await upload(h, 'dryRun=true&fileName=000.txt', F000);
  t.equal(res.statusCode, 200, res.body);
  const r = res.json();
  t.equal(r.dryRun, true);
  t.equal(r.projects.length, 5);
  t.same(r.projects.map((p: { preview: { indicators: unknown[] } }) => p.preview.indicators.length), [16, 13, 7, 13, 9]);
  t.ok(r.projects.every((p: { outcome: { status: string; missing: string[] } }) => p.outcome.status === 'missing' && p.outcome.missing.includes('year')));
  const example = r.projects.find((p: { register: { code?: string } }) => p.register.code === '52270022P00430210142W');
  t.equal(example.register.name, '黔南州政企服务平台建设工作经费');
  t.same((await h.call('GET', '/api/projects')).json().projects, [], 'nothing recorded');
});

t.test('importing 000 with year and department records every project through the commands; again changes nothing', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const query = `dryRun=false&fileName=000.txt&year=2022&department=${encodeURIComponent('黔南州工商业联合会')}`;
  let res = await upload(h, query, F000);
  t.equal(res.statusCode, 200, res.body);
  let r = res.json();
  t.same(r.projects.map((p: { outcome: { status: string } }) => p.outcome.status), ['created', 'created', 'created', 'created', 'created']);
  t.ok(r.projects[0].outcome.assumed.some((a: string) => a.includes('预算')), 'the missing budget is said');
  const list = (await h.call('GET', '/api/projects?year=2022')).json().projects;
  t.equal(list.length, 5);

  const id = '52270022P00430210142W-2022';
  const project = (await h.call('GET', `/api/projects/${id}`)).json().project;
  t.equal(project.indicators.length, 7);
  const cost = project.indicators.find((i: { name: string; level2: string }) => i.level2 === '成本指标' && i.name.endsWith('经费'));
  t.same(cost.target, { kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 50000000 } });
  const history = (await h.call('GET', `/api/projects/${id}/history`)).json().entries;
  t.same(history.map((e: { type: string }) => e.type), ['ProjectRegistered', 'TargetsDeclared']);
  t.equal(history[0].actor, '导入员');

  res = await upload(h, query, F000);
  r = res.json();
  t.same(r.projects.map((p: { outcome: { status: string } }) => p.outcome.status), ['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
  t.match(r.message, /没有变化/);
  t.equal((await h.call('GET', `/api/projects/${id}/history`)).json().entries.length, 2, 'no new event');
});

t.test('a multipart xlsx upload in the common layout', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['项目名称', '测试项目', '项目编码', 'X2022001']);
  ws.addRow(['主管部门', '某某局', '年度', 2022]);
  ws.addRow(['预算金额（万元）', 30]);
  ws.addRow(['一级指标', '二级指标', '三级指标', '符号', '值', '单位', '绩效标准']);
  ws.addRow(['产出指标', '数量指标', '培训场次', '≥', 5, '次', '计划标准']);
  ws.addRow([null, '质量指标', '培训合格率', '≥', 95, '%', '行业标准']);
  ws.addRow(['满意度指标', '服务对象满意度指标', '学员满意度', '≥', 90, '%', '历史标准']);
  ws.mergeCells('A5:A6');
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const boundary = '----jixiao';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="targets.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    xlsx,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await upload(h, 'dryRun=false', body, `multipart/form-data; boundary=${boundary}`);
  t.equal(res.statusCode, 200, res.body);
  const p = res.json().projects[0];
  t.equal(p.outcome.status, 'created', JSON.stringify(p.outcome));
  t.equal(p.outcome.id, 'X2022001-2022');
  const card = (await h.call('GET', '/api/projects/X2022001-2022/scorecard')).json();
  t.same(card.indicators.map((i: { target: string; standard: string }) => [i.target, i.standard]), [
    ['≥5次', '计划标准'],
    ['≥95%', '行业标准'],
    ['≥90%', '历史标准'],
  ]);
  t.equal(card.execution.budget, '300000.00');
});

t.test('the CLI imports too: a dry run of 003 shows the plan, --year fills the year', async (t) => {
  const { runCli } = await import('../../src/cli/run-cli.js');
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-import-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, '003.txt');
  writeFileSync(file, F003);
  let out = '';
  const code = await runCli(['import', file, '--dry-run', '--year', '2023', '--json'], {
    stdout: (s) => (out += s),
    stderr: () => {},
    readStdin: async () => '',
    env: { JIXIAO_DB: join(dir, 'j.db') },
  });
  t.equal(code, 0);
  t.match(out, /^试导入：/, 'the summary comes first');
  const r = JSON.parse(out.slice(out.indexOf('\n{') + 1));
  t.equal(r.projects.length, 3, 'the department-year of its narrative part, and two projects');
  t.match(r.projects[0].outcome, { status: 'would-create', departmentYear: { name: '玉田县工商联合会本级', year: 2023 } });
  const plan = r.projects.find((p: { spendingPlan?: unknown }) => p.spendingPlan).spendingPlan;
  t.equal(plan.checkpoints.at(-1).month, 12);
  t.equal(plan.checkpoints.at(-1).cumulativePercent, 100);
  t.ok(r.projects.every((p: { register: { year: number } }) => p.register.year === 2023));
});
