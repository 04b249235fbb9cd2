import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { launchBrowser, listen, openPage, type OpenedPage } from '../helpers/browser.js';
import { A, B, C, DEPARTMENT, recordDepartmentProjects } from '../helpers/department-projects.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

/**
 * The department pages in a real browser (issue 18 item 5): the department list and a department's
 * year, read as a finance bureau reads them. The department's three projects are recorded through the
 * API (test/helpers/department-year.ts): budgets 100 + 50 + 40 万 = 190 万 (C adjusted from 30 万),
 * spent 95 + 40 + 38 = 173 万, scores A 99.50 优, B 79.00 中, C 99.28 优; a fourth project belongs to
 * 黔南州工商业联合会 (70 万, nothing spent).
 */

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

async function departmentApp(): Promise<{ h: TestApp; url: string }> {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  await recordDepartmentProjects(h);
  h.setNow('2023-01-05T10:00:00');
  return { h, url: await listen(h) };
}

const browser = await launchBrowser();
t.teardown(() => browser.close());

async function open(t: Test, url: string): Promise<OpenedPage & { clean(): void }> {
  const opened = await openPage(browser, url, { actor: '王会计' });
  t.teardown(opened.close);
  return {
    ...opened,
    clean() {
      t.same(opened.external, [], 'no request left the app');
      t.same(opened.errors, [], 'no script error');
    },
  };
}

const texts = async (page: Page, selector: string) => (await page.locator(selector).allTextContents()).map((s) => s.trim());

/** Nothing wider than the window: no table, box or form runs off the right edge. */
async function overflowing(page: Page): Promise<string[]> {
  // A string, so that this file needs no DOM types.
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push('page ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const el of document.querySelectorAll('main table, main section, main form, main .table-box')) {
      const right = el.getBoundingClientRect().right;
      if (right > width + 0.5) out.push(el.tagName.toLowerCase() + '.' + el.className + ' ends at ' + Math.round(right) + ' > ' + width);
    }
    return out;
  })()`);
}

t.test('the department list: one row per department with the totals a finance bureau checks, in 元 or 万元', async (t) => {
  const { h, url } = await departmentApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/`);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '部门', exact: true }).click();
  await page.waitForURL(/#\/departments$/);

  const row = page.locator('tr[data-department="成都市工商业联合会"]');
  await row.waitFor();
  t.equal(await page.locator('#departments-year').inputValue(), '2022', 'the latest year of the projects is chosen');
  t.match(await row.locator('td.name').textContent(), /成都市工商业联合会.*写法：成都市 工商业联合会、成都市工商业联合会/, 'both spellings are one department, and said');
  const cells = async (r: typeof row) => Object.fromEntries(await Promise.all(['budget', 'spent', 'execution', 'score', 'grade', 'explain', 'unsubmitted'].map(async (c) => [c, (await r.locator(`[data-col=${c}]`).textContent())!.trim()])));
  t.same(await cells(row), { budget: '1,900,000.00', spent: '1,730,000.00', execution: '91.05%', score: '94.06', grade: '优', explain: '1 个项目', unsubmitted: '2 个项目' });
  t.equal((await row.locator('td').nth(1).textContent())!.trim(), '3', 'three projects');
  t.same(await row.locator('.count').allTextContents(), ['绿 2', '黄 1'], 'the colours are counted and written');
  // (99.50 × 100 + 79.00 × 50 + 99.28 × 40) / 190 = 94.06
  t.same(await cells(page.locator('tr[data-department="黔南州工商业联合会"]')), { budget: '700,000.00', spent: '0.00', execution: '0%', score: '0.00', grade: '差', explain: '1 个项目', unsubmitted: '1 个项目' });
  const total = page.locator('tfoot tr.total');
  t.same(await total.locator('td').allTextContents(), ['4', '2,600,000.00', '1,730,000.00', '66.54%', '', '2 个项目', '3 个项目'], '合计: 173 of 260 万');
  t.ok(await page.locator('.legend').isVisible(), 'the colour legend is shown with its thresholds');
  t.match(await page.locator('.legend').textContent(), /进度比低于 60.*60 至 80 以下.*80 及以上/);

  await page.getByRole('button', { name: '万元' }).click();
  await page.waitForURL(/unit=%E4%B8%87%E5%85%83/);
  await page.locator('th', { hasText: '全年预算数（万元）' }).first().waitFor();
  t.same(await cells(page.locator('tr[data-department="成都市工商业联合会"]')), { budget: '190.00', spent: '173.00', execution: '91.05%', score: '94.06', grade: '优', explain: '1 个项目', unsubmitted: '2 个项目' });

  await page.locator('#departments-asof').fill('2022-06-30');
  await page.getByRole('button', { name: '查看' }).click();
  await page.waitForURL(/asOf=2022-06-30/);
  await page.locator('caption', { hasText: '截至 2022-06-30' }).waitFor();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    t.same(await overflowing(page), [], `nothing runs off the right edge at ${size.width}`);
    await page.screenshot({ path: `/tmp/departments-${size.width}.png`, fullPage: true });
  }
  t.same(await cells(page.locator('tr[data-department="成都市工商业联合会"]')), { budget: '180.00', spent: '34.00', execution: '18.89%', score: '1.89', grade: '差', explain: '2 个项目', unsubmitted: '3 个项目' }, 'as of 6月底: C had 30 万, 34 万 spent');
  clean();
});

