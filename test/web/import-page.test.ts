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
 * Issue 18, item 1: a department starts its year from an empty list by importing its target table in
 * the browser. At 1366×768 and at 1024×768; nothing on the page may be cut off at 1024.
 */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const F000 = join(fixtures, '000_154af7783c30a653.txt');
const DEPT = '黔南州工商业联合会';
const PLATFORM = '52270022P00430210142W-2022';
const browser = await launchBrowser();
t.teardown(() => browser.close());

const open = (t: Test, url: string, size: { width: number; height: number }) => openSized(t, browser, url, size);

for (const size of SIZES) {
  t.test(`${size.width}×${size.height}: from the empty list, fixture 000 is imported through the page`, async (t) => {
    const h = await testApp({ now: '2022-03-01T09:00:00', memory: true });
    t.teardown(h.close);
    const url = await listen(h);
    const { page, clean } = await open(t, url, size);
    await page.goto(`${url}/#/`);

    // The empty list has a way in.
    await page.getByRole('heading', { name: '还没有项目' }).waitFor();
    await shot(page, 'list-empty');
    await page.getByRole('link', { name: '导入绩效目标表' }).click();
    await page.getByRole('heading', { name: '导入绩效目标表' }).waitFor();
    t.match(page.url(), /#\/import$/);

    // The file through the picker; the dry run is shown as tables.
    await page.locator('#import-file').setInputFiles(F000);
    const summary = page.locator('[data-summary]');
    await summary.waitFor({ timeout: 30_000 }); // the server's reading thread starts on the first file
    t.match(await summary.textContent(), /试导入：发现 5 个项目，0 个将新建.*5 个缺少必要信息；4 条警告/);
    const projects = page.locator('table.import-projects tbody tr');
    t.equal(await projects.count(), 5);
    const third = projects.nth(2);
    t.match(await third.textContent(), /黔南州政企服务平台建设工作经费.*52270022P00430210142W/);
    t.equal(await third.locator('td.missing').count(), 2, 'year and department are marked missing');
    t.match(await third.locator('.status').textContent(), '缺少信息');
    t.ok(await page.getByRole('button', { name: '确认导入' }).isDisabled(), 'nothing to confirm yet');

    // Indicators: the cell as written beside its reading, and where it is.
    const card = page.locator('details.import-project[data-index="2"]');
    await card.locator('summary').click();
    const rows = card.locator('table.import-indicators tbody tr');
    t.equal(await rows.count(), 7);
    t.match(await rows.nth(0).locator('td.raw').textContent(), /^= 1 个第\d+行第\d+列$/);
    t.equal(await rows.nth(0).locator('td.read').textContent(), '= 1 个');
    const deadline = rows.nth(2);
    t.match(await deadline.locator('td.raw .cell-text').textContent(), /2022年12月/);
    t.match(await deadline.locator('td.read').textContent(), /2022-12-31 前完成/, 'a 定性 2022年12月 reads as a deadline');
    t.match(await card.locator('.import-notes').textContent(), /缺少：年度、主管部门/);
    t.equal(await page.locator('.import-warnings tbody tr').count(), 4, 'the warnings outside the tables, each with its rows');
    t.match(await page.locator('.import-warnings tbody tr').first().textContent(), /第47–50行备注：表格之外的文字（3 行），未导入/);
    t.ok(await page.locator('#import-budget').isDisabled(), 'a budget parameter applies only to a one-project file');
    await fitsWidth(t, page, 'import preview');
    await shot(page, 'import-missing');

    // Fix the year and department in the preview and run the dry run again.
    await page.locator('#import-year').fill('2022');
    await page.locator('#import-department').fill(DEPT);
    await page.getByRole('button', { name: '按这些信息重新试导入' }).click();
    await summary.filter({ hasText: '5 个将新建' }).waitFor();
    t.equal(await page.locator('table.import-projects .status', { hasText: '将新建' }).count(), 5);
    t.match(await projects.nth(2).textContent(), /2022.*黔南州工商业联合会/);
    t.match(await page.locator('details.import-project[data-index="0"] .import-notes').textContent(), /假定：预算金额缺失，按 0 元登记/, 'the assumed value is said');
    t.equal((await h.call('GET', '/api/projects')).json().projects.length, 0, 'a dry run records nothing');
    await fitsWidth(t, page, 'import preview, fixed');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot(page, 'import-preview');
    await docsShot(page, 'import-preview', 790, 290);

    // Confirm; the page ends on the projects recorded, each a link.
    await page.getByRole('button', { name: '确认导入 5 个项目' }).click();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    t.match(await page.locator('.import-result .summary-line').textContent(), /已导入：新建 5 个/);
    const listed = (await h.call('GET', '/api/projects')).json().projects;
    t.equal(listed.length, 5);
    t.ok(listed.every((p: { department: string; year: number }) => p.department === DEPT && p.year === 2022));
    const history = (await h.call('GET', `/api/projects/${PLATFORM}/history`)).json().entries;
    t.equal(history[0].actor, '李四', 'recorded as the page’s user');
    await page.getByRole('link', { name: '黔南州政企服务平台建设工作经费' }).click();
    await page.locator('tr[data-indicator="i1"]').waitFor();
    t.match(page.url(), new RegExp(`#/p/${PLATFORM}$`));
    t.equal(await page.locator('tr[data-indicator]').count(), 7, 'the project page shows its 7 indicators');
    clean();
  });
}

t.test('a file that cannot be read, and a parameter refused, are said on the page', async (t) => {
  const h = await testApp({ now: '2022-03-01T09:00:00', memory: true });
  t.teardown(h.close);
  const url = await listen(h);
  const { page, clean } = await open(t, url, SIZES[1]);
  await page.goto(`${url}/#/import`);
  await page.locator('#import-file').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not a zip at all') });
  const summary = page.locator('[data-summary]');
  await summary.waitFor({ timeout: 30_000 });
  t.match(await summary.textContent(), /发现 0 个项目/);
  t.match(await page.locator('table.import-projects tbody').textContent(), '没有找到项目');
  t.match(await page.locator('.import-warnings tbody tr').first().textContent(), /^文件broken\.xlsx无法读取 xlsx/, 'the reason, at the file');
  t.ok(await page.getByRole('button', { name: '确认导入' }).isDisabled(), 'nothing to confirm');

  await page.locator('#import-file').setInputFiles(F000);
  await summary.filter({ hasText: '发现 5 个项目' }).waitFor();
  await page.locator('#import-year').fill('1999');
  await page.getByRole('button', { name: '按这些信息重新试导入' }).click();
  const yearError = page.locator('[data-field="year"] .field-error');
  await yearError.filter({ hasText: /\S/ }).waitFor();
  t.equal(await yearError.textContent(), '年度应为 2000 至 2100 之间的四位数年份，如 2022', 'said in words under the field');
  t.equal(await page.locator('#import-year').getAttribute('aria-invalid'), 'true');
  t.notMatch(await page.locator('main').innerText(), /Too small|expected|querystring/, 'no English echo on the page');
  await page.locator('#import-year').fill('2022');
  await page.getByRole('button', { name: '按这些信息重新试导入' }).click();
  await yearError.filter({ hasText: /^$/ }).waitFor({ state: 'attached' });
  t.equal(await yearError.textContent(), '', 'the message goes once the year is right');
  t.equal((await h.call('GET', '/api/projects')).json().projects.length, 0, 'nothing recorded');
  clean();
});

t.test('dropping a file on the drop zone runs the dry run, with the upload’s progress and a reading state shown', async (t) => {
  const h = await testApp({ now: '2022-03-01T09:00:00', memory: true });
  t.teardown(h.close);
  const url = await listen(h);
  const { page, clean } = await open(t, url, SIZES[0]);
  await page.goto(`${url}/#/import`);
  await page.locator('.dropzone').waitFor();
  // A slow line: 256 KB/s up, so a 1.5 MB file takes seconds and its progress can be watched.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  const text = readFileSync(F000, 'utf8');
  // The fixture, then 1.5 MB of blank lines (15,000 of 100 spaces, skipped by the reader): still 5 projects.
  // Every text the progress line shows, kept by the page as it changes.
  await page.evaluate(`(() => {
    window.progressTexts = [];
    const line = document.querySelector('.progress-text');
    new MutationObserver(() => window.progressTexts.push(line.textContent)).observe(line, { childList: true, characterData: true, subtree: true });
  })()`);
  await page.evaluate(`(() => {
    const file = new File([${JSON.stringify(text)} + '\\n' + (' '.repeat(99) + '\\n').repeat(15000)], '000-big.txt', { type: 'text/plain' });
    const data = new DataTransfer();
    data.items.add(file);
    const zone = document.querySelector('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
  const status = page.locator('.progress-box');
  await status.filter({ hasText: /正在上传 000-big\.txt：\d+%/ }).waitFor();
  const value = Number(await page.locator('.progress-box progress').getAttribute('value'));
  t.ok(value > 0 && value < 1, `a partial upload is shown (${value})`);
  await shot(page, 'import-uploading');
  await page.locator('[data-summary]').waitFor({ timeout: 30_000 });
  t.match(await page.locator('[data-summary]').textContent(), /发现 5 个项目/);
  t.ok(await status.isHidden(), 'the progress goes when the answer is in');
  const texts = (await page.evaluate('window.progressTexts')) as string[];
  t.ok(texts.some((x) => /^正在上传 000-big\.txt：\d+%（[\d.]+ (KB|MB) \/ 1\.\d MB）$/.test(x)), `upload progress in words: ${texts.slice(0, 2)}`);
  t.equal(texts.at(-1), '已上传，正在读取表格…', 'then the reading state, until the answer');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  clean();
});

