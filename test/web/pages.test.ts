import t, { type Test } from 'tap';
import { launchBrowser, listen, openPage, type OpenedPage } from '../helpers/browser.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, spending, targets } from '../helpers/worked-example.js';

/**
 * The pages in a real browser (Debian's chromium, headless, offline): what a 填报人 or an auditor
 * does with them. The example project (domain.md §7) is seeded through the API up to 2022-07-05:
 * declared, planned, 12万元 spent by 6月底, no actuals yet — total 2.40 (execution 24% × 10).
 */

const base = `/api/projects/${PROJECT_ID}`;

async function must(h: TestApp, method: 'POST' | 'PUT', url: string, body: unknown): Promise<void> {
  const res = await h.call(method, url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
}

async function exampleApp(): Promise<{ h: TestApp; url: string }> {
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  await must(h, 'POST', '/api/projects', register);
  await must(h, 'PUT', `${base}/targets`, targets);
  await must(h, 'PUT', `${base}/spending-plan`, plan);
  for (const [now, body] of spending.slice(0, 2)) {
    h.setNow(now);
    await must(h, 'POST', `${base}/spending`, body);
  }
  h.setNow('2022-07-05T10:00:00');
  return { h, url: await listen(h) };
}

const browser = await launchBrowser();
t.teardown(() => browser.close());

/** Opens a page for one test; `clean` checks that nothing was fetched from outside and no script failed. */
async function open(t: Test, url: string, actor = '李四'): Promise<OpenedPage & { clean(): void }> {
  const opened = await openPage(browser, url, { actor });
  t.teardown(opened.close);
  return {
    ...opened,
    clean() {
      t.same(opened.external, [], 'no request left the app (no CDN, no font service)');
      t.same(opened.errors, [], 'no script error');
    },
  };
}

t.test('recording an actual through the form raises that indicator’s score and the total', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}`);

  const i1 = page.locator('tr[data-indicator="i1"]');
  await i1.waitFor();
  t.equal(await i1.locator('td.score').textContent(), '0.00', 'i1 = 1 个 has no actual yet');
  t.equal(await page.locator('[data-total]').textContent(), '2.40');

  await i1.getByRole('button', { name: '记录' }).click();
  const form = page.locator('#form-actual');
  t.equal(await form.locator('[name=indicatorId]').inputValue(), 'i1', 'the row button chose the indicator');
  await form.locator('[name=value]').fill('1个');
  await form.locator('[name=asOf]').fill('2022-06-30');
  await form.locator('[name=evidence]').fill('平台上线验收单');
  await form.getByRole('button', { name: '记录' }).click();

  await i1.locator('td.score', { hasText: '10.00' }).waitFor();
  t.equal(await page.locator('[data-total]').textContent(), '12.40', 'total 2.40 + 10.00');
  t.match(await i1.locator('td.actual').textContent(), /1个.*截至 2022-06-30/);
  t.match(await form.locator('.form-status').textContent(), /已保存（版本 5）/);
  t.equal(await form.locator('[name=value]').inputValue(), '', 'a saved value is cleared for the next one');

  const last = (await h.call('GET', `${base}/history`)).json().entries.at(-1);
  t.equal(last.type, 'ActualRecorded');
  t.equal(last.actor, '李四', 'the actor in the header reached the API');
  clean();
});

t.test('a refused value shows its message under the value field and keeps what was typed', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}`);

  const form = page.locator('#form-actual');
  await form.locator('[name=indicatorId]').selectOption('i1');
  await form.locator('[name=value]').fill('五个');
  await form.locator('[name=asOf]').fill('2022-06-30');
  await form.locator('[name=note]').fill('按合同');
  await form.getByRole('button', { name: '记录' }).click();

  const valueError = form.locator('[data-field="value"] .field-error');
  await valueError.locator('div').first().waitFor();
  t.ok((await valueError.textContent())!.length > 0, `the message sits under the value: ${await valueError.textContent()}`);
  t.equal(await form.locator('[name=value]').getAttribute('aria-invalid'), 'true');
  t.equal(await form.locator('[name=value]').inputValue(), '五个', 'the typed value is still there');
  t.equal(await form.locator('[name=note]').inputValue(), '按合同', 'so is the note');
  t.equal(await form.locator('[name=asOf]').inputValue(), '2022-06-30');
  t.equal(await form.locator('[data-field="asOf"] .field-error').textContent(), '', 'no message under the other fields');
  t.ok(await form.locator('.form-problem').isVisible(), 'the detail is shown at the top of the form');
  t.equal((await h.call('GET', base)).json().project.revision, 4, 'nothing was written');
  t.equal(await page.locator('tr[data-indicator="i1"] td.score').textContent(), '0.00');
  clean();
});

