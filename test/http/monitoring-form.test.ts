import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import t from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';
import { cliOnFreshStore } from '../helpers/cli.js';

const base = `/api/projects/${PROJECT_ID}`;

async function ok(h: TestApp, method: 'POST' | 'PUT', url: string, body: unknown): Promise<void> {
  const res = await h.call(method, url, body);
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`${method} ${url}: ${res.body}`);
}

/** The worked example at 7月底 with funding sources, a forecast per indicator and of spending, one deviation. */
async function julyProject(h: TestApp): Promise<void> {
  await ok(h, 'POST', '/api/projects', { ...register, budget: { initial: '50万元', sources: [{ name: '财政拨款', amount: '40万元' }, { name: '其他资金', amount: '10万元' }] } });
  await ok(h, 'PUT', `${base}/targets`, targets);
  await ok(h, 'PUT', `${base}/spending-plan`, plan);
  h.setNow('2022-08-02T10:00:00');
  await ok(h, 'POST', `${base}/spending`, { amount: '5万元', date: '2022-04-15' });
  await ok(h, 'POST', `${base}/spending`, { amount: '7万元', date: '2022-06-20' });
  await ok(h, 'POST', `${base}/indicators/i1/actuals`, { value: '0个', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/indicators/i4/actuals`, { value: '12万元', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/spending-forecasts`, { amount: '46万元', asOf: '2022-07-31' });
  await ok(h, 'POST', `${base}/spending-forecasts`, { amount: '38万元', asOf: '2022-07-31', source: '财政拨款' });
  await ok(h, 'POST', `${base}/deviations`, {
    category: '经费保障',
    reason: '上级资金7月下旬才到位',
    measure: '加快支付进度',
    likelihood: '确定能',
    checkpoint: 7,
  });
}

t.test('the monitoring form of 7月 (not a policy checkpoint): budget block, indicator rows, what needs explaining', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);
  await julyProject(h);

  const res = await h.call('GET', `${base}/monitoring-form?month=7`);
  t.equal(res.statusCode, 200, res.body);
  const form = res.json();
  t.equal(form.asOf, '2022-07-31');
  t.same(form.budget, [
    {
      kind: 'total',
      label: '年度资金总额',
      initialBudget: 500000,
      budget: 500000,
      spentToDate: 120000,
      executionPercent: 24,
      plannedPercent: 37.5, // 30 % at 6月, 60 % at 10月: 37.5 % at 7月
      colour: 'yellow', // 24 / 37.5 = 64
      expectedSpent: 460000,
      deviation: '【经费保障】上级资金7月下旬才到位；措施：加快支付进度',
    },
    // The spending names no source: it was paid from the first. Plan and colour are the total's.
    { kind: 'source', label: '财政拨款', initialBudget: 400000, budget: 400000, spentToDate: 120000, executionPercent: 30, plannedPercent: null, colour: null, expectedSpent: 380000, deviation: '' },
    { kind: 'source', label: '其他资金', initialBudget: 100000, budget: 100000, spentToDate: 0, executionPercent: 0, plannedPercent: null, colour: null, expectedSpent: null, deviation: '' },
  ]);
  const rows = form.indicators as { id: string; actualToDate: string | null; colour: string | null; expected: string | null; expectedBasis: string; remark: string; needsExplanation: boolean }[];
  t.same(
    rows.map((r) => [r.id, r.actualToDate, r.colour, r.expected, r.expectedBasis, r.needsExplanation, r.remark]),
    [
      ['i1', '0个', 'red', null, 'latest-actual', true, '红（进度 0%）；待说明偏差'],
      ['i2', null, null, null, 'none', false, ''],
      ['i3', null, null, null, 'none', false, ''],
      ['i4', '12万元', 'green', null, 'latest-actual', false, '绿（进度 24%）'],
      ['i5', null, null, null, 'none', false, ''],
      ['i6', null, null, null, 'none', false, ''],
      ['i7', null, null, '97%', 'forecast', false, ''],
    ],
  );
  t.same(form.needingExplanation, [{ id: 'i1', name: '黔南州政企服务平台建设工作', colour: 'red' }]);
  // 46万 → 92 % → 9.20; i4 10; i7 97 / 98 → 9.90. So far: 2.40 + 10.
  t.same(form.forecast, { expectedTotal: 29.1, expectedGrade: '差', currentTotal: 12.4 });

  // The deviation of 7月 does not explain 6月: the June form shows the budget row without it.
  const june = (await h.call('GET', `${base}/monitoring-form?month=6`)).json();
  t.equal(june.budget[0].deviation, '');
  t.equal(june.budget[0].colour, 'green'); // 24 / 30 = 80
  t.equal(june.indicators[0].actualToDate, null, 'the July actual is not in the June form');

  for (const bad of ['0', '13', '7.5', 'July']) {
    const r = await h.call('GET', `${base}/monitoring-form?month=${bad}`);
    t.equal(r.statusCode, 400, `${bad}: ${r.body}`);
    t.match(r.body, /month/);
  }
  t.equal((await h.call('GET', `${base}/monitoring-form`)).statusCode, 400, 'month is required');
});

