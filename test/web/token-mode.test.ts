import t from 'tap';
import { sha256Hex } from '../../src/auth/principal.js';
import { launchBrowser, listen, openPage } from '../helpers/browser.js';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

/** On a server with access control the pages send the token typed in the header, reports included. */
const tokens = new Map([[sha256Hex('s3cret-recorder'), { actor: '张三', role: 'recorder' as const, departments: [register.department] }]]);

const browser = await launchBrowser();
t.teardown(() => browser.close());

t.test('with a token the project page loads and the xlsx downloads; without one the API says 401', async (t) => {
  const h = await testApp({ now: '2022-07-05T10:00:00', memory: true, tokens });
  t.teardown(h.close);
  const auth = { authorization: 'Bearer s3cret-recorder' };
  t.equal((await h.app.inject({ method: 'POST', url: '/api/projects', headers: auth, payload: register })).statusCode, 201);
  t.equal((await h.app.inject({ method: 'PUT', url: `/api/projects/${PROJECT_ID}/targets`, headers: auth, payload: targets })).statusCode, 200);
  const url = await listen(h);
  const { page, close, errors } = await openPage(browser, url);
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  t.teardown(close);

  await page.goto(`${url}/#/`);
  // Said in plain Chinese (web/messages.js): a token is needed.
  await page.getByText('需要令牌', { exact: false }).or(page.getByText('令牌无效', { exact: false })).first().waitFor();

  await page.locator('#token').fill('s3cret-recorder');
  await page.locator('#token').dispatchEvent('change');
  await page.goto(`${url}/#/p/${PROJECT_ID}`);
  await page.locator('tr[data-indicator="i1"]').waitFor();

  const download = page.waitForEvent('download').catch((e: Error) => {
    throw new Error(`${e.message} ${JSON.stringify(errors)}`);
  });
  await page.getByText('下载 Excel（xlsx）').click();
  const file = await download;
  t.match(file.suggestedFilename(), /绩效自评表-2022\.xlsx$/);
  const path = await file.path();
  const { readFileSync } = await import('node:fs');
  t.equal(readFileSync(path).subarray(0, 2).toString(), 'PK', 'a real xlsx, fetched with the token');
});
