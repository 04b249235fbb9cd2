import t from 'tap';
import { sha256Hex } from '../../src/auth/principal.js';
import { testApp } from '../helpers/test-app.js';

/**
 * GET /api/projects searches, sorts and exports (issue 18, item 6): the page and its Excel file show
 * the same rows, and a caller sees only its departments' projects in either.
 */

const A = '黔南州工商业联合会';
const B = '黔南州交通运输局';
const tokens = new Map([
  [sha256Hex('rec-a'), { actor: '张三', role: 'recorder' as const, departments: [A] }],
  [sha256Hex('fin'), { actor: '王五', role: 'finance' as const, departments: ['*'] }],
]);

async function app() {
  const h = await testApp({ now: '2022-07-05T10:00:00', memory: true, tokens });
  const fin = { authorization: 'Bearer fin' };
  const projects = [
    { code: 'A-1', name: '平台建设经费', department: A, budget: { initial: '50万元' }, displayUnit: '万元' },
    { code: 'A-2', name: '专项行动经费', department: A, budget: { initial: '1234567.89' } },
    { code: 'B-1', name: '交通安全宣传', department: B, budget: { initial: '300000' } },
  ];
  for (const p of projects) {
    const res = await h.app.inject({ method: 'POST', url: '/api/projects', headers: { authorization: p.department === A ? 'Bearer rec-a' : 'Bearer fin' }, payload: { year: 2022, ...p } });
    if (p.department === B) t.equal(res.statusCode, 403, 'finance does not write');
  }
  return { h, fin };
}

t.test('search, sort and the fields the page shows', async (t) => {
  const h = await testApp({ now: '2022-07-05T10:00:00', memory: true });
  t.teardown(h.close);
  for (const p of [
    { code: 'A-1', name: '平台建设经费', department: A, budget: { initial: '50万元' }, displayUnit: '万元' },
    { code: 'A-2', name: '专项行动经费', department: A, budget: { initial: '1234567.89' } },
    { code: 'B-1', name: '交通安全宣传', department: B, budget: { initial: '300000' } },
  ]) t.equal((await h.call('POST', '/api/projects', { year: 2022, ...p })).statusCode, 201);
  await h.call('POST', '/api/projects/B-1-2022/spending', { amount: '120000', date: '2022-06-30' });

  let list = (await h.call('GET', '/api/projects?sort=budget&order=desc')).json();
  t.same(list.projects.map((p: { code: string }) => p.code), ['A-2', 'A-1', 'B-1']);
  t.same(list.colourThresholds, { red: 60, yellow: 80, blue: 120 });
  const b1 = list.projects.find((p: { code: string }) => p.code === 'B-1');
  t.match(b1, { budget: '300000.00', spent: '120000.00', displayUnit: '元' });
  t.equal(list.projects.find((p: { code: string }) => p.code === 'A-1').displayUnit, '万元');
  list = (await h.call('GET', '/api/projects?sort=budget')).json();
  t.same(list.projects.map((p: { code: string }) => p.code), ['B-1', 'A-1', 'A-2'], 'ascending by default');
  list = (await h.call('GET', `/api/projects?q=${encodeURIComponent('交通')}`)).json();
  t.same(list.projects.map((p: { code: string }) => p.code), ['B-1'], 'by department');
  list = (await h.call('GET', '/api/projects?q=a-')).json();
  t.same(list.projects.map((p: { code: string }) => p.code).sort(), ['A-1', 'A-2'], 'by code, case-insensitive');
  list = (await h.call('GET', `/api/projects?q=${encodeURIComponent('平台')}&department=${encodeURIComponent(B)}`)).json();
  t.same(list.projects, [], 'search within the filters');
  const bad = await h.call('GET', '/api/projects?sort=nonsense');
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().errors[0].field, 'sort');
});

t.test('the xlsx holds the rows a caller may see, in the order asked', async (t) => {
  const { h, fin } = await app();
  t.teardown(h.close);
  const { default: excel } = await import('exceljs');
  const read = async (headers: Record<string, string>, query: string) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/projects?format=xlsx&${query}`, headers });
    t.equal(res.statusCode, 200);
    t.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    t.match(res.headers['content-disposition'], /attachment; filename\*=UTF-8''%E9%A1%B9%E7%9B%AE%E5%88%97%E8%A1%A8-2022-07-05\.xlsx/);
    const book = new excel.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('项目列表')!;
    const rows: (string | number)[][] = [];
    for (let r = 4; r <= sheet.rowCount; r++) rows.push([2, 3, 7, 8].map((c) => sheet.getCell(r, c).value as string | number));
    return { sheet, rows };
  };
  const mine = await read({ authorization: 'Bearer rec-a' }, 'sort=budget&order=desc');
  t.same(mine.rows, [['专项行动经费', 'A-2', '元', 1234567.89], ['平台建设经费', 'A-1', '万元', 50]], 'only department A, amounts in each unit');
  t.equal(mine.sheet.getCell(4, 8).numFmt, '#,##0.00', 'thousands separators');
  t.equal(mine.sheet.getCell('A2').value, '按全年预算数降序；共 2 个项目；截至 2022-07-05');
  t.equal(mine.sheet.getCell(3, 8).value, '全年预算数');
  t.match(mine.sheet.pageSetup, { orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
  const all = await read(fin, `q=${encodeURIComponent('经费')}`);
  t.same(all.rows.map((r) => r[1]).sort(), ['A-1', 'A-2'], 'finance sees every department; the search applies');
  t.equal(all.sheet.getCell('A2').value, '搜索：“经费”；共 2 个项目；截至 2022-07-05');
  const none = await h.app.inject({ method: 'GET', url: '/api/projects?format=xlsx' });
  t.equal(none.statusCode, 401, 'no token, no file');
});
