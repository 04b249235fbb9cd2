import type { DeclaredProject, Deviation } from '../../domain/project/state.js';
import { amountIn, displayTarget, formatAmount, type MoneyUnit } from '../../domain/values/display.js';
import type { IndicatorScore, IndicatorStatus, Scorecard } from '../../domain/scoring/scorecard-types.js';

/**
 * The 项目支出绩效自评表 (docs/domain.md §5.6) as data, the one source of the json, csv, xlsx and html forms.
 *
 * Money is in 元, as numbers with two decimals (the common form uses 万元; we keep 元 so no amount is
 * rounded away, and the header says "单位：元").
 *
 * Two choices the form leaves open:
 * - per funding source only the initial amount is known (spending is not recorded by source), so a
 *   source row shows its 年初预算数 and leaves 全年预算数, 全年执行数, 分值, 执行率, 得分 empty;
 * - the goals' 实际完成情况 is not recorded as prose, so it is generated from the scorecard: how many
 *   indicators are met, partly met, unmet and still without an actual, and the execution rate.
 */

export type FundingRow = {
  kind: 'total' | 'source';
  /** 年度资金总额, or the source's name (财政拨款, 上年结转, 其他资金…). */
  label: string;
  initialBudget: number | null;
  budget: number | null;
  spent: number | null;
  points: number | null;
  ratePercent: number | null;
  score: number | null;
};

export type IndicatorRow = {
  id: string;
  level1: string;
  level2: string;
  name: string;
  /** 年度指标值: the latest approved target as the system reads it ("≤ 50 万元", "2022-12-31 前完成"). */
  target: string;
  /** The same target as written on the form ("$\leq 50万元$", "定性2022年12月"). */
  targetWritten: string;
  /** The target as first declared (as written), when it was revised. */
  originalTarget?: string;
  standard?: string;
  actual: string | null;
  points: number;
  /** The score that counts (the override when one is set). */
  score: number;
  computedScore: number;
  status: IndicatorStatus;
  /** 偏差原因分析及改进措施: "原因：… 措施：…", one line per deviation record; '' when none. */
  deviation: string;
};

export type SelfEvaluationTable = {
  title: '项目支出绩效自评表';
  /** The project's display unit: every amount of the funding block is in it. */
  moneyUnit: MoneyUnit;
  header: {
    projectId: string;
    code: string;
    /** 项目名称 */
    projectName: string;
    /** 主管部门 */
    department: string;
    /** 实施单位; '' when not declared. */
    implementingUnit: string;
    /** 年度 */
    year: number;
    /** 项目实施期 "2022-01-01 至 2022-12-31"; '' when not registered. */
    implementationPeriod: string;
  };
  /** The date the scorecard was computed as of; null for "now". */
  asOf: string | null;
  status: DeclaredProject['status'];
  funding: FundingRow[];
  /** 实际完成情况: the department's text; when none was written, a generated draft (`actualIsDraft`). */
  goals: { annual: string; actual: string; actualIsDraft: boolean };
  /** Grouped by level 1, then level 2, in order of first appearance, so the form can merge their cells. */
  indicators: IndicatorRow[];
  /** Sum of 分值: execution points + every indicator's points (100 when the weights are whole). */
  pointsTotal: number;
  /** 总分 */
  total: number;
  /** 自评等级 */
  grade: Scorecard['grade'];
  /** 说明 printed under the form. */
  notes: string[];
};

/** A scorecard amount ("450000.00" 元) as fen, then as a number in the display unit. */
const fenOf = (decimal: string): number => Math.round(Number(decimal) * 100);
const two = (n: number): string => n.toFixed(2);

export function deviationText(records: readonly Deviation[]): string {
  return records.map((d) => `原因：${d.reason} 措施：${d.measure}`).join('\n');
}

/** Stable grouping: level 1 in order of first appearance, level 2 likewise within it. */
function grouped(rows: readonly IndicatorScore[]): IndicatorScore[] {
  const level1Rank = new Map<string, number>();
  const level2Rank = new Map<string, number>();
  rows.forEach((r) => {
    if (!level1Rank.has(r.level1)) level1Rank.set(r.level1, level1Rank.size);
    const key = `${r.level1}\u0000${r.level2}`;
    if (!level2Rank.has(key)) level2Rank.set(key, level2Rank.size);
  });
  return rows
    .map((r, index) => ({ r, index }))
    .sort(
      (x, y) =>
        level1Rank.get(x.r.level1)! - level1Rank.get(y.r.level1)! ||
        level2Rank.get(`${x.r.level1}\u0000${x.r.level2}`)! - level2Rank.get(`${y.r.level1}\u0000${y.r.level2}`)! ||
        x.index - y.index,
    )
    .map(({ r }) => r);
}

function actualSummary(card: Scorecard, unit: MoneyUnit): string {
  const count = (s: IndicatorStatus) => card.indicators.filter((i) => i.status === s).length;
  const pending = count('pending');
  const parts = [
    `共 ${card.indicators.length} 项指标：达成 ${count('met')} 项，部分达成 ${count('partial')} 项，未达成 ${count('unmet')} 项`,
  ];
  if (pending > 0) parts.push(`尚无实际完成值 ${pending} 项`);
  const e = card.execution;
  return `${parts.join('，')}；全年执行数 ${formatAmount(fenOf(e.spent), unit)} ${unit}，预算执行率 ${two(e.ratePercent)}%。`;
}

