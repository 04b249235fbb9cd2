import type { Indicator, ProjectEventData, ProjectEventType } from '../../domain/project/events.js';
import { foldProject } from '../../domain/project/fold.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import type { IndicatorScore, Scorecard } from '../../domain/scoring/scorecard-types.js';
import type { RecordedEvent } from '../../src/store/event-store.js';

/** Hand-made recorded events and a hand-made scorecard of domain.md §7 (no dependency on the scoring code). */

export type Meta = { actor?: string; at?: string; effectiveAt?: string; reason?: string };

/** A stream under construction: each `add` appends the next revision. */
export class StreamBuilder {
  readonly events: RecordedEvent[] = [];
  constructor(readonly stream = 'project-52270022P00430210142W-2022') {}

  add<T extends ProjectEventType>(type: T, data: ProjectEventData<T>, meta: Meta = {}): this {
    const revision = this.events.length;
    this.events.push({
      id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`,
      stream: this.stream,
      revision,
      position: BigInt(revision + 1),
      type,
      data,
      metadata: {
        actor: meta.actor ?? '张三',
        recordedAt: meta.at ?? '2022-01-10T09:00:00.000+08:00',
        ...(meta.effectiveAt !== undefined ? { effectiveAt: meta.effectiveAt } : {}),
        ...(meta.reason !== undefined ? { reason: meta.reason } : {}),
        correlationId: `c${revision}`,
        causationId: `c${revision}`,
      },
    });
    return this;
  }

  /** The state after the first `count` events (all by default). */
  project(count = this.events.length): DeclaredProject {
    const state = foldProject(this.events.slice(0, count));
    if (state.status === 'none') throw new Error('not registered');
    return state;
  }
}

const n = (value: number, unit: string) => ({ kind: 'number' as const, value, unit });

export const workedIndicators: Indicator[] = [
  { id: 'i1', level1Name: '产出指标', level1: 'output', level2: '数量指标', name: '黔南州政企服务平台建设工作', target: { kind: 'compare', comparator: '=', quantity: n(1, '个') }, targetText: '= 1 个', standard: '计划标准' },
  { id: 'i2', level1Name: '产出指标', level1: 'output', level2: '质量指标', name: '平台建设质量', target: { kind: 'qualitative', text: '高质量完成' }, targetText: '高质量完成' },
  { id: 'i3', level1Name: '产出指标', level1: 'output', level2: '时效指标', name: '平台建设完成时间', target: { kind: 'deadline', date: '2022-12-31' }, targetText: '2022年12月' },
  { id: 'i4', level1Name: '产出指标', level1: 'output', level2: '成本指标', name: '黔南州政企服务平台建设工作经费', target: { kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 50_000_000 } }, targetText: '≤ 50 万元' },
  { id: 'i5', level1Name: '产出指标', level1: 'output', level2: '成本指标', name: '项目或定额成本控制率', target: { kind: 'compare', comparator: '=', quantity: n(100, '%') }, targetText: '= 100 %' },
  { id: 'i6', level1Name: '效益指标', level1: 'benefit', level2: '社会效益指标', name: '促进民营经济高质量发展', target: { kind: 'qualitative', text: '提供有力组织保障' }, targetText: '提供有力组织保障' },
  { id: 'i7', level1Name: '满意度指标', level1: 'satisfaction', level2: '满意度指标', name: '州直属商会、民营经济人士满意度', target: { kind: 'compare', comparator: '>=', quantity: n(98, '%') }, targetText: '≥ 98 %' },
];

/** The worked example of domain.md §7 up to year end, with two funding sources and two deviation records. */
export function workedExample(): StreamBuilder {
  return new StreamBuilder()
    .add('ProjectRegistered', {
      code: '52270022P00430210142W',
      year: 2022,
      name: '黔南州政企服务平台建设工作经费',
      department: '黔南州工商业联合会',
      unit: '黔南州工商业联合会',
      budget: { initialFen: 50_000_000, sources: [{ name: '财政拨款', fen: 45_000_000 }, { name: '其他资金', fen: 5_000_000 }] },
      goals: { annual: '完成黔南州政企服务平台建设工作' },
      policy: { executionPoints: 'separate', reverse: 'linear', rounding: 'decimal2', grades: { excellent: 90, good: 80, fair: 60 }, checkpoints: [3, 6, 10, 12], colours: { red: 60, yellow: 80, blue: 120 } },
    })
    .add('TargetsDeclared', { indicators: workedIndicators })
    .add('SpendingPlanSet', { checkpoints: [{ month: 3, cumulativePercent: 10 }, { month: 6, cumulativePercent: 30 }, { month: 10, cumulativePercent: 60 }, { month: 12, cumulativePercent: 100 }] })
    .add('SpendingRecorded', { amountFen: 12_000_000, date: '2022-06-15', note: '平台开发首付款' }, { actor: '王五', at: '2022-06-15T10:00:00.000+08:00', effectiveAt: '2022-06-15' })
    .add('SpendingRecorded', { amountFen: 33_300_000, date: '2022-12-20', note: '平台开发尾款' }, { actor: '王五', at: '2022-12-20T10:00:00.000+08:00', effectiveAt: '2022-12-20' })
    .add('SpendingRecorded', { amountFen: -300_000, date: '2022-12-21', reason: '重复录入' }, { actor: '王五', at: '2022-12-21T10:00:00.000+08:00', effectiveAt: '2022-12-21' })
    .add('ActualRecorded', { indicatorId: 'i1', value: { kind: 'quantity', quantity: n(1, '个') }, text: '1个', asOf: '2022-12-31' }, { actor: '李四', at: '2022-12-31T09:00:00.000+08:00' })
    .add('ActualRecorded', { indicatorId: 'i5', value: { kind: 'quantity', quantity: n(90, '%') }, text: '90%', asOf: '2022-12-31' }, { actor: '李四', at: '2022-12-31T09:01:00.000+08:00' })
    .add('ActualRecorded', { indicatorId: 'i7', value: { kind: 'quantity', quantity: n(96, '%') }, text: '96%', asOf: '2022-12-31' }, { actor: '李四', at: '2022-12-31T09:02:00.000+08:00' })
    .add('IndicatorAssessed', { indicatorId: 'i6', grade: '部分达成' }, { actor: '赵六', at: '2022-12-31T10:00:00.000+08:00' })
    .add('DeviationRecorded', { indicatorId: 'i5', category: '其他', reason: '部分合同尾款跨年支付', measure: '加快结算进度' }, { actor: '李四', at: '2022-12-31T11:00:00.000+08:00' })
    .add('DeviationRecorded', { indicatorId: 'i7', category: '其他', reason: '宣传不到位, 部分企业不了解平台', measure: '加强"政企服务"宣传' }, { actor: '李四', at: '2022-12-31T11:01:00.000+08:00' });
}

const score = (
  i: Indicator,
  actual: string | null,
  points: number,
  s: number,
  status: IndicatorScore['status'],
): IndicatorScore => ({
  id: i.id,
  level1: i.level1Name,
  level2: i.level2,
  name: i.name,
  target: i.targetText,
  ...(i.standard !== undefined ? { standard: i.standard } : {}),
  actual,
  achievementPercent: null,
  points,
  computedScore: s,
  score: s,
  status,
  needsExplanation: status !== 'met',
  explained: false,
});

const [i1, i2, i3, i4, i5, i6, i7] = workedIndicators as [Indicator, Indicator, Indicator, Indicator, Indicator, Indicator, Indicator];

/** §7: execution 9 + 产出 49 + 效益 21 + 满意度 9.8 = 88.80, 良. */
export function workedScorecard(): Scorecard {
  return {
    projectId: '52270022P00430210142W-2022',
    asOf: '2022-12-31',
    total: 88.8,
    grade: '良',
    execution: {
      initialBudget: '500000.00',
      budget: '500000.00',
      spent: '450000.00',
      ratePercent: 90,
      points: 10,
      score: 9,
      computedScore: 9,
      needsExplanation: false,
      explained: false,
      // Spending recorded without a source counts to the first.
      sources: [
        { name: '财政拨款', initialBudget: '450000.00', budget: '450000.00', spent: '450000.00', ratePercent: 100 },
        { name: '其他资金', initialBudget: '50000.00', budget: '50000.00', spent: '0.00', ratePercent: 0 },
      ],
      warnings: [],
    },
    indicators: [
      score(i1, '1个', 10, 10, 'met'),
      score(i2, '达成', 10, 10, 'met'),
      score(i3, '2022年11月30日', 10, 10, 'met'),
      score(i4, '45万元', 10, 10, 'met'),
      score(i5, '90%', 10, 9, 'partial'),
      score(i6, '部分达成', 30, 21, 'partial'),
      score(i7, '96%', 10, 9.8, 'partial'),
    ],
    weights: { execution: 10, output: 50, cost: 0, benefit: 30, satisfaction: 10 },
    warnings: [],
  };
}