t.test('the deviation and assessment forms offer the choices the project answers with, and record them', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  await page.locator('tr[data-indicator="i2"]').waitFor();

  const deviation = page.locator('#form-deviation');
  const options = async (form: typeof deviation, name: string) => form.locator(`[name=${name}] option`).evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
  t.same(await options(deviation, 'category'), ['经费保障', '制度保障', '人员保障', '硬件保障', '其他']);
  t.same(await options(deviation, 'likelihood'), ['', '确定能', '有可能', '完全不可能']);
  await deviation.locator('[name=indicatorId]').selectOption('i1');
  await deviation.locator('[name=category]').selectOption('制度保障');
  await deviation.locator('[name=reason]').fill('验收推迟');
  await deviation.locator('[name=measure]').fill('加快验收');
  await deviation.locator('[name=likelihood]').selectOption('有可能');
  await deviation.getByRole('button').click();
  await deviation.locator('.form-status', { hasText: '已保存' }).waitFor();

  const assessment = page.locator('#form-assessment');
  t.same(await options(assessment, 'grade'), ['达成', '部分达成', '未达成']);
  await page.locator('tr[data-indicator="i2"]').getByRole('button', { name: '评价' }).click();
  await assessment.locator('[name=grade]').selectOption('部分达成');
  await assessment.getByRole('button').click();
  await page.locator('tr[data-indicator="i2"] td.actual', { hasText: '评价：部分达成' }).waitFor();

  const project = (await h.call('GET', base)).json().project;
  t.same(project.deviations.map((d: { indicatorId: string; category: string; likelihood: string }) => [d.indicatorId, d.category, d.likelihood]), [['i1', '制度保障', '有可能']]);
  t.equal(project.indicators[1].assessment.grade, '部分达成');
  clean();
});

t.test('a page older than the project is refused (412), refreshed, and keeps the typed value for a second try', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  await page.locator('tr[data-indicator="i1"]').waitFor();

  await must(h, 'POST', `${base}/indicators/i7/actuals`, { value: '96%', asOf: '2022-06-30' }); // someone else, meanwhile
  const form = page.locator('#form-actual');
  await form.locator('[name=indicatorId]').selectOption('i1');
  await form.locator('[name=value]').fill('1个');
  await form.getByRole('button', { name: '记录' }).click();

  await form.locator('.form-problem', { hasText: '已被他人更新' }).waitFor();
  t.equal(await form.locator('[name=value]').inputValue(), '1个', 'the typed value is kept');
  t.match(await page.locator('tr[data-indicator="i7"] td.actual').textContent(), /96%/, 'the page now shows the other change');
  t.equal(await page.locator('tr[data-indicator="i1"] td.score').textContent(), '0.00');

  await form.getByRole('button', { name: '记录' }).click();
  await page.locator('tr[data-indicator="i1"] td.score', { hasText: '10.00' }).waitFor();
  t.ok(await form.locator('.form-problem').isHidden(), 'the problem is cleared on success');
  clean();
});

