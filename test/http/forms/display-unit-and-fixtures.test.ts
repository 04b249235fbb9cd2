import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { testApp, type TestApp } from '../../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../../helpers/worked-example.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', name));

async function importFile(h: TestApp, name: string, query: Record<string, string | number>) {
  const q = new URLSearchParams({ dryRun: 'false', fileName: name, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/import?${q}`,
    headers: { 'content-type': 'text/plain', 'x-actor': encodeURIComponent('导入员') },
    payload: fixture(name),
  });
  return res.json();
}

type Funding = { label: string; initialBudget: number | null };
const fundingOf = (table: { funding: Funding[] }) => table.funding.map((f) => [f.label, f.initialBudget]);

t.test('each fixture imported shows its sources and its unit as the table has them', async (t) => {
  const h = await testApp({ now: '2022-03-01T10:00:00' });
  t.teardown(h.close);

  // 004: 单位：万元, 资金总额 2,550.87 = 财政拨款 2,550.87 + 其他资金 0.00.
  // A 部门整体 table: a department-year, its 自评表 the department's.
  let r = await importFile(h, '004_6255a671ef9b9be6.txt', { year: 2022, department: '成都市工商业联合会' });
  t.equal(r.projects[0].outcome.status, 'created', JSON.stringify(r.projects[0].outcome));
  const deptUrl = r.projects[0].outcome.departmentYear.url;
  let table = (await h.call('GET', `${deptUrl}/self-evaluation`)).json();
  t.equal(table.moneyUnit, '万元');
  t.same(fundingOf(table), [['年度资金总额', 2550.87], ['财政拨款', 2550.87], ['上年结转资金', 0], ['其他资金', 0]]);
  let html = (await h.call('GET', `${deptUrl}/self-evaluation?format=html`)).body;
  t.match(html, '单位：万元');
  t.match(html, '<td class="number">2,550.87</td>', 'thousands separators on screen');
  t.match(html, '年度预算资金（万元）');
  const cost = table.indicatorGroups.flatMap((g: { indicators: unknown[] }) => g.indicators).find((i: { name: string }) => i.name.includes('维护成本控制'));
  t.equal(cost.target, '≤ 170 万元', 'a money target shown in the unit it was written in');

  // 003: 单位：元, 预算数 4000.00 of which 财政资金 4000.00 (其他资金 blank).
  r = await importFile(h, '003_880eb0350398ec66.txt', { year: 2022, department: '玉田县工商业联合会' });
  // Its narrative part is the department-year; the two project tables are projects.
  t.same(r.projects.map((p: { outcome: { status: string } }) => p.outcome.status), ['created', 'created', 'created']);
  t.equal(r.projects[0].outcome.departmentYear.name, '玉田县工商业联合会', 'the department param names the department-year');
  table = (await h.call('GET', '/api/projects/13022925P00JXC419629R-2022/self-evaluation')).json();
  t.equal(table.moneyUnit, '元');
  t.same(fundingOf(table), [['年度资金总额', 4000], ['财政资金', 4000], ['上年结转资金', 0], ['其他资金', 0]], 'the table\'s own name 财政资金 on the 财政拨款 row');

  // 001: 单位：万元, 14 万元, no sources; 项目支出实施期 2021.1-2020.12 (reversed: recorded and warned).
  r = await importFile(h, '001_2127532c2f2b5ab4.txt', { year: 2021, department: '会同县工商联', code: 'HTGSL-JCSH' });
  const first = r.projects.find((p: { register: { name: string } }) => p.register.name === '基层商会专项经费');
  t.ok(r.warnings.some((w: { message: string }) => /起止颠倒/.test(w.message)), 'the import warns about the reversed period');
  t.equal(first.register.displayUnit, '万元');
  if (first.outcome.status === 'created') {
    table = (await h.call('GET', `/api/projects/${first.outcome.id ?? 'HTGSL-JCSH-2021'}/self-evaluation`)).json();
    t.equal(table.moneyUnit, '万元');
    t.same(fundingOf(table)[0], ['年度资金总额', 14]);
    t.equal(table.header.implementationPeriod, '2021-01-01 至 2020-12-31');
    t.ok(table.notes.some((n: string) => n.includes('起止颠倒')));
  } else t.fail(`001 was not recorded: ${JSON.stringify(first.outcome)}`);

  // 000: no 单位 line: 元; its targets as read.
  r = await importFile(h, '000_154af7783c30a653.txt', { year: 2022, department: '黔南州工商业联合会' });
  table = (await h.call('GET', '/api/projects/52270022P00430210142W-2022/self-evaluation')).json();
  t.equal(table.moneyUnit, '元');
  t.same(fundingOf(table).slice(1).map((f) => f[1]), [null, null, null], 'no sources on the table: the source rows are empty');
  t.same(
    table.indicators.filter((i: { level2: string }) => i.level2 === '成本指标').map((i: { target: string; targetWritten: string }) => [i.target, i.targetWritten]),
    [['≤ 50 万元', '≤50 万元'], ['= 100 %', '=100 %']],
    'shown as read, written as the table has them',
  );
});

t.test('display unit chosen; targets shown as read, the written text kept', async (t) => {
  const h = await testApp({ now: '2022-12-31T10:00:00' });
  t.teardown(h.close);
  const base = `/api/projects/${PROJECT_ID}`;
  await h.call('POST', '/api/projects', register);
  const latex = { level1: '产出指标', level2: '质量指标', name: '系统故障率', target: '$\\leq 0.01\\%$' };
  const odd = { level1: '产出指标', level2: '时效指标', name: '完成时间', target: { comparator: '定性', value: '2022年12月' } };
  t.equal((await h.call('PUT', `${base}/targets`, { indicators: [...targets.indicators, latex, odd] })).statusCode, 200);
  await h.call('POST', `${base}/spending`, { amount: '451234.56', date: '2022-12-20' });

  let res = await h.call('PUT', `${base}/display-unit`, { unit: '千元' });
  t.equal(res.statusCode, 400);
  t.match(res.json().errors, [{ field: 'unit', message: /元 或 万元/ }]);
  t.equal((await h.call('PUT', `${base}/display-unit`, { unit: '万元' })).statusCode, 200);

  const table = (await h.call('GET', `${base}/self-evaluation`)).json();
  t.equal(table.moneyUnit, '万元');
  t.same(table.funding[0], { kind: 'total', label: '年度资金总额', initialBudget: 50, budget: 50, spent: 45.123456, points: 10, ratePercent: 90.25, score: 9.02 });
  const row = (name: string) => table.indicators.find((i: { name: string }) => i.name === name);
  t.same([row('系统故障率').target, row('系统故障率').targetWritten], ['≤ 0.01 %', '$\\leq 0.01\\%$']);
  t.same([row('完成时间').target, row('完成时间').targetWritten], ['2022-12-31 前完成', '定性2022年12月']);
  const html = (await h.call('GET', `${base}/self-evaluation?format=html`)).body;
  t.match(html, '<td class="number">45.123456</td>', 'an amount in 万元 keeps every fen');
  t.notMatch(html, '\\leq');
  t.notMatch(html, '定性2022');
  const csv = (await h.call('GET', `${base}/self-evaluation?format=csv`)).body;
  t.match(csv, ',年度资金总额,,50.00,50.00,45.123456,10.00,90.25,9.02');
});
