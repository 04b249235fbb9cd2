import { mkdtempSync, writeFileSync, existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import t from 'tap';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.js';
import { PDFINFO, SOFFICE, pdfInfo, pdfToPngs, xlsxToPdf } from '../helpers/render.js';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../helpers/worked-example.js';

/**
 * The exported 自评表 rendered as a finance officer prints it: the xlsx through LibreOffice, the html
 * through chromium's print-to-PDF. One A4 landscape page each for the worked example. Set
 * RENDER_KEEP=<dir> to keep the PDFs and PNGs for a look.
 */

const base = `/api/projects/${PROJECT_ID}`;
const A4 = { long: 841.89, short: 595.28 };

async function workedExampleExports() {
  const h = await testApp({ now: '2022-01-10T09:00:00' });
  await h.call('POST', '/api/projects', { ...register, budget: { initial: '50万元', sources: [{ name: '财政拨款', amount: '45万元' }, { name: '其他资金', amount: '5万元' }] }, implementationPeriod: '2022.1-2022.12' });
  await h.call('PUT', `${base}/targets`, targets);
  await h.call('PUT', `${base}/spending-plan`, plan);
  for (const [now, body] of spending) {
    h.setNow(now);
    await h.call('POST', `${base}/spending`, body);
  }
  h.setNow('2022-12-31T16:00:00');
  for (const [id, value] of [['i1', '1个'], ['i3', '2022-11-30'], ['i4', '45万元'], ['i5', '90%'], ['i7', '96%']]) {
    await h.call('POST', `${base}/indicators/${id}/actuals`, { value, asOf: '2022-12-31' });
  }
  await h.call('POST', `${base}/indicators/i2/assessment`, { grade: '达成' });
  await h.call('POST', `${base}/indicators/i6/assessment`, { grade: '部分达成' });
  for (const indicatorId of ['i5', 'i6', 'i7']) {
    await h.call('POST', `${base}/deviations`, { indicatorId, category: '其他', reason: '部分工作未按计划完成，平台推广覆盖面不足，部分企业尚未注册使用', measure: '下年度加强进度管理，扩大平台宣传与企业培训', likelihood: '有可能' });
  }
  await h.call('PUT', `${base}/achievements`, { text: '平台于2022年11月30日建成上线，完成年度建设任务；累计服务企业1200余家，服务对象满意度96%，略低于98%的目标。' });
  const card = (await h.call('GET', `${base}/scorecard`)).json();
  const xlsx = (await h.call('GET', `${base}/self-evaluation?format=xlsx`)).rawPayload;
  const html = (await h.call('GET', `${base}/self-evaluation?format=html`)).body;
  await h.close();
  return { total: card.total as number, xlsx, html };
}

function keep(files: string[]): void {
  const dir = process.env.RENDER_KEEP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(f, join(dir, basename(f)));
}

const landscape = (info: { widthPt: number; heightPt: number }) =>
  Math.abs(info.widthPt - A4.long) < 2 && Math.abs(info.heightPt - A4.short) < 2;

const noSoffice = !SOFFICE || !PDFINFO ? 'LibreOffice (soffice) or pdfinfo missing: apt-get install libreoffice-calc-nogui poppler-utils fonts-wqy-microhei (.ci/run does)' : false;
const noChromium = !existsSync(CHROMIUM_PATH) || !PDFINFO ? `chromium (${CHROMIUM_PATH}) or pdfinfo missing: apt-get install chromium poppler-utils (.ci/run does)` : false;
if (noSoffice) console.log(`# skipping the xlsx rendering: ${noSoffice}`);
if (noChromium) console.log(`# skipping the html rendering: ${noChromium}`);

t.test('xlsx rendered by LibreOffice: one A4 landscape page', { skip: noSoffice }, async (t) => {
  const { total, xlsx } = await workedExampleExports();
  t.equal(total, 88.8, 'the worked example still scores 88.80');
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
  const pdf = xlsxToPdf(xlsx, dir);
  const info = pdfInfo(pdf);
  t.equal(info.pages, 1, 'one page');
  t.ok(landscape(info), `A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
  keep([pdf, ...pdfToPngs(pdf, join(dir, 'xlsx-page'), 70)]);
});

t.test('html printed by chromium: one A4 landscape page', { skip: noChromium }, async (t) => {
  const { html } = await workedExampleExports();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-html-'));
  const pdf = join(dir, 'form-html.pdf');
  writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const info = pdfInfo(pdf);
  t.equal(info.pages, 1, 'one page');
  t.ok(landscape(info), `A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
  // No figure overflows its cell: every number cell's content fits its box.
  type Box = { scrollWidth: number; clientWidth: number; textContent: string | null };
  const overflowing = await page.$$eval('td', (cells) =>
    (cells as unknown as Box[]).filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent),
  );
  t.same(overflowing, [], 'no cell overflows');
  const notes = await page.$$eval('.notes li', (items) => (items as unknown as Box[]).map((li) => li.textContent));
  t.equal(new Set(notes).size, notes.length, 'no note printed twice');
  keep([pdf, ...pdfToPngs(pdf, join(dir, 'html-page'), 70)]);
});
