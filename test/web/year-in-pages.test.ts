import { mkdirSync, readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import type { Page } from 'playwright-core';
import { launchBrowser, listen, openPage } from '../helpers/browser.js';
import { paste } from '../helpers/clipboard.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { targets } from '../helpers/worked-example.js';

/**
 * A year of one project recorded entirely through the pages, at 1366×768 and at 1024×768: registered
 * with its indicator table pasted into the grid (as copied from Excel: a header row, merged 一级
 * cells empty), the spending plan, payments and a correction from its row, a checkpoint's actuals in
 * one batch (a refused batch first, which writes nothing), assessments, a refused submit whose gaps
 * are links to where they are fixed, deviations, submit, reopen, and the 自评表 downloaded.
 */

const ID = 'GRID-TEST-2022';
const base = `/api/projects/${ID}`;
const SHOTS = process.env.JIXIAO_SHOTS ?? '/tmp/jixiao-shots';
mkdirSync(SHOTS, { recursive: true });

/** The worked example's table as it arrives on the clipboard from a spreadsheet. */
const BLOCK = [
  ['一级指标', '二级指标', '三级指标', '指标值', '分值'],
  ...targets.indicators.map((i, n) => [n > 0 && targets.indicators[n - 1]!.level1 === i.level1 ? '' : i.level1, i.level2, i.name, n === 3 ? '≤ 很多' : i.target, '']),
]
  .map((cells) => cells.join('\t'))
  .join('\r\n');

const browser = await launchBrowser();
t.teardown(() => browser.close());

const stateOf = async (h: TestApp) => (await h.call('GET', base)).json().project;

/** The page does not scroll sideways: nothing is cut off at this width. */
async function fits(t: Test, page: Page, what: string) {
  const { scroll, inner } = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
  t.ok(scroll <= inner, `${what}: page ${scroll}px wide in a ${inner}px window`);
}

for (const width of [1366, 1024]) {
  t.test(`a year through the pages at ${width}×768`, async (t) => {
    const h = await testApp({ now: '2022-07-05T10:00:00', memory: true });
    t.teardown(h.close);
    const url = await listen(h);
    const opened = await openPage(browser, url); // no actor: the first write asks for one
    t.teardown(opened.close);
    const { page } = opened;
    await page.setViewportSize({ width, height: 768 });
    const shot = (name: string, fullPage = false) => page.screenshot({ path: `${SHOTS}/${width}-${name}.png`, fullPage });

    // 1. Register with the grid: a pasted block, read per cell as typed; one cell refused at its cell.
    await page.goto(`${url}/#/new`);
    const register = page.locator('#form-register');
    await register.locator('[name=code]').fill('GRID-TEST');
    await register.locator('[name=year]').fill('2022');
    await register.locator('[name=name]').fill('黔南州政企服务平台建设工作经费');
    await register.locator('[name=department]').fill('黔南州工商联');
    await register.locator('[name=initial]').fill('50万元');
    await register.locator('[name=annual]').fill('完成平台建设并上线运行');
    await paste(page, '.target-grid tr[data-row="0"] [name=level1]', BLOCK);
    const rows = page.locator('.target-grid tbody tr');
    await page.locator('.target-grid tr[data-row="6"] .reading', { hasText: '读作' }).waitFor();
    t.equal(await rows.count(), 7, 'seven rows from the pasted block, the header skipped');
    t.equal(await page.locator('.target-grid tr[data-row="1"] [name=level1]').inputValue(), '产出指标', 'a merged 一级 cell takes the value above');
    t.match(await page.locator('.target-grid tr[data-row="0"] .reading').textContent(), /读作：.*1.*个（定量）/);
    t.match(await page.locator('.target-grid tr[data-row="2"] .reading').textContent(), /2022-12-31.*完成时限/);
    t.match(await page.locator('.target-grid tr[data-row="3"] .reading').textContent(), /很多/, 'the unreadable target is flagged while typing');
    await fits(t, page, 'the target grid');
    await shot('target-grid');
    await register.getByRole('button', { name: '登记项目并保存指标表' }).click();

    // The anonymous writer is asked for a name, once.
    const ask = page.locator('dialog.ask-actor');
    await ask.waitFor();
    await ask.locator('input').fill('李四');
    await ask.getByRole('button', { name: '确定' }).click();
    const cell = page.locator('.target-grid tr[data-row="3"]');
    await cell.locator('td.col-target .field-error div').first().waitFor();
    t.equal(await cell.locator('[name=target]').getAttribute('aria-invalid'), 'true', 'the refusal is at its cell');
    t.notMatch(await cell.locator('td.col-target .field-error').textContent(), /[A-Za-z]{4,}/, `in Chinese: ${await cell.locator('td.col-target .field-error').textContent()}`);
    await shot('target-grid-refused');
    t.match(await register.locator('.form-problem').textContent(), /项目已登记.*指标表未保存/);
    t.equal((await stateOf(h)).indicators.length, 0, 'the refused table wrote nothing');
    t.equal((await stateOf(h)).registered.actor, '李四', 'the name asked for is the actor');
    await cell.locator('[name=target]').fill('≤ 50 万元');
    t.equal(await cell.locator('td.col-target .field-error').textContent(), '', 'the message goes once the cell is edited');
    await page.locator('.target-grid tr[data-row="3"] .reading', { hasText: '500000' }).waitFor();
    // Moving a row and back, adding and removing one: the grid's own controls.
    await page.locator('.target-grid tr[data-row="1"]').getByRole('button', { name: '下移' }).click();
    t.match(await page.locator('.target-grid tr[data-row="1"] [name=level2]').inputValue(), '时效指标');
    await page.locator('.target-grid tr[data-row="2"]').getByRole('button', { name: '上移' }).click();
    await page.getByRole('button', { name: '添加一行' }).click();
    t.equal(await rows.count(), 8);
    await page.locator('.target-grid tr[data-row="7"]').getByRole('button', { name: '删除此行' }).click();
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('target-grid-fixed');
    await register.getByRole('button', { name: '登记项目并保存指标表' }).click();
    await page.waitForURL(/#\/p\/GRID-TEST-2022$/);
    await page.locator('tr[data-indicator="i7"]').waitFor();
    let p = await stateOf(h);
    t.same(p.indicators.map((i: { level2: string }) => i.level2), targets.indicators.map((i) => i.level2), 'declared in the grid order');
    t.equal(p.indicators[3].targetText, '≤ 50 万元');
    t.equal(await ask.count(), 0, 'not asked again');

    // 2. The spending plan: a row per month, cumulative %.
    const plan = page.locator('#form-spending-plan');
    await plan.locator('[name=m6]').fill('30');
    await plan.locator('[name=m10]').fill('150');
    await plan.getByRole('button', { name: '保存计划' }).click();
    await plan.locator('tr[data-month="10"] .field-error div').waitFor();
    t.match(await plan.locator('tr[data-month="10"] .field-error').textContent(), /应在 0 到 100 之间/, 'the range in words, at its month');
    await plan.locator('[name=m10]').fill('80');
    await plan.locator('[name=m12]').fill('100');
    await plan.getByRole('button', { name: '保存计划' }).click();
    await plan.locator('.form-status', { hasText: '已保存' }).waitFor();
    t.same((await stateOf(h)).spendingPlan, [{ month: 6, cumulativePercent: 30 }, { month: 10, cumulativePercent: 80 }, { month: 12, cumulativePercent: 100 }]);

    // 3. Payments, a correction from its row, the 合计.
    const spending = page.locator('#form-spending');
    t.equal(await spending.locator('[name=date]').inputValue(), '2022-07-05', 'dates start at today, inside the project year');
    await spending.getByRole('button', { name: '记录' }).click();
    await spending.locator('[data-field="amount"] .field-error div').waitFor();
    t.equal(await spending.locator('[data-field="amount"] .field-error').textContent(), '请填写金额');
    for (const [amount, date, note] of [['12万元', '2022-06-20', '首付款'], ['30000', '2022-06-25', '二期款']]) {
      await spending.locator('[name=amount]').fill(amount!);
      await spending.locator('[name=date]').fill(date!);
      await spending.locator('[name=note]').fill(note!);
      await spending.getByRole('button', { name: '记录' }).click();
      await page.locator('table.spending tbody tr', { hasText: note! }).waitFor();
    }
    await page.locator('table.spending tbody tr', { hasText: '二期款' }).getByRole('button', { name: '更正' }).click();
    t.equal(await spending.locator('[name=amount]').inputValue(), '-30000.00', 'the row reversed');
    await spending.getByRole('button', { name: '记录' }).click();
    await spending.locator('[data-field="reason"] .field-error div').waitFor();
    await spending.locator('[name=reason]').fill('重复录入');
    await spending.getByRole('button', { name: '记录' }).click();
    await page.locator('[data-spending-total]', { hasText: '120,000.00' }).waitFor();
    t.equal((await stateOf(h)).budget.spentFen, 12_000_000);

    // 4. A checkpoint's actuals in one batch: a refused batch writes nothing and keeps what was typed.
    await page.getByRole('link', { name: '批量填报', exact: true }).click();
    const batch = page.locator('#form-batch');
    await batch.waitFor();
    t.equal(await page.locator('#batch-asof').inputValue(), '2022-06-30', 'the last checkpoint passed');
    const row = (id: string) => batch.locator(`tr[data-indicator="${id}"]`);
    await row('i1').locator('[name=actual]').fill('1个');
    await paste(page, '#form-batch tr[data-indicator="i5"] [name=actual]', '很多\t\n96%\t98%\t问卷中期');
    t.equal(await row('i6').locator('[name=actual]').inputValue(), '96%', 'a pasted block fills the rows below');
    t.equal(await row('i6').locator('[name=note]').inputValue(), '问卷中期');
    await row('i6').locator('[name=actual]').fill('');
    await row('i6').locator('[name=forecast]').fill('');
    await row('i6').locator('[name=note]').fill('');
    await row('i7').locator('[name=actual]').fill('96%');
    await row('i7').locator('[name=forecast]').fill('98%');
    const revision = (await stateOf(h)).revision;
    await batch.getByRole('button', { name: '整批保存' }).click();
    await row('i5').locator('.row-error div').waitFor();
    t.match(await row('i5').locator('.row-error').textContent(), /实际完成值.*很多.*不是数值/);
    t.notMatch(await row('i5').locator('.row-error').textContent(), /[A-Za-z]{4,}/, 'no English');
    t.match(await batch.locator('.form-problem').textContent(), /1 行未通过，整批未保存/);
    t.equal((await stateOf(h)).revision, revision, 'the refused batch wrote nothing');
    t.equal(await row('i1').locator('[name=actual]').inputValue(), '1个', 'the typed values stay');
    await shot('batch-entry');
    await fits(t, page, 'batch entry');
    await row('i5').locator('[name=actual]').fill('90%');
    await batch.getByRole('button', { name: '整批保存' }).click();
    await batch.locator('.form-status', { hasText: '已保存 3 个指标' }).waitFor();
    p = await stateOf(h);
    t.equal(p.revision, revision + 4, 'three actuals and a forecast in one append');
    t.same(p.indicators.map((i: { latestActual: { text: string } | null }) => i.latestActual?.text ?? null), ['1个', null, null, null, '90%', null, '96%']);

    // 5. Year end: the rest in a batch, assessments, then submit.
    h.setNow('2022-12-31T16:00:00');
    await page.goto(`${url}/#/p/${ID}/batch?asOf=2022-12-31`);
    await row('i3').locator('[name=actual]').fill('2022-11-30');
    await row('i4').locator('[name=actual]').fill('45万元');
    await batch.getByRole('button', { name: '整批保存' }).click();
    await batch.locator('.form-status', { hasText: '已保存 2 个指标' }).waitFor();

    await page.goto(`${url}/#/p/${ID}`);
    const assessment = page.locator('#form-assessment');
    await page.locator('tr[data-indicator="i2"]').waitFor();
    t.match(await assessment.locator('[name=indicatorId] option[value="i2"]').textContent(), /i2 · 质量指标 · 黔南州政企服务平台建设工作/, 'same names told apart by id and 二级指标');
    for (const [id, grade] of [['i2', '达成'], ['i6', '部分达成']]) {
      await page.locator(`tr[data-indicator="${id}"]`).getByRole('button', { name: '评价' }).click();
      await assessment.locator('[name=grade]').selectOption(grade!);
      await assessment.getByRole('button', { name: '提交' }).click();
      await page.locator(`tr[data-indicator="${id}"] td.actual`, { hasText: grade! }).waitFor();
    }

    // A refused submit lists each gap as a link to the deviation form, on it.
    const submit = page.locator('#form-submit');
    await submit.getByRole('button', { name: '提交自评' }).click();
    const gaps = submit.locator('.form-problem a.gap');
    await gaps.first().waitFor();
    t.equal(await gaps.count(), 4, 'execution 24%, i5, i6, i7');
    t.match(await submit.locator('.form-problem strong').textContent(), /^不能提交自评：4 项缺少偏差说明$/);
    await shot('submit-refused', true);
    const deviation = page.locator('#form-deviation');
    for (let n = 0; n < 4; n += 1) {
      await gaps.nth(n).click();
      t.equal(await deviation.locator('[name=checkpoint]').inputValue(), 'year-end');
      await deviation.locator('[name=reason]').fill(`原因 ${n + 1}`);
      await deviation.locator('[name=measure]').fill('加强管理');
      await deviation.getByRole('button', { name: '提交' }).click();
      await page.locator('table.deviations tbody tr', { hasText: `原因 ${n + 1}` }).waitFor();
    }
    t.same((await stateOf(h)).deviations.map((d: { indicatorId?: string; checkpoint: string }) => [d.indicatorId ?? '执行', d.checkpoint]), [['执行', 'year-end'], ['i5', 'year-end'], ['i6', 'year-end'], ['i7', 'year-end']]);
    await submit.getByRole('button', { name: '提交自评' }).click();
    await page.locator('.evaluation-state h3', { hasText: '已提交自评' }).waitFor();
    t.equal((await stateOf(h)).status, 'submitted');
    await page.evaluate('window.scrollTo(0, 0)');
    await shot('project');
    await fits(t, page, 'the project page');

    // 6. Reopen, then the 自评表.
    const reopen = page.locator('#form-reopen');
    await reopen.locator('[name=reason]').fill('财政局退回补充佐证');
    await reopen.getByRole('button', { name: '重新打开' }).click();
    await page.locator('.evaluation-state h3', { hasText: '填报中' }).waitFor();
    t.equal((await stateOf(h)).evaluation.reopenings[0].reason, '财政局退回补充佐证');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('link', { name: /下载 Excel/ }).click()]);
    t.match(download.suggestedFilename(), /绩效自评表-2022\.xlsx$/);
    const file = readFileSync((await download.path())!);
    t.equal(file.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
    t.same(opened.external, [], 'nothing fetched from outside');
    t.same(opened.errors, [], 'no script error');
  });
}
