import type { TestApp } from './test-app.js';

/**
 * A department's year with three projects, for the roll-up tests (issue 17): budgets by source, a
 * budget adjustment, spending through the year, year-end actuals and assessments, one project
 * submitted, one red at 6月底 and explained only on 7月5日, and a project of another department.
 *
 * Year end, by hand: A 99.50 优 (95 % spent), B 79.00 中 (80 %), C 99.28 优 (38 of 40 万 after the
 * adjustment); budgets 100 + 50 + 40 = 190 万, spent 95 + 40 + 38 = 173 万.
 */
export const DEPARTMENT = '成都市工商业联合会';
export const A = 'CDGSL001-2022';
export const B = 'CDGSL002-2022';
export const C = 'CDGSL003-2022';

const targets = (count: string) => ({
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '开展会员服务活动', target: `≥ ${count} 次` },
    { level1: '效益指标', level2: '社会效益指标', name: '民营经济人士凝聚力', target: '有效提升' },
    { level1: '满意度指标', level2: '满意度指标', name: '会员满意度', target: '≥ 90 %' },
  ],
});
const plan = { checkpoints: [{ month: 3, cumulativePercent: 10 }, { month: 6, cumulativePercent: 30 }, { month: 10, cumulativePercent: 60 }, { month: 12, cumulativePercent: 100 }] };

type Step = [now: string, method: 'POST' | 'PUT', url: string, body: unknown];

const project = (code: string, name: string, department: string, budget: unknown) => ({ code, year: 2022, name, department, budget });

const STEPS: Step[] = [
  ['2022-01-10T09:00:00', 'POST', '/api/projects', project('CDGSL001', '城市商会服务经费', DEPARTMENT, { initial: '100万元', sources: [{ name: '财政拨款', amount: '80万元' }, { name: '其他资金', amount: '20万元' }] })],
  ['2022-01-10T09:00:00', 'POST', '/api/projects', project('CDGSL002', '民营经济调研经费', DEPARTMENT, { initial: '50万元' })],
  // The same department, spelt with a space: matched by its key.
  ['2022-01-10T09:00:00', 'POST', '/api/projects', project('CDGSL003', '会员服务经费', '成都市 工商业联合会', { initial: '30万元', sources: [{ name: '财政拨款', amount: '30万元' }] })],
  ['2022-01-10T09:00:00', 'POST', '/api/projects', project('QNGSL001', '黔南州平台建设经费', '黔南州工商业联合会', { initial: '70万元' })],
  ...[A, B, C].flatMap((id, k): Step[] => [
    ['2022-01-10T09:00:00', 'PUT', `/api/projects/${id}/targets`, targets('10')],
    ['2022-01-10T09:00:00', 'PUT', `/api/projects/${id}/spending-plan`, plan],
  ]),
  ['2022-03-20T10:00:00', 'POST', `/api/projects/${B}/spending`, { amount: '2万元', date: '2022-03-20' }],
  ['2022-05-10T10:00:00', 'POST', `/api/projects/${A}/spending`, { amount: '20万元', date: '2022-05-10', source: '财政拨款' }],
  ['2022-06-15T10:00:00', 'POST', `/api/projects/${C}/spending`, { amount: '12万元', date: '2022-06-15' }],
  // B was red at 6月底 (2 of 50 万 against 30 %): explained on 7月5日.
  ['2022-07-05T10:00:00', 'POST', `/api/projects/${B}/deviations`, { category: '制度保障', reason: '调研方案待审批', measure: '加快审批', likelihood: '有可能', checkpoint: 6 }],
  ['2022-08-20T10:00:00', 'POST', `/api/projects/${C}/budget-adjustments`, { total: '40万元', reason: '追加会员服务', approvalRef: '成财〔2022〕8号', effectiveDate: '2022-09-01', sources: [{ name: '财政拨款', amount: '40万元' }] }],
  ['2022-10-15T10:00:00', 'POST', `/api/projects/${C}/spending`, { amount: '26万元', date: '2022-10-15' }],
  ['2022-11-10T10:00:00', 'POST', `/api/projects/${A}/spending`, { amount: '60万元', date: '2022-11-10', source: '财政拨款' }],
  ['2022-12-10T10:00:00', 'POST', `/api/projects/${A}/spending`, { amount: '15万元', date: '2022-12-10', source: '其他资金' }],
  ['2022-12-20T10:00:00', 'POST', `/api/projects/${B}/spending`, { amount: '38万元', date: '2022-12-20' }],
  ...(
    [
      [A, '12次', '达成', '95%'],
      [B, '8次', '部分达成', '92%'],
      [C, '10次', '达成', '88%'],
    ] as const
  ).flatMap(([id, count, grade, satisfaction]): Step[] => [
    ['2022-12-31T16:00:00', 'POST', `/api/projects/${id}/indicators/i1/actuals`, { value: count, asOf: '2022-12-31' }],
    ['2022-12-31T16:00:00', 'POST', `/api/projects/${id}/indicators/i2/assessment`, { grade }],
    ['2022-12-31T16:00:00', 'POST', `/api/projects/${id}/indicators/i3/actuals`, { value: satisfaction, asOf: '2022-12-31' }],
  ]),
  ['2022-12-31T16:00:00', 'POST', `/api/projects/${C}/deviations`, { indicatorId: 'i3', category: '其他', reason: '部分会员反映活动场地偏远', measure: '增设分会场' }],
  ['2022-12-31T16:00:00', 'POST', `/api/projects/${A}/evaluation/submit`, {}],
];

/** Records the department's year through the HTTP API, each step at its own clock time. */
export async function recordDepartmentProjects(h: TestApp): Promise<void> {
  for (const [now, method, url, body] of STEPS) {
    h.setNow(now);
    const res = await h.call(method, url, body);
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  }
}
