import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import t, { type Test } from 'tap';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.js';
import { BASE, recordedDepartmentYear } from '../helpers/department-year.js';
import { PDFINFO, SOFFICE, pdfInfo, pdfToPngs, xlsxToPdf } from '../helpers/render.js';

/**
 * The 部门整体支出绩效自评表 printed: xlsx through LibreOffice, html through chromium, each A4
 * landscape; a department-year of four indicators fits one page, the imported 004 (6 tasks with long
 * 主要内容, 34 indicators) runs on with every page landscape. RENDER_KEEP=<dir> keeps PDFs and PNGs.
 */

const A4 = { long: 841.89, short: 595.28 };
const landscape = (info: { widthPt: number; heightPt: number }) => Math.abs(info.widthPt - A4.long) < 2 && Math.abs(info.heightPt - A4.short) < 2;

function keep(files: string[]): void {
  const dir = process.env.RENDER_KEEP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(f, join(dir, basename(f)));
}

const noSoffice = !SOFFICE || !PDFINFO ? 'LibreOffice (soffice) or pdfinfo missing' : false;
const noChromium = !existsSync(CHROMIUM_PATH) || !PDFINFO ? `chromium (${CHROMIUM_PATH}) or pdfinfo missing` : false;

async function exports(t: Test, which: 'recorded' | '004') {
  const h = await recordedDepartmentYear(t);
  let base = BASE;
  if (which === '004') {
    const content = readFileSync(new URL('../fixtures/004_6255a671ef9b9be6.txt', import.meta.url), 'utf8');
    const res = await h.app.inject({ method: 'POST', url: '/api/import?fileName=004.txt&dryRun=false', headers: { 'content-type': 'text/plain', 'x-requested-with': 'test' }, payload: content });
    base = res.json().projects[0].outcome.departmentYear.url;
  }
  const xlsx = (await h.call('GET', `${base}/self-evaluation?format=xlsx`)).rawPayload;
  const html = (await h.call('GET', `${base}/self-evaluation?format=html`)).body;
  return { xlsx, html };
}

for (const [which, pages] of [['recorded', 1], ['004', 3]] as const) {
  t.test(`${which}: xlsx rendered by LibreOffice, A4 landscape, ${pages} page(s)`, { skip: noSoffice }, async (t) => {
    const { xlsx } = await exports(t, which);
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-dept-xlsx-'));
    const pdf = xlsxToPdf(xlsx, dir);
    const info = pdfInfo(pdf);
    t.equal(info.pages, pages);
    t.ok(landscape(info), `A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
    keep([pdf, ...pdfToPngs(pdf, join(dir, `dept-${which}-xlsx`), 70)]);
  });

  t.test(`${which}: html printed by chromium, A4 landscape, ${pages} page(s)`, { skip: noChromium }, async (t) => {
    const { html } = await exports(t, which);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
    t.teardown(() => browser.close());
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-dept-html-'));
    const pdf = join(dir, `dept-${which}-html.pdf`);
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = pdfInfo(pdf);
    t.equal(info.pages, pages);
    t.ok(landscape(info), `A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
    type Box = { scrollWidth: number; clientWidth: number; textContent: string | null };
    const overflowing = await page.$$eval('td', (cells) => (cells as unknown as Box[]).filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent));
    t.same(overflowing, [], 'no cell overflows');
    keep([pdf, ...pdfToPngs(pdf, join(dir, `dept-${which}-html`), 70)]);
  });
}
