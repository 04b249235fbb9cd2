import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import t from 'tap';
import { launchBrowser, listen, openPage } from '../helpers/browser.js';
import { paste } from '../helpers/clipboard.js';
import { fitsWidth, SIZES } from '../helpers/page-layout.js';
import { testApp } from '../helpers/test-app.js';

/**
 * Issue 18's "done when", as one finance officer's story at 1366×768 and at 1024×768: from the empty
 * list, fixture 000 imported through the import page (year and department fixed in the preview), then
 * one imported project's year recorded only through the pages — budget, spending plan, payments and a
 * correction, every indicator's actual in one pasted batch, an assessment, a refused submit whose gap
 * link leads to the deviation form, submit — and the 自评表 downloaded and read back beside the scorecard.
 */

const F000 = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', '000_154af7783c30a653.txt');
const DEPT = '黔南州工商业联合会';
const ID = '52270022P00430210142W-2022';
const browser = await launchBrowser();
t.teardown(() => browser.close());

for (const size of SIZES) {
  t.test(`${size.width}×${size.height}: a first year, from the import to the 自评表`, async (t) => {
    const h = await testApp({ now: '2022-03-01T09:00:00', memory: true });
    t.teardown(h.close);
    const url = await listen(h);
    const opened = await openPage(browser, url, { actor: '李四' });
    t.teardown(opened.close);
    const { page } = opened;
    await page.setViewportSize(size);
    const state = async () => (await h.call('GET', `/api/projects/${ID}`)).json().project;

    // 1. The empty list → the import page → the preview fixed → confirmed → the project.
    await page.goto(`${url}/#/`);
    await page.getByRole('heading', { name: '还没有项目' }).waitFor();
    await page.getByRole('link', { name: '导入绩效目标表' }).click();
    await page.locator('#import-file').setInputFiles(F000);
    const summary = page.locator('[data-summary]');
    await summary.waitFor({ timeout: 30_000 });
    t.match(await summary.textContent(), /发现 5 个项目.*5 个缺少必要信息/);
    await page.locator('#import-year').fill('2022');
    await page.locator('#import-department').fill(DEPT);
    await page.getByRole('button', { name: '按这些信息重新试导入' }).click();
    await summary.filter({ hasText: '5 个将新建' }).waitFor();
    await page.getByRole('button', { name: '确认导入 5 个项目' }).click();
    await page.getByRole('heading', { name: '导入完成' }).waitFor();
    await page.getByRole('link', { name: '黔南州政企服务平台建设工作经费' }).click();
    await page.locator('tr[data-indicator="i7"]').waitFor();
    t.match(page.url(), new RegExp(`#/p/${ID}$`));
    t.equal((await state()).budget.totalFen, 0, 'imported without a budget (the table has none)');

    // 2. The budget the table lacked, then the spending plan.
    const budget = page.locator('#form-budget');
    await budget.locator('[name=total]').fill('50万元');
    await budget.locator('[name=effectiveDate]').fill('2022-03-01');
    await budget.locator('[name=approvalRef]').fill('黔南财预〔2022〕12号');
    await budget.locator('[name=reason]').fill('年初预算批复');
    await budget.getByRole('button', { name: '调整' }).click();
    await budget.locator('.form-status', { hasText: '已' }).waitFor();
    t.equal((await state()).budget.totalFen, 50_000_000);
    const plan = page.locator('#form-spending-plan');
    await plan.locator('[name=m6]').fill('40');
    await plan.locator('[name=m12]').fill('100');
    await plan.getByRole('button', { name: '保存计划' }).click();
    await plan.locator('.form-status', { hasText: '已保存' }).waitFor();
    t.same((await state()).spendingPlan, [{ month: 6, cumulativePercent: 40 }, { month: 12, cumulativePercent: 100 }]);

    // 3. Payments, one corrected from its row.
    h.setNow('2022-12-31T16:00:00');
    await page.reload();
    const spending = page.locator('#form-spending');
    await spending.waitFor();
    for (const [amount, date, note] of [['30万元', '2022-06-20', '平台建设首付款'], ['150000', '2022-11-25', '平台建设尾款'], ['15000', '2022-11-26', '重复录入的尾款']]) {
      await spending.locator('[name=amount]').fill(amount!);
      await spending.locator('[name=date]').fill(date!);
      await spending.locator('[name=note]').fill(note!);
      await spending.getByRole('button', { name: '记录' }).click();
      await page.locator('table.spending tbody tr', { hasText: note! }).waitFor();
    }
    await page.locator('table.spending tbody tr', { hasText: '重复录入的尾款' }).getByRole('button', { name: '更正' }).click();
    t.equal(await spending.locator('[name=amount]').inputValue(), '-15000.00', 'the row reversed');
    await spending.locator('[name=reason]').fill('重复录入');
    await spending.getByRole('button', { name: '记录' }).click();
    await page.locator('[data-spending-total]', { hasText: '450,000.00' }).waitFor();
    t.equal((await state()).budget.spentFen, 45_000_000);

    // 4. Every indicator's year-end actual in one batch, pasted as a column from Excel.
    await page.getByRole('link', { name: '批量填报', exact: true }).click();
    const batch = page.locator('#form-batch');
    await batch.waitFor();
    t.equal(await page.locator('#batch-asof').inputValue(), '2022-12-31', 'the year-end checkpoint');
    await paste(page, '#form-batch tr[data-indicator="i1"] [name=actual]', ['1个', '达成', '2022-11-30', '45万元', '100%', '达成', '96%'].join('\r\n'));
    t.equal(await batch.locator('tr[data-indicator="i7"] [name=actual]').inputValue(), '96%', 'a column pasted into the first row fills the rows below');
    await fitsWidth(t, page, 'batch entry');
    await batch.getByRole('button', { name: '整批保存' }).click();
    await batch.locator('.form-status', { hasText: '已保存 7 个指标' }).waitFor();

    // 5. An assessment from the indicator's row: the 社会效益 judged 部分达成 on second thought.
    await page.goto(`${url}/#/p/${ID}`);
    const assessment = page.locator('#form-assessment');
    await page.locator('tr[data-indicator="i6"]').getByRole('button', { name: '评价' }).click();
    await assessment.locator('[name=grade]').selectOption('部分达成');
    await assessment.locator('[name=comment]').fill('部分商会未参与');
    await assessment.getByRole('button', { name: '提交' }).click();
    await page.locator('tr[data-indicator="i6"] td.actual', { hasText: '部分达成' }).waitFor();

    // 6. Submit: refused, each gap a link to its deviation form; explained; submitted.
    const submit = page.locator('#form-submit');
    await submit.getByRole('button', { name: '提交自评' }).click();
    const gaps = submit.locator('.form-problem a.gap');
    await gaps.first().waitFor();
    const gapCount = await gaps.count();
    t.ok(gapCount >= 1, `the refusal lists ${gapCount} gap(s): ${await submit.locator('.form-problem').textContent()}`);
    const deviation = page.locator('#form-deviation');
    for (let n = 0; n < gapCount; n += 1) {
      await gaps.first().click();
      await deviation.locator('[name=reason]').fill(`偏差原因 ${n + 1}`);
      await deviation.locator('[name=measure]').fill('加强进度管理');
      await deviation.getByRole('button', { name: '提交' }).click();
      await page.locator('table.deviations tbody tr', { hasText: `偏差原因 ${n + 1}` }).waitFor();
      if (n + 1 < gapCount) {
        await submit.getByRole('button', { name: '提交自评' }).click();
        await gaps.first().waitFor();
      }
    }
    await submit.getByRole('button', { name: '提交自评' }).click();
    await page.locator('.evaluation-state h3', { hasText: '已提交自评' }).waitFor();
    t.equal((await state()).status, 'submitted');
    await fitsWidth(t, page, 'the project page');

    // 7. The 自评表 downloaded, read as the officer reads it, beside the scorecard.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('link', { name: /下载 Excel/ }).click()]);
    t.match(download.suggestedFilename(), /黔南州政企服务平台建设工作经费-绩效自评表-2022\.xlsx$/);
    const bytes = readFileSync((await download.path())!);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.getWorksheet('项目支出绩效自评表')!;
    // The rows found by their labels, as a reader finds them (their numbers depend on the sources and indicators).
    const rowOf = (test: (values: unknown[]) => boolean) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (!found && test((row.values as unknown[]).slice(1))) found = row;
      });
      if (!found) throw new Error('row not found');
      return found;
    };
    const money = rowOf((v) => v[1] === '年度资金总额');
    const total = rowOf((v) => v[0] === '总分');
    const grade = rowOf((v) => v[0] === '自评等级');
    const satisfaction = rowOf((v) => v[1] === '满意度指标');
    const card = (await h.call('GET', `/api/projects/${ID}/scorecard`)).json();
    t.same([money.getCell('E').value, money.getCell('F').value, money.getCell('H').value, money.getCell('I').value], [500000, 450000, 90, 9], '全年预算数, 全年执行数, 执行率 90%, its score');
    t.same([Number(card.execution.budget), Number(card.execution.spent), card.execution.ratePercent, card.execution.score], [500000, 450000, 90, 9], 'the scorecard says the same');
    t.same([total.getCell('H').value, grade.getCell('G').value], [89.8, '良'], '总分 89.8, 良');
    t.same([card.total, card.grade], [89.8, '良']);
    const i7 = card.indicators.find((i: { id: string }) => i.id === 'i7');
    t.same([satisfaction.getCell('F').value, satisfaction.getCell('G').value, satisfaction.getCell('H').value], ['96%', 10, 9.8], 'the satisfaction row: 96% of ≥ 98 %, 9.8 of 10');
    t.same([i7.actual, i7.points, i7.score], ['96%', 10, 9.8]);
    const social = rowOf((v) => v[2] === '社会效益指标');
    const i6 = card.indicators.find((i: { id: string }) => i.id === 'i6');
    t.same([social.getCell('F').value, social.getCell('H').value], ['部分达成', 21], 'the grade that counts (the assessment, not the 达成 typed in the batch) beside its 21 of 30');
    t.same([i6.actual, i6.score, i6.status], ['部分达成', 21, 'partial']);
    t.match(String(satisfaction.getCell('I').value), /偏差原因 \d.*加强进度管理/, 'its deviation is printed beside it');
    t.same(opened.external, [], 'nothing fetched from outside');
    t.same(opened.errors, [], 'no script error');
  });
}
