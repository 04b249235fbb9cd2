import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { launchBrowser, listen, openPage } from '../helpers/browser.js';
import { DEPARTMENT, recordDepartmentProjects } from '../helpers/department-projects.js';
import { testApp } from '../helpers/test-app.js';

/**
 * The department-year's own part on the department page (issues 17 and 18): fixture 004 imported
 * beside the department's three projects, a payment on task 1 and an actual recorded through the API.
 */
const browser = await launchBrowser();
t.teardown(() => browser.close());

t.test('after importing 004 the department page shows its 6 tasks, 2,550.87 万元, 34 indicators by task, its score and its 自评表', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  await recordDepartmentProjects(h);
  h.setNow('2022-12-31T17:00:00');
  const imported = await h.app.inject({
    method: 'POST', url: '/api/import?fileName=004.txt',
    headers: { 'content-type': 'text/plain', 'x-actor': encodeURIComponent('张三') },
    payload: readFileSync(join(import.meta.dirname, '..', 'fixtures', '004_6255a671ef9b9be6.txt')),
  });
  t.equal(imported.statusCode, 200);
  const base = `/api/departments/${encodeURIComponent(DEPARTMENT)}/2022`;
  t.equal((await h.call('POST', `${base}/spending`, { amount: '500万元', date: '2022-12-20', task: 't1' })).statusCode, 200);
  t.equal((await h.call('POST', `${base}/indicators/i1/actuals`, { value: '3个', asOf: '2022-12-31' })).statusCode, 200);
  const card = (await h.call('GET', base)).json().department.scorecard;

  const url = await listen(h);
  const { page, close, errors, external } = await openPage(browser, url, { actor: '王会计' });
  t.teardown(close);
  await page.goto(`${url}/#/d/${encodeURIComponent(DEPARTMENT)}/2022`);
  const tasks = page.locator('table.tasks tbody tr[data-task]');
  await tasks.first().waitFor();
  t.ok(await page.getByRole('button', { name: '万元' }).getAttribute('aria-pressed') === 'true', 'the department-year is kept in 万元: the page starts there');
  t.equal(await page.locator('[data-own=budget]').textContent(), '2,550.87');
  t.same(await page.locator('table.own-sources tr[data-source] td:first-child').allTextContents(), ['财政拨款', '其他资金', '资金总额']);
  t.equal(await tasks.count(), 6);
  t.same((await tasks.locator('td.name').allTextContents()).slice(0, 2), ['非公经济信息建设', '工商联换届工作']);
  t.same(await page.locator('table.tasks tr[data-task=t1] td').allTextContents().then((c) => c.slice(4)), ['500.00', '—'], 'task 1: 500 万 spent, no budget declared for it');
  t.equal(await page.locator('table.own-indicators tbody tr[data-indicator]').count(), 34);
  t.equal(await page.locator('table.own-indicators tr.group').count(), 6, 'grouped under the six tasks');
  t.match(await page.locator('table.own-indicators tr.group').first().textContent(), /任务1：非公经济信息建设（9）/);
  const i1 = page.locator('table.own-indicators tr[data-indicator=i1] td');
  t.same((await i1.allTextContents()).slice(1, 4), ['平台开发数量', '≥3个', '3个']);
  t.equal((await i1.nth(5).textContent())!.replace('*', ''), card.indicators[0].score.toFixed(2), 'its score as the scorecard says');
  t.equal(await page.locator('[data-own=total]').textContent(), card.total.toFixed(2));
  t.equal(await page.locator('[data-own=grade]').textContent(), card.grade);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 Excel/ }).click()]);
  t.equal(download.suggestedFilename(), `${DEPARTMENT}-部门整体支出绩效自评表-2022.xlsx`);
  const html = await page.request.get(`${url}${await page.getByRole('link', { name: /网页版/ }).getAttribute('href')}`);
  t.equal(html.status(), 200);
  t.match(await html.text(), /部门整体支出绩效自评表/);
  for (const width of [1366, 1024]) {
    await page.setViewportSize({ width, height: 768 });
    await page.screenshot({ path: `/tmp/own-${width}.png`, fullPage: true });
  }
  // docs/screenshots/department.png: the projects' roll-up ending above the department-year's own part.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate('window.scrollTo(0, 0)');
  const own = (await page.locator('h2', { hasText: '部门整体' }).boundingBox())!;
  await page.screenshot({ path: '/tmp/own-view.png', fullPage: true, clip: { x: 0, y: own.y - 120, width: 1366, height: 460 } });
  t.same(errors, []);
  t.same(external, []);
});