t.test('a department’s year: totals, sources, each project, distributions and the lists to chase; as of 6月底; at 1366 and 1024', async (t) => {
  const { h, url } = await departmentApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/departments`);
  await page.getByRole('link', { name: DEPARTMENT }).click();
  await page.waitForURL(/#\/d\/.+\/2022$/);

  const kv = (key: string) => page.locator(`[data-kv=${key}]`).textContent().then((s) => s!.trim());
  await page.locator('[data-kv=budget]').waitFor();
  t.same([await kv('projects'), await kv('budget'), await kv('spent'), await kv('execution'), await kv('score'), await kv('grade')],
    ['3', '1,900,000.00', '1,730,000.00', '91.05%', '94.06', '优']);
  t.same(await texts(page, '[data-dist=grades] .count'), ['优 2', '中 1']);
  t.same(await texts(page, '[data-dist=colours] .count'), ['绿 2', '黄 1']);

  const source = async (name: string) => (await page.locator(`table.sources tr[data-source="${name}"] td`).allTextContents()).slice(1);
  t.same(await source('财政拨款'), ['2', '1,200,000.00', '1,180,000.00', '98.33%'], 'A 80 + C 40 万; 80 + 38 spent');
  t.same(await source('其他资金'), ['1', '200,000.00', '150,000.00', '75%']);
  t.same(await source('未分来源'), ['1', '500,000.00', '400,000.00', '80%'], 'B named no source');
  t.same((await page.locator('table.sources tfoot td').allTextContents()), ['3', '1,900,000.00', '1,730,000.00', '91.05%']);

  const project = async (id: string) => (await page.locator(`table.dept-projects tr[data-project="${id}"] td`).allTextContents()).slice(1);
  t.same(await project(A), ['1,000,000.00', '950,000.00', '95%', '99.50', '优', '绿', '—', '已提交']);
  t.same(await project(B), ['500,000.00', '400,000.00', '80%', '79.00', '中', '黄', '2 项', '未提交'], 'B: 8 of 10 次 and 部分达成 unexplained (its 80 % execution was explained on 7月5日)');
  t.same(await project(C), ['400,000.00', '380,000.00', '95%', '99.28', '优', '绿', '—', '未提交'], 'C after its adjustment to 40 万');
  t.same(await texts(page, '[data-chase=explain] li'), ['民营经济调研经费']);
  t.same(await texts(page, '[data-chase=unsubmitted] li'), ['民营经济调研经费', '会员服务经费']);
  t.ok(await page.locator('[data-own=none]').isVisible(), 'no department-year of its own is registered: said so');

  for (const size of SIZES) {
    await page.setViewportSize(size);
    t.same(await overflowing(page), [], `nothing runs off the right edge at ${size.width}`);
    await page.screenshot({ path: `/tmp/department-${size.width}.png`, fullPage: true });
  }
  await page.setViewportSize(SIZES[0]);

  await page.getByRole('button', { name: '6月底' }).click();
  await page.waitForURL(/asOf=2022-06-30/);
  await page.locator('.summary .sub', { hasText: '截至 2022-06-30' }).waitFor();
  t.same([await kv('budget'), await kv('spent'), await kv('execution'), await kv('score'), await kv('grade')],
    ['1,800,000.00', '340,000.00', '18.89%', '1.89', '差'], 'as of 6月底: 34 of 180 万');
  t.same(await texts(page, '[data-dist=colours] .count'), ['绿 1', '黄 1', '红 1']);
  t.same(await texts(page, '[data-chase=explain] li'), ['城市商会服务经费', '民营经济调研经费']);
  t.equal(await page.locator('button[aria-pressed=true]', { hasText: '6月底' }).count(), 1, 'the checkpoint shown is marked');
  await page.screenshot({ path: '/tmp/department-june.png', fullPage: true });

  await page.locator(`table.dept-projects tr[data-project="${B}"] a.warn`).click();
  await page.waitForURL(new RegExp(`#/p/${B}/monitoring\\?asOf=2022-06-30$`));
  await page.locator('table.checkpoints').waitFor();
  clean();
});

t.test('an unknown department answers an empty roll-up, and a page that says so', async (t) => {
  const { h, url } = await departmentApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/d/${encodeURIComponent('无此部门')}/2022`);
  await page.locator('table.dept-projects td.empty').waitFor();
  t.equal(await page.locator('[data-kv=projects]').textContent(), '0');
  clean();
});
