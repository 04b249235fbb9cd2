/** domain.md §7: 黔南州政企服务平台建设工作经费 (fixture 000), as request bodies. */
export const PROJECT_ID = '52270022P00430210142W-2022';

export const register = {
  code: '52270022P00430210142W',
  year: 2022,
  name: '黔南州政企服务平台建设工作经费',
  department: '黔南州工商业联合会',
  unit: '黔南州工商业联合会',
  budget: { initial: '50万元' },
  goals: { annual: '完成黔南州政企服务平台建设工作' },
};

export const targets = {
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '黔南州政企服务平台建设工作', target: '= 1 个', standard: '计划标准' },
    { level1: '产出指标', level2: '质量指标', name: '黔南州政企服务平台建设工作', target: '高质量完成' },
    { level1: '产出指标', level2: '时效指标', name: '黔南州政企服务平台建设工作', target: '2022年12月' },
    { level1: '产出指标', level2: '成本指标', name: '黔南州政企服务平台建设工作经费', target: '≤ 50 万元' },
    { level1: '产出指标', level2: '成本指标', name: '项目或定额成本控制率', target: '= 100 %' },
    { level1: '效益指标', level2: '社会效益指标', name: '黔南州政企服务平台建设工作', target: '促进民营经济高质量发展提供了有力组织保障' },
    { level1: '满意度指标', level2: '满意度指标', name: '州直属商会、民营经济人士满意度', target: '≥ 98 %' },
  ],
};

export const plan = {
  checkpoints: [
    { month: 3, cumulativePercent: 10 },
    { month: 6, cumulativePercent: 30 },
    { month: 10, cumulativePercent: 60 },
    { month: 12, cumulativePercent: 100 },
  ],
};

/** [clock date, spending body]: 12万 by 6月底, 30万 by 10月底, 45万 by 31 Dec. */
export const spending: [string, { amount: string; date: string; note?: string }][] = [
  ['2022-04-20T10:00:00', { amount: '50000', date: '2022-04-15', note: '服务器租赁' }],
  ['2022-06-21T10:00:00', { amount: '7万元', date: '2022年6月20日', note: '平台开发首付款' }],
  ['2022-09-30T10:00:00', { amount: '180000.00', date: '2022-09-30', note: '平台开发进度款' }],
  ['2022-12-20T10:00:00', { amount: '15万', date: '2022-12-20', note: '平台开发尾款' }],
];
