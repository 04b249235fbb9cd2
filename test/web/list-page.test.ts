import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { launchBrowser, listen, openSized } from '../helpers/browser.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { docsShot, fitsWidth, shot, SIZES } from '../helpers/page-layout.js';
import * as example from '../helpers/worked-example.js';

/**
 * Issue 18, item 6 (the list): projects found in a sorted, searched, exported list, money in each
 * project's unit, the colour legend. At 1366×768 and at 1024×768; nothing cut off at 1024.
 */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const F000 = join(fixtures, '000_154af7783c30a653.txt');
const DEPT = '黔南州工商业联合会';
const PLATFORM = '52270022P00430210142W-2022';
const browser = await launchBrowser();
t.teardown(() => browser.close());

const open = (t: Test, url: string, size: { width: number; height: number }) => openSized(t, browser, url, size);

/**
 * Three projects of two departments: the worked example in 万元 (50万元, 12万元 spent by 7月),
 * a 元 project of 1,234,567.89 元, and a project of fixture 000 imported for 2023 (0 元).
 */
async function listApp(): Promise<{ h: TestApp; url: string }> {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  const must = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
    const res = await h.call(method, path, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  };
  const base = `/api/projects/${PLATFORM}`;
  await must('POST', '/api/projects', { ...example.register, displayUnit: '万元' });
  await must('PUT', `${base}/targets`, example.targets);
  await must('PUT', `${base}/spending-plan`, example.plan);
  for (const [now, body] of example.spending.slice(0, 2)) {
    h.setNow(now);
    await must('POST', `${base}/spending`, body);
  }
  await must('POST', '/api/projects', { code: 'JT-2022-007', year: 2022, name: '交通安全宣传经费', department: '黔南州交通运输局', budget: { initial: '1234567.89' } });
  h.setNow('2022-07-05T10:00:00');
  const imported = await h.app.inject({
    method: 'POST',
    url: `/api/import?dryRun=false&year=2023&department=${encodeURIComponent(DEPT)}&fileName=000.txt`,
    headers: { 'content-type': 'text/plain', 'x-requested-with': 'jixiao' },
    payload: readFileSync(F000),
  });
  if (imported.statusCode !== 200) throw new Error(imported.body);
  return { h, url: await listen(h) };
}

const namesShown = (page: Page) => page.locator('table.projects tbody tr td.name a').allTextContents();

for (const size of SIZES) {
  t.test(`${size.width}×${size.height}: the list sorts, searches, shows money in each project's unit, the legend, and exports what it shows`, async (t) => {
    const { h, url } = await listApp();
    t.teardown(h.close);
    const { page, clean } = await open(t, url, size);
    await page.goto(`${url}/#/`);
    const rows = page.locator('table.projects tbody tr');
    await rows.first().waitFor();
    t.equal(await rows.count(), 7);

    const platform = page.locator(`tr[data-project="${PLATFORM}"]`);
    t.equal(await platform.locator('[data-col="budget"]').textContent(), '50.00 万元', 'the worked example in its unit, 万元');
    t.match(await platform.locator('[data-col="spent"]').textContent(), /^12\.00 万元预计 /, '12万元 spent by 7月');
    t.equal(await page.locator('tr[data-project="JT-2022-007-2022"] [data-col="budget"]').textContent(), '1,234,567.89 元', 'thousands separators');
    t.match(await platform.locator('[data-col="forecast"]').textContent(), /^\d+\.\d\d [优良中差]$/, 'the forecast total and grade');

    // Legend with the thresholds, in words.
    const legend = page.locator('section.legend');
    t.match(await legend.textContent(), /红 进度比低于 60.*黄 进度比 60 至 80 以下.*绿 进度比 80 及以上.*蓝 指标进度比 120 及以上/);

    // Sort by budget: ascending, then descending on a second click.
    const budgetHeader = page.locator('th', { has: page.locator('button[data-sort="budget"]') });
    await page.locator('button[data-sort="budget"]').click();
    await budgetHeader.and(page.locator('[aria-sort="ascending"]')).waitFor();
    t.equal((await namesShown(page)).at(-1), '交通安全宣传经费', 'the largest budget last');
    await page.locator('button[data-sort="budget"]').click();
    await budgetHeader.and(page.locator('[aria-sort="descending"]')).waitFor();
    t.same((await namesShown(page)).slice(0, 2), ['交通安全宣传经费', '黔南州政企服务平台建设工作经费'], '1,234,567.89 元 before 50 万元');
    t.match(page.url(), /sort=budget&order=desc/, 'the order is in the address');

    // Search by name, code, department.
    const search = page.locator('#filter-q');
    await search.fill('平台');
    await page.locator('table.projects caption', { hasText: '共 2 个项目' }).waitFor();
    t.same(await namesShown(page), ['黔南州政企服务平台建设工作经费', '黔南州政企服务平台建设工作经费'], 'the 2022 project and the 2023 import');
    await search.fill('jt-2022');
    await page.locator('table.projects caption', { hasText: '共 1 个项目' }).waitFor();
    t.same(await namesShown(page), ['交通安全宣传经费'], 'by code, case-insensitive');
    await search.fill('工商业联合会');
    await page.locator('table.projects caption', { hasText: '共 6 个项目' }).waitFor();
    await fitsWidth(t, page, 'list');
    await shot(page, 'list');
    await docsShot(page, 'list', 540);

    // Export: the workbook holds the rows shown, in the order shown.
    const shown = await namesShown(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 Excel' }).click()]);
    t.match(download.suggestedFilename(), /^项目列表-2022-07-05\.xlsx$/);
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.readFile((await download.path())!);
    const sheet = book.getWorksheet('项目列表')!;
    t.equal(sheet.pageSetup.orientation, 'landscape');
    t.equal(sheet.pageSetup.paperSize, 9, 'A4');
    t.match(String(sheet.getCell('A2').value), /主管部门|搜索：“工商业联合会”；按全年预算数降序；共 6 个项目；截至 2022-07-05/);
    const names: string[] = [];
    for (let r = 4; r <= sheet.rowCount; r++) names.push(String(sheet.getCell(r, 2).value));
    t.same(names, shown, 'the rows and their order as on the page');
    const platformRow = [...Array(sheet.rowCount).keys()].map((k) => sheet.getRow(k + 1)).find((r) => r.getCell(3).value === '52270022P00430210142W' && r.getCell(5).value === 2022)!;
    t.equal(platformRow.getCell(7).value, '万元');
    t.equal(platformRow.getCell(8).value, 50, '全年预算数 50 (万元), a number');
    t.equal(platformRow.getCell(8).numFmt, '#,##0.00');
    t.equal(platformRow.getCell(9).value, 12, '全年执行数 12 万元');

    // The address keeps the view: a reload shows the same search and order.
    await page.reload();
    await page.locator('table.projects caption', { hasText: '共 6 个项目' }).waitFor();
    t.equal(await page.locator('#filter-q').inputValue(), '工商业联合会');
    t.same(await namesShown(page), shown);
    clean();
  });
}
