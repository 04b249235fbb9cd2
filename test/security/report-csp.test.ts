import t from 'tap';
import { launchBrowser, openPage } from '../helpers/browser.js';
import { securityServer, withProject, TOKEN } from './server.js';

/**
 * Issue 13 D10 (last part): in token mode the page opens the HTML self-evaluation report as a blob:
 * document, which inherits the page's CSP; its inline stylesheet was blocked and the report rendered
 * unstyled. The page's policy allows that stylesheet by its hash, and nothing else inline.
 */
const browser = await launchBrowser();
t.teardown(() => browser.close());

t.test('the HTML report opened from the page with a token renders with its stylesheet', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const id = await withProject(s);
  const { page, close, errors } = await openPage(browser, s.url);
  t.teardown(close);
  await page.goto(`${s.url}/#/`);
  await page.locator('#token').fill(TOKEN);
  await page.locator('#token').dispatchEvent('change');
  await page.goto(`${s.url}/#/p/${id}`);
  await page.locator('tr[data-indicator="i1"]').waitFor();

  const opened = page.context().waitForEvent('page');
  await page.getByText('打开网页版（html）').click();
  const report = await opened;
  const violations: string[] = [];
  report.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await report.waitForLoadState('load');
  t.match(report.url(), /^blob:/, 'opened as a blob document, inheriting the page policy');
  await report.locator('h1').waitFor();
  // A string expression: the test's own TypeScript has no DOM types.
  const style = (await report.evaluate(`(() => {
    const table = document.querySelector('table');
    const h1 = document.querySelector('h1');
    const firstCol = document.querySelector('col');
    return {
      borderCollapse: getComputedStyle(table).borderCollapse,
      h1Align: getComputedStyle(h1).textAlign,
      tableLayout: getComputedStyle(table).tableLayout,
      colWidth: firstCol.getBoundingClientRect().width,
      tableWidth: table.getBoundingClientRect().width,
    };
  })()`)) as { borderCollapse: string; h1Align: string; tableLayout: string; colWidth: number; tableWidth: number };
  t.equal(style.borderCollapse, 'collapse', 'the report stylesheet applies');
  t.equal(style.h1Align, 'center');
  t.equal(style.tableLayout, 'fixed');
  t.ok(style.colWidth > 0 && style.colWidth < style.tableWidth, `columns have their widths (${style.colWidth} of ${style.tableWidth})`);
  t.strictSame(violations, [], 'no CSP violation in the report');
  t.strictSame(errors, [], 'no error on the page');
});

t.test('the page policy allows the report stylesheet by hash only; the report served alone has its own policy', async (t) => {
  const s = await securityServer();
  t.teardown(s.close);
  const id = await withProject(s);
  const pageCsp = (await fetch(`${s.url}/`)).headers.get('content-security-policy') ?? '';
  t.match(pageCsp, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
  t.notMatch(pageCsp, /unsafe-inline/);
  const res = await s.send('GET', `/api/projects/${id}/self-evaluation?format=html`);
  t.equal(res.status, 200);
  t.match(res.headers.get('content-security-policy'), /^default-src 'none'; style-src 'sha256-/);
  t.notMatch(await res.text(), /style="/, 'no style attributes, which no hash could allow');
});
