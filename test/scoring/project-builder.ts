import { PolicySchema, type PolicyInput } from '../../domain/project/policy.js';
import { evolve, initialState, type DeclaredProject } from '../../domain/project/state.js';
import type { Indicator, ProjectEvent } from '../../domain/project/events.js';
import type { ActualValue, Grade, Level1, Quantity, Target } from '../../domain/values/types.js';

/** Folds events with state.ts's evolve, as a command handler would. */
export function fold(events: ProjectEvent[]): DeclaredProject {
  let state = initialState();
  events.forEach((event, revision) => {
    state = evolve(state, event, { actor: 'tester', recordedAt: '2022-01-01T08:00:00+08:00', revision });
  });
  if (state.status === 'none') throw new Error('no ProjectRegistered');
  return state;
}

export const wan = (n: number): number => Math.round(n * 1_000_000); // 万元 → fen
export const money = (fen: number): Quantity => ({ kind: 'money', fen });
export const num = (value: number, unit = ''): Quantity => ({ kind: 'number', value, unit });
export const compare = (comparator: '>=' | '>' | '<=' | '<' | '=', quantity: Quantity): Target => ({
  kind: 'compare',
  comparator,
  quantity,
});

export function registered(budgetFen: number, policy: PolicyInput = {}): ProjectEvent {
  return {
    type: 'ProjectRegistered',
    data: {
      code: '52270022P00430210142W',
      year: 2022,
      name: '黔南州政企服务平台建设工作经费',
      department: '黔南州工商业联合会',
      budget: { initialFen: budgetFen, sources: [] },
      goals: { annual: '完成黔南州政企服务平台建设工作' },
      policy: PolicySchema.parse(policy),
    },
  };
}

export function indicator(
  id: string,
  level1: Level1,
  target: Target,
  targetText: string,
  extra: Partial<Indicator> = {},
): Indicator {
  const level1Name = { output: '产出指标', cost: '成本指标', benefit: '效益指标', satisfaction: '满意度指标' }[level1];
  return { id, level1, level1Name, level2: '', name: `指标 ${id}`, target, targetText, ...extra };
}

export const declared = (indicators: Indicator[]): ProjectEvent => ({ type: 'TargetsDeclared', data: { indicators } });

export const actual = (indicatorId: string, value: ActualValue, text: string, asOf = '2022-12-31'): ProjectEvent => ({
  type: 'ActualRecorded',
  data: { indicatorId, value, text, asOf },
});

export const quantityActual = (indicatorId: string, q: Quantity, text: string, asOf?: string): ProjectEvent =>
  actual(indicatorId, { kind: 'quantity', quantity: q }, text, asOf);

export const assessed = (indicatorId: string, grade: Grade, score?: number): ProjectEvent => ({
  type: 'IndicatorAssessed',
  data: { indicatorId, grade, ...(score !== undefined ? { score } : {}) },
});

export const spent = (amountFen: number, date: string): ProjectEvent => ({
  type: 'SpendingRecorded',
  data: { amountFen, date },
});

export const plan = (...percents: [number, number][]): ProjectEvent => ({
  type: 'SpendingPlanSet',
  data: { checkpoints: percents.map(([month, cumulativePercent]) => ({ month, cumulativePercent })) },
});

export const deviation = (indicatorId?: string): ProjectEvent => ({
  type: 'DeviationRecorded',
  data: {
    ...(indicatorId !== undefined ? { indicatorId } : {}),
    category: '其他',
    reason: '平台验收推迟',
    measure: '加快验收',
  },
});

/**
 * domain.md §7: 黔南州政企服务平台建设工作经费 (fixture 000_154af7783c30a653.txt), 2022, budget 50 万元,
 * plan 10/30/60/100 %, indicators as declared there (满意度 read as ≥ 98 %).
 */
export const workedExampleDeclaration = (): ProjectEvent[] => [
  registered(wan(50)),
  declared([
    indicator('i1', 'output', compare('=', num(1, '个')), '=1 个', { level2: '数量指标', name: '黔南州政企服务平台建设工作' }),
    indicator('i2', 'output', { kind: 'qualitative', text: '平台建设工作高质量完成' }, '平台建设工作高质量完成', {
      level2: '质量指标',
      name: '黔南州政企服务平台建设工作',
    }),
    indicator('i3', 'output', { kind: 'deadline', date: '2022-12-31' }, '2022年12月', {
      level2: '时效指标',
      name: '黔南州政企服务平台建设工作',
    }),
    indicator('i4', 'output', compare('<=', money(wan(50))), '≤50 万元', {
      level2: '成本指标',
      name: '黔南州政企服务平台建设工作经费',
    }),
    indicator('i5', 'output', compare('=', num(100, '%')), '=100 %', { level2: '成本指标', name: '项目或定额成本控制率' }),
    indicator('i6', 'benefit', { kind: 'qualitative', text: '促进民营经济高质量发展提供了有力组织保障' }, '促进民营经济高质量发展提供了有力组织保障', {
      level2: '社会效益指标',
      name: '黔南州政企服务平台建设工作',
    }),
    indicator('i7', 'satisfaction', compare('>=', num(98, '%')), '≥98%', {
      level2: '满意度指标',
      name: '州直属商会、民营经济人士对政企服务平台建设工作满意度',
    }),
  ]),
  plan([3, 10], [6, 30], [10, 60], [12, 100]),
];

/** 12 万 by 6月底, 30 万 by 10月底, 45 万 by 31 Dec. */
export const workedExampleSpending = (): ProjectEvent[] => [
  spent(wan(12), '2022-05-20'),
  spent(wan(18), '2022-09-15'),
  spent(wan(15), '2022-12-20'),
];

export const workedExampleActuals = (): ProjectEvent[] => [
  quantityActual('i1', num(1, '个'), '1个'),
  assessed('i2', '达成'),
  actual('i3', { kind: 'date', date: '2022-11-30' }, '2022年11月30日', '2022-11-30'),
  quantityActual('i4', money(wan(45)), '45万元'),
  quantityActual('i5', num(90, '%'), '90%'),
  assessed('i6', '部分达成'),
  quantityActual('i7', num(96, '%'), '96%'),
];

export const workedExample = (): DeclaredProject =>
  fold([...workedExampleDeclaration(), ...workedExampleSpending(), ...workedExampleActuals()]);
