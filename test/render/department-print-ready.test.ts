import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import t, { type Test } from 'tap';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/browser.js';
import { BASE, recordedDepartmentYear } from '../helpers/department-year.js';
import { DEPARTMENT as ROLLUP_DEPARTMENT, recordDepartmentProjects } from '../helpers/department-projects.js';
import { PDFINFO, SOFFICE, pdfInfo, pdfToPngs, xlsxToPdf } from '../helpers/render.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { ProjectService } from '../../src/application/project-service.js';
import { fixedClock } from '../../src/clock.js';

/**
 * The 部门整体支出绩效自评表 printed: xlsx through LibreOffice, html through chromium, each A4
 * landscape; a department-year of four indicators fits one page, as does one pre-filled from its three projects, the imported 004 (6 tasks with long
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

// LibreOffice's first start is slow on a busy machine: this file gets more than the suite's 120 s.
t.setTimeout(400_000);

/** Both files of both forms: the recorded department-year, and 004 imported into a fresh app. */
let made: ReturnType<typeof makeExports> | undefined;
const exportsOf = (t: Test) => (made ??= makeExports(t));

async function makeExports(t: Test) {
  const recorded = await recordedDepartmentYear(t);
  const files = async (h: TestApp, base: string) => ({
    xlsx: (await h.call('GET', `${base}/self-evaluation?format=xlsx`)).rawPayload,
    html: (await h.call('GET', `${base}/self-evaluation?format=html`)).body,
  });
  const fresh = await testApp({ memory: true, now: '2022-03-01T10:00:00' });
  t.teardown(fresh.close);
  const forms = { recorded: await files(recorded, BASE) };
  const content = readFileSync(new URL('../fixtures/004_6255a671ef9b9be6.txt', import.meta.url), 'utf8');
  // Read in this process (the import route's worker thread is tested in test/http/departments/import-004.test.ts).
  const service = new ProjectService({ ...fresh.runtime, clock: fixedClock('2022-03-01T10:00:00') });
  const result = await service.importTables({ fileName: '004.txt', content }, { dryRun: false, actor: '导入员' });
  // A department-year with no indicators of its own: pre-filled from its three projects' roll-up.
  const rolled = await testApp({ memory: true, now: '2022-01-10T09:00:00' });
  t.teardown(rolled.close);
  await recordDepartmentProjects(rolled);
  await rolled.call('POST', '/api/departments', { name: ROLLUP_DEPARTMENT, year: 2022, budget: { initial: '190万元' }, displayUnit: '万元' });
  const prefilled = await files(rolled, `/api/departments/${encodeURIComponent(ROLLUP_DEPARTMENT)}/2022`);
  return { ...forms, '004': await files(fresh, result.projects[0]!.outcome.departmentYear!.url), prefilled };
}

/** Pages as rendered (looked at): the recorded year fits one; 004's long 主要内容 and 年度总体目标 run on (html keeps each row whole). */
const PAGES = { xlsx: { recorded: 1, '004': 3, prefilled: 1 }, html: { recorded: 1, '004': 4, prefilled: 1 } } as const;

t.test('xlsx rendered by LibreOffice: A4 landscape', { skip: noSoffice }, async (t) => {
  const forms = await exportsOf(t);
  for (const which of ['recorded', '004', 'prefilled'] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-dept-xlsx-'));
    const pdf = xlsxToPdf(forms[which].xlsx, dir);
    const info = pdfInfo(pdf);
    t.equal(info.pages, PAGES.xlsx[which], `${which}: ${PAGES.xlsx[which]} page(s)`);
    t.ok(landscape(info), `${which}: A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
    keep([...pdfToPngs(pdf, join(dir, `dept-${which}-xlsx`), 70)]);
  }
});

t.test('html printed by chromium: A4 landscape, no cell overflowing', { skip: noChromium }, async (t) => {
  const forms = await exportsOf(t);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  t.teardown(() => browser.close());
  for (const which of ['recorded', '004', 'prefilled'] as const) {
    const page = await browser.newPage();
    await page.setContent(forms[which].html, { waitUntil: 'load' });
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-dept-html-'));
    const pdf = join(dir, `dept-${which}-html.pdf`);
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = pdfInfo(pdf);
    t.equal(info.pages, PAGES.html[which], `${which}: ${PAGES.html[which]} page(s)`);
    t.ok(landscape(info), `${which}: A4 landscape (${info.widthPt} × ${info.heightPt} pt)`);
    type Box = { scrollWidth: number; clientWidth: number; textContent: string | null };
    const overflowing = await page.$$eval('td', (cells) => (cells as unknown as Box[]).filter((td) => td.scrollWidth > td.clientWidth + 1).map((td) => td.textContent));
    t.same(overflowing, [], `${which}: no cell overflows`);
    keep([...pdfToPngs(pdf, join(dir, `dept-${which}-html`), 70)]);
  }
});
