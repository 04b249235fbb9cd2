import type { Test } from 'tap';
import { testApp } from './test-app.js';

/** A department-year recorded through the API: its own indicators, tasks, spending, judgments, submit. */
export const DEPARTMENT = '某县商务局';
export const BASE = `/api/departments/${encodeURIComponent(DEPARTMENT)}/2022`;
export const registerDepartment = {
  name: DEPARTMENT,
  year: 2022,
  budget: { initial: '100万元', sources: [{ name: '财政拨款', amount: '80万元' }, { name: '其他资金', amount: '20万元' }] },
  goals: { annual: '完成年度商务发展任务' },
  displayUnit: '万元',
};
export const tasks = {
  tasks: [
    { id: 't1', name: '招商引资', content: '举办招商推介活动', amounts: [{ name: '财政拨款', amount: '60万元' }] },
    { id: 't2', name: '市场监管', content: '开展市场秩序检查', amounts: [{ name: '财政拨款', amount: '20万元' }, { name: '其他资金', amount: '20万元' }] },
  ],
};
export const targets = {
  indicators: [
    { key: 'fairs', level1: '产出指标', level2: '数量指标', name: '举办推介会', target: '≥4场', task: 't1' },
    { key: 'checks', level1: '产出指标', level2: '数量指标', name: '检查次数', target: '≥10次', task: 't2' },
    { key: 'effect', level1: '效益指标', level2: '社会效益指标', name: '营商环境', target: '持续改善' },
    { key: 'sat', level1: '满意度指标', level2: '服务对象满意度指标', name: '企业满意度', target: '≥90%' },
  ],
};

/** Records the year; returns the test app at 2022-12-31. */
export async function recordedDepartmentYear(t: Test) {
  const h = await testApp({ now: '2022-06-30T10:00:00' });
  t.teardown(h.close);
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown, status = 200) => {
    const res = await h.call(method, url, body);
    t.equal(res.statusCode, status, res.statusCode === status ? `${method} ${url}` : res.body);
    return res;
  };
  await ok('POST', '/api/departments', registerDepartment, 201);
  await ok('PUT', `${BASE}/tasks`, tasks);
  await ok('PUT', `${BASE}/targets`, targets);
  await ok('POST', `${BASE}/spending`, { amount: '30万元', date: '2022-06-15', task: 't1' });
  await ok('POST', `${BASE}/indicators/fairs/actuals`, { value: '2场', asOf: '2022-06-30' });
  h.setNow('2022-12-31T10:00:00');
  await ok('POST', `${BASE}/spending`, { amount: '30万元', date: '2022-11-15', task: 't1' });
  await ok('POST', `${BASE}/spending`, { amount: '35万元', date: '2022-12-20', source: '其他资金' });
  await ok('POST', `${BASE}/indicators/fairs/actuals`, { value: '5场', asOf: '2022-12-31' });
  await ok('POST', `${BASE}/indicators/checks/actuals`, { value: '8次', asOf: '2022-12-31' });
  await ok('POST', `${BASE}/indicators/sat/actuals`, { value: '95%', asOf: '2022-12-31' });
  await ok('POST', `${BASE}/indicators/effect/assessment`, { grade: '达成' });
  await ok('POST', `${BASE}/deviations`, { indicatorId: 'checks', category: '人员保障', reason: '人员不足', measure: '增加人手', checkpoint: 'year-end' });
  await ok('PUT', `${BASE}/achievements`, { text: '全年举办推介会5场，检查8次' });
  return h;
}

