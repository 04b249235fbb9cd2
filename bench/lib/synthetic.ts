import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { ProjectCommand, Decided } from '../../commands/project/command.js';
import { decide } from '../../commands/project/decide.js';
import { foldProject } from '../../domain/project/fold.js';
import type { DeclareTargetsInput, IndicatorInput, RegisterProjectInput } from '../../commands/project/inputs.js';
import type { ProjectState } from '../../domain/project/state.js';
import { isoTimestamp, ZONE } from '../../src/clock.js';
import type { NewEvent, RecordedEvent } from '../../src/store/event-store.js';

/**
 * Realistic project events for the benchmarks, made by the real decide() so that they parse with the
 * event schemas: a 40-indicator table shaped like the fixtures (数量/质量/时效/成本/效益/满意度),
 * spending and actuals through the year.
 */

export const BENCH_YEAR = 2022;
/** The clock every benchmark decides and serves at: the end of the project year. */
export const BENCH_NOW = '2022-12-31T10:00:00';
export const benchNow = (): DateTime => DateTime.fromISO(BENCH_NOW, { zone: ZONE });

export const codeOf = (n: number): string => `52270022P${String(n).padStart(8, '0')}B`;
export const projectIdOfN = (n: number): string => `${codeOf(n)}-${BENCH_YEAR}`;
export const streamOfN = (n: number): string => `project-${projectIdOfN(n)}`;

export function registerInput(n: number): RegisterProjectInput {
  return {
    code: codeOf(n),
    year: BENCH_YEAR,
    name: `黔南州基准测试项目第${n}号工作经费`,
    department: `黔南州第${n % 20}部门`,
    unit: `黔南州第${n % 20}部门本级`,
    budget: { initial: '120万元' },
    goals: { annual: '目标1. 按章程召开会议。目标2. 宣传培训民营经济人士，提升民营经济影响力。' },
  };
}

type Kind = { level1: string; level2: string; name: string; target: string; actual?: string };

const KINDS: Kind[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ level1: '产出指标', level2: '数量指标', name: `开展专项行动第${i + 1}项`, target: `≥ ${i + 3} 次`, actual: `${i + 4}次` })),
  ...Array.from({ length: 6 }, (_, i) => ({ level1: '产出指标', level2: '质量指标', name: `工作质量合格率${i + 1}`, target: '≥ 95 %', actual: '96%' })),
  ...Array.from({ length: 4 }, (_, i) => ({ level1: '产出指标', level2: '时效指标', name: `按时完成第${i + 1}项`, target: '2022年12月', actual: '2022-11-30' })),
  ...Array.from({ length: 6 }, (_, i) => ({ level1: '产出指标', level2: '成本指标', name: `第${i + 1}项工作经费`, target: `≤ ${i + 3} 万元`, actual: `${i + 2}.5万元` })),
  { level1: '产出指标', level2: '成本指标', name: '项目或定额成本控制率', target: '= 100 %', actual: '100%' },
  ...Array.from({ length: 6 }, (_, i) => ({ level1: '效益指标', level2: '社会效益指标', name: `社会效益第${i + 1}项`, target: '促进民营经济高质量发展提供了有力组织保障' })),
  ...Array.from({ length: 5 }, (_, i) => ({ level1: '满意度指标', level2: '满意度指标', name: `服务对象满意度${i + 1}`, target: '≥ 90 %', actual: '97%' })),
];

export const INDICATOR_COUNT = KINDS.length; // 40

export const targetsInput = (): DeclareTargetsInput => ({
  indicators: KINDS.map((k): IndicatorInput => ({ level1: k.level1, level2: k.level2, name: k.name, target: k.target, standard: '计划标准' })),
});

/** Indicators that take a recorded actual (quantitative or dated), with a value that parses against their target. */
export const MEASURABLE = KINDS.flatMap((k, i) => (k.actual ? [{ id: `i${i + 1}`, value: k.actual }] : []));

const SETUP: ((n: number) => ProjectCommand)[] = [
  (n) => ({ type: 'RegisterProject', input: registerInput(n) }),
  () => ({ type: 'DeclareTargets', input: targetsInput() }),
  () => ({
    type: 'SetSpendingPlan',
    input: { checkpoints: [{ month: 3, cumulativePercent: 10 }, { month: 6, cumulativePercent: 30 }, { month: 10, cumulativePercent: 60 }, { month: 12, cumulativePercent: 100 }] },
  }),
];

/** The k-th business fact after the setup: one spending in eight, the rest actuals, dated through the year. */
export function factCommand(k: number, total: number): ProjectCommand {
  const day = DateTime.fromISO(`${BENCH_YEAR}-01-15`, { zone: ZONE })
    .plus({ days: Math.floor((k * 340) / Math.max(total, 1)) })
    .toISODate()!;
  if (k % 8 === 0) return { type: 'RecordSpending', input: { amount: `${1000 + (k % 50) * 10}.50`, date: day, note: '平台开发进度款' } };
  const m = MEASURABLE[k % MEASURABLE.length]!;
  return { type: 'RecordActual', indicatorId: m.id, input: { value: m.value, asOf: day, evidence: '验收报告' } };
}

/** A decided event as the store takes it, metadata built as the command handler builds it. */
export function toNewEvent(decided: Decided, now: DateTime, actor = '张三'): NewEvent {
  const { effectiveAt, reason, ...event } = decided;
  const recordedAt = isoTimestamp(now);
  const correlationId = randomUUID();
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { actor, recordedAt, effectiveAt: effectiveAt ?? recordedAt, ...(reason !== undefined ? { reason } : {}), correlationId, causationId: correlationId },
  };
}

/**
 * A project's events: the three setup events, then `facts` spending/actual events. Facts are decided on
 * the state after setup (they do not depend on each other), so making a long stream stays linear.
 */
export function projectEvents(n: number, facts: number, now: DateTime = benchNow()): NewEvent[] {
  const ctx = { now, actor: '张三' };
  const out: NewEvent[] = [];
  let state: ProjectState = foldProject([]);
  for (const make of SETUP) {
    for (const d of decide(make(n), state, ctx)) {
      const e = toNewEvent(d, now);
      out.push(e);
      state = foldProject([asRecorded(e, out.length - 1)], state);
    }
  }
  for (let k = 0; k < facts; k++) out.push(...decide(factCommand(k, facts), state, ctx).map((d) => toNewEvent(d, now)));
  return out;
}

/**
 * A template of one project's events, cheap to stamp out for 10,000 projects: only ProjectRegistered
 * (its code and name) and the event ids change between projects.
 */
export function projectTemplate(facts: number, now: DateTime = benchNow()): (n: number) => NewEvent[] {
  const template = projectEvents(0, facts, now);
  const ctx = { now, actor: '张三' };
  return (n) => {
    const registered = toNewEvent(decide(SETUP[0]!(n), foldProject([]), ctx)[0]!, now);
    return template.map((e, i) => (i === 0 ? registered : { ...e, id: randomUUID() }));
  };
}

const asRecorded = (e: NewEvent, revision: number): RecordedEvent => ({ ...e, stream: 'x', revision, position: BigInt(revision + 1) });