function fundingRows(project: DeclaredProject, card: Scorecard): FundingRow[] {
  const e = card.execution;
  const unit = project.displayUnit;
  const yuan = (decimal: string): number => amountIn(fenOf(decimal), unit);
  const total: FundingRow = {
    kind: 'total',
    label: '年度资金总额',
    initialBudget: yuan(e.initialBudget),
    budget: yuan(e.budget),
    spent: yuan(e.spent),
    points: e.points,
    ratePercent: e.ratePercent,
    score: e.score,
  };
  return [total, ...sourceRows(card, yuan)];
}

/** The standard rows of the form, and how a registered source's name is matched to one. */
const STANDARD_SOURCES: readonly { label: string; matches: RegExp }[] = [
  { label: '财政拨款', matches: /财政|拨款/ },
  { label: '上年结转资金', matches: /结转|结余/ },
  { label: '其他资金', matches: /其他|其它|自筹/ },
];

/**
 * 其中：财政拨款 / 上年结转资金 / 其他资金, as the form prints them, each filled from the registered
 * source of that kind under the table's own name; other sources follow. Without registered sources
 * the rows are empty (unknown); with sources, a kind not registered is 0.
 */
function sourceRows(card: Scorecard, yuan: (decimal: string) => number): FundingRow[] {
  const registered = card.execution.sources;
  const used = new Set<string>();
  const row = (label: string, s: Scorecard['execution']['sources'][number] | undefined): FundingRow => ({
    kind: 'source',
    label,
    initialBudget: s ? yuan(s.initialBudget) : registered.length > 0 ? 0 : null,
    budget: s ? yuan(s.budget) : registered.length > 0 ? 0 : null,
    spent: s ? yuan(s.spent) : registered.length > 0 ? 0 : null,
    points: null,
    ratePercent: s ? s.ratePercent : null,
    score: null,
  });
  const rows = STANDARD_SOURCES.map((standard) => {
    const s = registered.find((r) => !used.has(r.name) && standard.matches.test(r.name));
    if (s) used.add(s.name);
    return row(s?.name ?? standard.label, s);
  });
  for (const s of registered) if (!used.has(s.name)) rows.push(row(s.name, s));
  return rows;
}

function notesOf(project: DeclaredProject, card: Scorecard, rows: readonly IndicatorRow[]): string[] {
  const notes: string[] = [];
  if (project.status !== 'submitted') notes.push('本表为草稿：自评尚未提交。');
  if (card.asOf) notes.push(`评分截至 ${card.asOf}。`);
  if (project.budget.sources.length === 0) notes.push('项目未登记资金来源：各来源行空白。');
  notes.push('分值与得分按年度资金总额计算；各资金来源只列执行率。');
  if (!project.achievements) notes.push('“实际完成情况”尚未填写：所列为系统按各指标完成状态及预算执行率生成的草稿。');
  const e = card.execution;
  if (e.override) {
    notes.push(`预算执行率得分经人工调整：计算得分 ${two(e.computedScore)}，调整为 ${two(e.override.score)}（${e.override.actor}），理由：${e.override.reason}`);
  }
  if (rows.some((r) => r.originalTarget !== undefined)) notes.push('年度指标值经批准调整的，括号内为原申报值。');
  for (const i of card.indicators) {
    if (i.override) {
      notes.push(
        `「${i.name}」得分经人工调整：计算得分 ${two(i.computedScore)}，调整为 ${two(i.override.score)}（${i.override.actor}），理由：${i.override.reason}`,
      );
    }
  }
  const execution = project.deviations.filter((d) => d.indicatorId === undefined);
  if (execution.length > 0) notes.push(`预算执行偏差：${deviationText(execution).replaceAll('\n', '；')}`);
  // The scorecard's warnings already hold the execution's: each note once.
  for (const w of [...card.execution.warnings, ...card.warnings]) if (!notes.includes(w)) notes.push(w);
  return notes;
}

/** The target as read, from the indicator's state; the written text when the indicator is unknown. */
function shownTarget(project: DeclaredProject, id: string, written: string): string {
  const indicator = project.indicators.find((x) => x.id === id);
  return indicator && indicator.targetText === written ? displayTarget(indicator.target, indicator.targetText) : written;
}

export function selfEvaluationTable(project: DeclaredProject, card: Scorecard): SelfEvaluationTable {
  const indicators = grouped(card.indicators).map(
    (i): IndicatorRow => ({
      id: i.id,
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: shownTarget(project, i.id, i.target),
      targetWritten: i.target,
      ...(i.originalTarget !== undefined && i.originalTarget !== i.target ? { originalTarget: i.originalTarget } : {}),
      ...(i.standard !== undefined ? { standard: i.standard } : {}),
      actual: i.actual,
      points: i.points,
      score: i.score,
      computedScore: i.computedScore,
      status: i.status,
      deviation: deviationText(project.deviations.filter((d) => d.indicatorId === i.id)),
    }),
  );
  const pointsTotal = Number(
    (card.execution.points + card.indicators.reduce((sum, i) => sum + i.points, 0)).toFixed(2),
  );
  return {
    title: '项目支出绩效自评表',
    moneyUnit: project.displayUnit,
    header: {
      projectId: project.id,
      code: project.code,
      projectName: project.name,
      department: project.department,
      implementingUnit: project.unit ?? '',
      year: project.year,
      implementationPeriod: project.implementationPeriod ? `${project.implementationPeriod.start} 至 ${project.implementationPeriod.end}` : '',
    },
    asOf: card.asOf,
    status: project.status,
    funding: fundingRows(project, card),
    goals: project.achievements
      ? { annual: project.goals.annual ?? '', actual: project.achievements.text, actualIsDraft: false }
      : { annual: project.goals.annual ?? '', actual: actualSummary(card, project.displayUnit), actualIsDraft: true },
    indicators,
    pointsTotal,
    total: card.total,
    grade: card.grade,
    notes: notesOf(project, card, indicators),
  };
}
