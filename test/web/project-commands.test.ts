import t from 'tap';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, listen, openPage } from '../helpers/browser.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';

/**
 * The project page's other commands, each through its form, each checked in the project as the API
 * then answers it: budget adjustment with its funding sources, 全年预计执行数, 预计全年完成值, target
 * revision, score override, execution-score override, goals, 实际完成情况, 项目实施期, money unit.
 */

const base = `/api/projects/${PROJECT_ID}`;
const browser = await launchBrowser();
t.teardown(() => browser.close());

async function must(h: TestApp, method: 'POST' | 'PUT', url: string, body: unknown) {
  const res = await h.call(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
}

/** Fills the named fields of a form, submits it, and waits for its 已保存. */
async function submit(form: Locator, values: Record<string, string>, button: string) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.locator(`[name=${name}]`);
    if ((await field.evaluate((el: { tagName: string }) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await form.getByRole('button', { name: button }).click();
  await form.locator('.form-status', { hasText: '已保存' }).waitFor();
}

const refusedWith = async (page: Page, form: Locator, field: string) => {
  await form.locator(`[data-field="${field}"] .field-error div`).first().waitFor();
  return form.locator(`[data-field="${field}"] .field-error`).textContent();
};

t.test('every other command of the project page, through its form', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  await must(h, 'POST', '/api/projects', { ...register, budget: { initial: '50万元', sources: [{ name: '财政拨款', amount: '40万元' }, { name: '其他资金', amount: '10万元' }] } });
  await must(h, 'PUT', `${base}/targets`, targets);
  await must(h, 'PUT', `${base}/spending-plan`, plan);
  h.setNow('2022-07-05T10:00:00');
  await must(h, 'POST', `${base}/indicators/i1/actuals`, { value: '1个', asOf: '2022-06-30' });
  const url = await listen(h);
  const opened = await openPage(browser, url, { actor: '王五' });
  t.teardown(opened.close);
  const { page } = opened;
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  await page.locator('tr[data-indicator="i7"]').waitFor();
  const state = async () => (await h.call('GET', base)).json().project;

  // Budget adjustment with the amount of each source; the sum is checked by the API, said at the field.
  const budget = page.locator('#form-budget');
  await budget.locator('[name=total]').fill('60万元');
  await budget.locator('[name=approvalRef]').fill('黔南财预〔2022〕8号');
  await budget.locator('[name=reason]').fill('追加移动端开发');
  await budget.locator('[name=sources]').fill('财政拨款 45万元\n其他资金 10万元');
  await budget.getByRole('button', { name: '调整' }).click();
  await budget.locator('.form-problem').waitFor();
  t.notMatch(await budget.locator('.form-problem').textContent(), /[A-Za-z]{4,}/, `no English: ${await budget.locator('.form-problem').textContent()}`);
  t.equal((await state()).budget.totalFen, 50_000_000, 'refused: nothing written');
  await submit(budget, { sources: '财政拨款 50万元\n其他资金 10万元' }, '调整');
  let p = await state();
  t.equal(p.budget.totalFen, 60_000_000);
  t.same(p.budget.sources.map((s: { name: string; totalFen: number }) => [s.name, s.totalFen]), [['财政拨款', 50_000_000], ['其他资金', 10_000_000]]);
  t.match(await page.locator('table.sources tfoot').textContent(), /600,000\.00/);

  // Spending from a named source, then 全年预计执行数 of that source.
  await submit(page.locator('#form-spending'), { amount: '3万元', date: '2022-06-30', source: '其他资金', note: '问卷服务' }, '记录');
  t.equal((await state()).spending[0].source, '其他资金');
  await submit(page.locator('#form-spending-forecast'), { amount: '55万元', asOf: '2022-06-30', source: '财政拨款' }, '记录');
  t.match((await state()).spendingForecasts[0], { amountFen: 55_000_000, source: '财政拨款' });

  // 预计全年完成值, target revision, score override.
  await submit(page.locator('#form-forecast'), { indicatorId: 'i7', value: '98%', asOf: '2022-06-30' }, '记录');
  const revision = page.locator('#form-revision');
  await revision.locator('[name=indicatorId]').selectOption('i1');
  await revision.locator('[name=target]').fill('= 2 个');
  await revision.locator('[name=reason]').fill('新增移动端');
  await revision.getByRole('button', { name: '调整' }).click();
  t.equal(await refusedWith(page, revision, 'approvalRef'), '请填写批准文号', 'a missing approval is asked for by name');
  await submit(revision, { approvalRef: '黔南工商联〔2022〕12号' }, '调整');
  await page.locator('tr[data-indicator="i1"] td.target', { hasText: '原：= 1 个' }).waitFor();
  const override = page.locator('#form-score-override');
  await override.locator('[name=indicatorId]').selectOption('i7');
  await override.locator('[name=score]').fill('12');
  await override.locator('[name=reason]').fill('专家意见');
  await override.getByRole('button', { name: '调整' }).click();
  const above = await refusedWith(page, override, 'score');
  t.match(above, /0 到 10 之间/, `a range in words: ${above}`);
  t.notMatch(above, /\[/, 'not in interval notation');
  await submit(override, { score: '9' }, '调整');
  p = await state();
  t.equal(p.indicators[6].forecasts[0].text, '98%');
  t.equal(p.indicators[0].targetText, '= 2 个');
  t.match(p.indicators[6].override, { score: 9, reason: '专家意见', actor: '王五' });

  // The 自评表's own entries.
  await submit(page.locator('#form-execution-override'), { score: '8', reason: '专家评议' }, '调整');
  await submit(page.locator('#form-goals'), { annual: '建成平台并上线运行', reason: '批复调整' }, '保存');
  await submit(page.locator('#form-achievements'), { text: '平台已建成，移动端在建' }, '保存');
  await submit(page.locator('#form-period'), { period: '2022.1-2022.12' }, '保存');
  await submit(page.locator('#form-display-unit'), { unit: '万元' }, '保存');
  p = await state();
  t.match(p.executionOverride, { score: 8, reason: '专家评议' });
  t.equal(p.goals.annual, '建成平台并上线运行');
  t.equal(p.achievements.text, '平台已建成，移动端在建');
  t.match(p.implementationPeriod, { start: '2022-01-01', end: '2022-12-31' });
  t.equal(p.displayUnit, '万元');
  t.same(opened.errors, [], 'no script error');
});

t.test('a table with no facts yet is edited in the grid and saved as one declare-targets; a locked one is not offered', async (t) => {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  await must(h, 'POST', '/api/projects', register);
  await must(h, 'PUT', `${base}/targets`, targets);
  const url = await listen(h);
  const opened = await openPage(browser, url, { actor: '王五' });
  t.teardown(opened.close);
  const { page } = opened;
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  await page.getByRole('link', { name: '编辑指标表' }).click();
  const grid = page.locator('.target-grid');
  await grid.locator('tr[data-row="6"]').waitFor();
  t.equal(await grid.locator('tr[data-row="0"] [name=target]').inputValue(), '= 1 个', 'the declared table, as written');
  await grid.locator('tr[data-row="0"] [name=target]').fill('= 3 个');
  await grid.locator('tr[data-row="0"] .reading', { hasText: '3' }).waitFor();
  await grid.locator('tr[data-row="4"]').getByRole('button', { name: '删除此行' }).click();
  await page.getByRole('button', { name: '保存指标表' }).click();
  await page.waitForURL(/#\/p\/[^/]+$/);
  await page.locator('tr[data-indicator="i6"]').waitFor();
  const p = (await h.call('GET', base)).json().project;
  t.equal(p.indicators.length, 6);
  t.equal(p.indicators[0].targetText, '= 3 个');
  t.notOk(p.indicators.some((i: { name: string }) => i.name === '项目或定额成本控制率'), 'the removed row is gone');

  await must(h, 'POST', `${base}/indicators/i1/actuals`, { value: '1个', asOf: '2022-01-10' });
  await page.reload();
  await page.locator('tr[data-indicator="i1"] td.actual', { hasText: '1个' }).waitFor();
  t.equal(await page.getByRole('link', { name: '编辑指标表' }).count(), 0, 'locked once a fact is recorded');
  await page.goto(`${url}/#/p/${PROJECT_ID}/targets`);
  await page.locator('p.notice', { hasText: '目标调整' }).waitFor();
  t.same(opened.errors, [], 'no script error');
});