t.test('the history page shows the target as it was before a mid-year revision', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  h.setNow('2022-09-15T10:00:00');
  await must(h, 'POST', `${base}/indicators/i1/revisions`, { target: '= 2 个', reason: '新增移动端', approvalRef: '黔南工商联〔2022〕12号' });
  const { page, clean } = await open(t, url);

  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  const now = page.locator('tr[data-indicator="i1"] td.target');
  await now.waitFor();
  t.equal(await now.locator('[data-target]').textContent(), '= 2 个', 'the project page shows the approved target');
  t.match(await now.textContent(), /原：= 1 个/, 'and the declared one beside it');

  await page.getByRole('link', { name: '历史与回放' }).click();
  await page.locator('#history-asof').fill('2022-08-31');
  await page.locator('#form-history-asof').getByRole('button', { name: '查看', exact: true }).click();
  await page.locator('h2', { hasText: '截至 2022-08-31 的项目状态' }).waitFor();
  const then = page.locator('.as-of tr[data-indicator="i1"] td.target');
  t.equal(await then.locator('[data-target]').textContent(), '= 1 个', 'as of 2022-08-31 the target was = 1 个');
  t.notMatch(await then.textContent(), /原：/, 'not yet revised then');
  t.match(page.url(), /history\?asOf=2022-08-31$/, 'the date is in the address, so the view can be shared');
  const revised = page.locator('tr.later', { hasText: '新增移动端' });
  t.equal(await revised.count(), 1, 'the revision is listed as after the chosen date');

  const diff = page.locator('#form-diff');
  await diff.locator('[name=from]').fill('2022-08-31');
  await diff.locator('[name=to]').fill('2022-09-30');
  await diff.getByRole('button', { name: '比较' }).click();
  const row = page.locator('table.changes tr', { hasText: '目标值 i1' });
  await row.waitFor();
  t.same(await row.locator('td').allTextContents(), ['目标值 i1 黔南州政企服务平台建设工作', '= 1 个', '= 2 个']);

  await diff.locator('[name=from]').fill('去年');
  await diff.getByRole('button', { name: '比较' }).click();
  await diff.locator('[data-field="from"] .field-error div').waitFor();
  t.equal(await diff.locator('[name=from]').inputValue(), '去年', 'a refused point keeps what was typed');
  t.equal(await page.locator('table.changes').count(), 0, 'the earlier comparison is cleared, not left as if it answered this one');
  t.notMatch(await diff.locator('.form-problem').textContent(), /[A-Za-z]{4,}/, 'in Chinese');

  // Record time beside business time: what the system said on 2022-09-14, the day before the revision was typed in.
  await page.locator('#history-knownat').fill('2022-09-14');
  await page.locator('#form-history-knownat').getByRole('button', { name: '查看', exact: true }).click();
  await page.locator('h2', { hasText: '系统在 2022-09-14 所知的项目状态' }).waitFor();
  t.equal(await page.locator('.as-of tr[data-indicator="i1"] td.target [data-target]').textContent(), '= 1 个');
  t.match(page.url(), /history\?knownAt=2022-09-14$/);
  t.equal(await page.locator('tr.later', { hasText: '新增移动端' }).count(), 1, 'the revision, recorded later, is marked so');
  clean();
});

t.test('the list filters by colour', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  // A second project that has spent nothing by 6月底 against a planned 30%: red.
  await must(h, 'POST', '/api/projects', { ...register, code: 'TEST-RED', name: '未执行的项目', department: '另一部门', budget: { initial: '10万元' } });
  await must(h, 'PUT', '/api/projects/TEST-RED-2022/spending-plan', plan);
  const colours = Object.fromEntries((await h.call('GET', '/api/projects')).json().projects.map((p: { id: string; colour: string }) => [p.id, p.colour]));
  t.equal(colours['TEST-RED-2022'], 'red');
  t.not(colours[PROJECT_ID], 'red');

  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/`);
  const rows = page.locator('table.projects tbody tr[data-project]');
  await rows.nth(1).waitFor();
  t.equal(await rows.count(), 2);
  t.match(await page.locator('tr[data-project="TEST-RED-2022"]').textContent(), /红/, 'the colour is written, not only shown');

  await page.locator('#filter-colour').selectOption('red');
  await page.waitForURL(/colour=red/);
  await page.locator('table.projects caption', { hasText: '共 1 个项目' }).waitFor();
  t.same(await Promise.all((await rows.all()).map((row) => row.getAttribute('data-project'))), ['TEST-RED-2022']);
  t.equal(await page.locator('#filter-colour').inputValue(), 'red', 'the filter shows what is applied');

  await page.locator('#filter-colour').selectOption('');
  await page.locator('table.projects caption', { hasText: '共 2 个项目' }).waitFor();
  t.equal(await rows.count(), 2);
  clean();
});

t.test('the monitoring view at 6月底 shows 24% spent against 30% planned, ratio 80, green', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}/monitoring`);
  await page.getByRole('button', { name: '6月底' }).click();
  await page.waitForURL(/asOf=2022-06-30/);
  const june = page.locator('table.checkpoints tr[data-month="6"]');
  await june.waitFor();
  t.same(await june.locator('td').allTextContents(), ['6月底', '2022-06-30', '30%', '24%', '80%', '绿']);
  clean();
});

t.test('the self-evaluation table downloads as xlsx and opens as html', async (t) => {
  const { h, url } = await exampleApp();
  t.teardown(h.close);
  const { page, clean } = await open(t, url);
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载 Excel/ }).click()]);
  t.match(download.suggestedFilename(), /绩效自评表-2022\.xlsx$/);
  const html = await page.request.get(await page.getByRole('link', { name: /网页版/ }).getAttribute('href').then((href) => `${url}${href}`));
  t.equal(html.status(), 200);
  t.match(await html.text(), /项目支出绩效自评表/);
  clean();
});