t.test('the monitoring form as html and as xlsx, printed on one A4 landscape page', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  t.teardown(h.close);
  await julyProject(h);

  let res = await h.call('GET', `${base}/monitoring-form?month=7&format=html`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, /@page \{ size: A4 landscape/);
  t.match(res.body, /<td class="yellow">120000\.00<\/td>|<td class="number yellow">24\.00<\/td>/);
  t.match(res.body, /<td class="red">0个<\/td>/);
  t.match(res.body, /尚需说明偏差：黔南州政企服务平台建设工作（红）/);

  res = await h.call('GET', `${base}/monitoring-form?month=7&format=xlsx`);
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-disposition'], /attachment; filename\*=UTF-8''/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  t.equal(sheet.name, '绩效目标执行监控表');
  t.match(sheet.pageSetup, { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  const values = (r: number) => Array.from({ length: 10 }, (_, k) => sheet.getCell(r, k + 1).value);
  t.same(values(1)[0], '项目支出绩效目标执行监控表');
  t.same(values(2)[0], '（2022年1–7月）');
  // Budget block: header row 5, total row 6.
  t.same(values(5).slice(3, 9), ['年初预算数', '全年预算数', '1–7月执行数', '执行率（%）', '全年预计执行数', '偏差原因分析']);
  t.same(values(6).slice(1, 9), ['年度资金总额', '年度资金总额', 500000, 500000, 120000, 24, 460000, '【经费保障】上级资金7月下旬才到位；措施：加快支付进度']);
  t.equal((sheet.getCell(6, 7).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFEB9C', '执行率 filled yellow');
  t.same(values(7).slice(1, 8), ['其中：财政拨款', '其中：财政拨款', 400000, 400000, 120000, 30, 380000]);
  // Indicator header at row 10 (after 其他资金 row 8 and 年度总体目标 row 9), i1 at row 11.
  t.same(values(10).slice(1), ['一级指标', '二级指标', '三级指标', '年度指标值', '1–7月执行情况', '全年预计完成情况', '偏差原因分析', '完成目标可能性', '备注']);
  t.same(values(11).slice(3, 10), ['黔南州政企服务平台建设工作', '= 1 个', '0个', '', '', '', '红（进度 0%）；待说明偏差']);
  t.equal((sheet.getCell(11, 6).fill as ExcelJS.FillPattern).fgColor?.argb, 'FFFFC7CE', '1–7月执行情况 filled red');
  t.same(values(17).slice(3, 7), ['州直属商会、民营经济人士满意度', '≥ 98 %', '', '97%']);

  const missing = ['soffice', 'pdfinfo'].filter((c) => !hasCommand(c));
  const xlsxBody = res.rawPayload;
  t.test('rendered by LibreOffice: one A4 landscape page', { skip: missing.length > 0 ? `print check skipped: ${missing.join(', ')} not installed` : false }, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-form-print-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const xlsx = join(dir, 'form.xlsx');
    writeFileSync(xlsx, xlsxBody);
    // A profile of its own: other soffice processes on the machine do not get in the way.
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 120_000, stdio: 'pipe' });
    t.ok(existsSync(join(dir, 'form.pdf')), 'converted');
    const info = execFileSync('pdfinfo', [join(dir, 'form.pdf')], { encoding: 'utf8' });
    t.match(info, /^Pages:\s+1$/m, 'one page');
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    t.ok(size && Number(size[1]) > Number(size[2]), `landscape: ${size?.[0]}`);
    t.ok(size && Math.abs(Number(size[1]) - 841.89) < 2 && Math.abs(Number(size[2]) - 595.28) < 2, 'A4');
    // JIXIAO_KEEP_PRINT=<dir> keeps a PNG of the page to look at.
    if (process.env.JIXIAO_KEEP_PRINT) execFileSync('pdftoppm', ['-png', '-r', '80', join(dir, 'form.pdf'), join(process.env.JIXIAO_KEEP_PRINT, 'monitoring-form')]);
  });
});

t.test('the CLI writes the monitoring form', async (t) => {
  const run = cliOnFreshStore(t, '2022-07-01T09:00:00');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-form-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.equal((await run(['register', '--json', '-'], JSON.stringify(register))).code, 0);
  t.equal((await run(['declare-targets', '--project', PROJECT_ID, '--json', '-'], JSON.stringify(targets))).code, 0);
  t.equal((await run(['record-spending', '--project', PROJECT_ID, '--json', '-'], JSON.stringify({ amount: '12万元', date: '2022-06-30' }))).code, 0);
  let r = await run(['monitoring-form', '--project', PROJECT_ID, '--month', '6']);
  t.equal(r.code, 0, r.stderr);
  t.match(JSON.parse(r.stdout).budget[0], { spentToDate: 120000, executionPercent: 24, plannedPercent: 50 }); // no plan: 6 / 12
  const out = join(dir, 'form.xlsx');
  r = await run(['monitoring-form', '--project', PROJECT_ID, '--month', '6', '--format', 'xlsx', '--out', out]);
  t.equal(r.code, 0, r.stderr);
  t.ok(readFileSync(out).subarray(0, 2).equals(Buffer.from('PK')), 'an xlsx (zip) file');
  r = await run(['monitoring-form', '--project', PROJECT_ID, '--month', '13']);
  t.equal(r.code, 2);
  t.match(r.stderr, /--month 应为 1–12/);
});

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
