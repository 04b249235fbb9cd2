import { computeYearEndForecast } from '../../../domain/forecast/year-end-forecast.js';
import type { ForecastBasis } from '../../../domain/forecast/types.js';
import { checkpointDate } from '../../../domain/project/checkpoints.js';
import { deviationCheckpoint } from '../../../domain/project/deviation-checkpoint.js';
import { latestForecast, type DeclaredProject, type Deviation } from '../../../domain/project/state.js';
import { latestSpendingForecasts } from '../../../domain/forecast/basis.js';
import { round2 } from '../../../domain/scoring/round.js';
import { computeMonitoring } from '../../monitoring/monitoring.js';
import type { Colour } from '../../monitoring/types.js';

/**
 * The 项目支出绩效目标执行监控表 (domain.md §8) for checkpoint month N, as data: the one source of its
 * json, xlsx and html forms. The project is folded as of the month's end (Asia/Shanghai); N is
 * monitored as a checkpoint even when the policy does not name it (the plan's share at N,
 * interpolated). Money in 元 as numbers with two decimals.
 *
 * 全年预计完成情况 / 全年预计执行数 print the department's own forecast recorded by that day; where
 * there is none, the cell stays empty and the json says which basis the year-end forecast used.
 * 偏差原因分析 and 完成目标可能性 come from the deviation records made for checkpoint N (a record that
 * predates checkpoints is counted at the checkpoint current when it was recorded, marked in 备注).
 */

export type FormDeviation = { category: string; reason: string; measure: string; likelihood: string | null; actor: string; recordedAt: string; checkpointStated: boolean };

export type MonitoringBudgetRow = {
  kind: 'total' | 'source';
  label: string;
  initialBudget: number | null;
  budget: number | null;
  /** 1–N月执行数 */
  spentToDate: number | null;
  /** 执行率 (%): spent / 全年预算数 */
  executionPercent: number | null;
  plannedPercent: number | null;
  colour: Colour | null;
  /** 全年预计执行数: the department's latest forecast by the month's end (of the project, else the sum of its sources'); null when none. */
  expectedSpent: number | null;
  deviation: string;
};

export type MonitoringIndicatorRow = {
  id: string;
  level1: string;
  level2: string;
  name: string;
  target: string;
  /** 1–N月执行情况: the latest actual dated by the month's end (or the grade). */
  actualToDate: string | null;
  ratio: number | null;
  colour: Colour | null;
  /** 全年预计完成情况: the department's own latest forecast by the month's end; null when none. */
  expected: string | null;
  /** What the year-end forecast scored this row on. */
  expectedBasis: ForecastBasis;
  /** The value the year-end forecast used (forecast, actual or projection). */
  expectedValueUsed: string | null;
  deviations: FormDeviation[];
  /** 偏差原因分析: "【category】reason；措施：measure", one line per record. */
  deviation: string;
  /** 完成目标可能性: from the latest deviation record of this checkpoint. */
  likelihood: string | null;
  /** Red or yellow with no deviation record for this checkpoint. */
  needsExplanation: boolean;
  remark: string;
};

export type MonitoringFormTable = {
  title: '项目支出绩效目标执行监控表';
  moneyUnit: '元';
  month: number;
  /** The month's last day: the form is as of its end. */
  asOf: string;
  header: { projectId: string; code: string; projectName: string; department: string; implementingUnit: string; year: number };
  goals: { annual: string };
  colour: Colour;
  budget: MonitoringBudgetRow[];
  indicators: MonitoringIndicatorRow[];
  /** The items that still need an explanation at this checkpoint (red or yellow, no record). */
  needingExplanation: { id: string | null; name: string; colour: Colour }[];
  forecast: { expectedTotal: number; expectedGrade: string; currentTotal: number };
  notes: string[];
};

const COLOUR_WORD: Record<Colour, string> = { red: '红', yellow: '黄', green: '绿', blue: '蓝' };
export const colourWord = (c: Colour): string => COLOUR_WORD[c];

const yuan = (fen: number): number => round2(fen / 100);

function formDeviations(project: DeclaredProject, deviations: readonly Deviation[], month: number, indicatorId: string | undefined): FormDeviation[] {
  const out: FormDeviation[] = [];
  for (const d of deviations) {
    if (d.indicatorId !== indicatorId) continue;
    const reading = deviationCheckpoint(project, d);
    if (reading.checkpoint !== month) continue;
    out.push(toFormDeviation(d, reading.stated));
  }
  return out;
}

const toFormDeviation = (d: Deviation, stated: boolean): FormDeviation => ({
  category: d.category,
  reason: d.reason,
  measure: d.measure,
  likelihood: d.likelihood ?? null,
  actor: d.actor,
  recordedAt: d.recordedAt,
  checkpointStated: stated,
});

const deviationText = (ds: readonly FormDeviation[]): string => ds.map((d) => `【${d.category}】${d.reason}；措施：${d.measure}`).join('\n');

function remarkOf(colour: Colour | null, ratio: number | null, ds: readonly FormDeviation[], needsExplanation: boolean): string {
  const parts: string[] = [];
  if (colour) parts.push(`${colourWord(colour)}${ratio !== null ? `（进度 ${ratio}%）` : ''}`);
  if (needsExplanation) parts.push('待说明偏差');
  if (ds.some((d) => !d.checkpointStated)) parts.push('偏差说明未注明节点，按记录日期归入本月');
  return parts.join('；');
}

const flagged = (c: Colour | null): c is 'red' | 'yellow' => c === 'red' || c === 'yellow';

/**
 * `deviations`: the records as known now (a checkpoint is explained after its month ends, so they are
 * not cut at the month's end like the facts); by default the project's own.
 */
export function monitoringFormTable(project: DeclaredProject, month: number, deviations: readonly Deviation[] = project.deviations): MonitoringFormTable {
  const asOf = checkpointDate(project.year, month);
  // N is a checkpoint of this form whether or not the policy names it.
  const asCheckpoint = Object.assign({}, project, {
    policy: { ...project.policy, checkpoints: [...new Set([...project.policy.checkpoints, month])] },
  });
  const monitoring = computeMonitoring(asCheckpoint, asOf);
  const forecast = computeYearEndForecast(project, asOf);

  const budgetDeviations = formDeviations(project, deviations, month, undefined);
  const execution = monitoring.execution;
  const budgetNeeds = flagged(execution.colour) && budgetDeviations.length === 0;
  const recorded = latestSpendingForecasts(project, asOf);
  let spentFen = 0;
  for (const s of project.spending) if (s.date <= asOf) spentFen += s.amountFen;
  const budget: MonitoringBudgetRow[] = [
    {
      kind: 'total',
      label: '年度资金总额',
      initialBudget: yuan(project.budget.initialFen),
      budget: yuan(project.budget.totalFen),
      spentToDate: yuan(spentFen),
      executionPercent: execution.actualPercent,
      plannedPercent: execution.plannedPercent,
      colour: execution.colour,
      expectedSpent: recorded.whole ? yuan(recorded.whole.amountFen) : recorded.bySource.length > 0 ? yuan(recorded.bySource.reduce((a, f) => a + f.fen, 0)) : null,
      deviation: deviationText(budgetDeviations),
    },
    ...project.budget.sources.map((source): MonitoringBudgetRow => {
      const f = recorded.bySource.find((s) => s.source === source.name);
      // Spending names its source; one that names none was paid from the first (issue 15's rule).
      let sourceSpentFen = 0;
      for (const s of project.spending) if (s.date <= asOf && (s.source ?? project.budget.sources[0]!.name) === source.name) sourceSpentFen += s.amountFen;
      return {
        kind: 'source',
        label: source.name,
        initialBudget: yuan(source.fen),
        budget: yuan(source.totalFen),
        spentToDate: yuan(sourceSpentFen),
        executionPercent: source.totalFen > 0 ? round2((sourceSpentFen / source.totalFen) * 100) : null,
        plannedPercent: null,
        colour: null,
        expectedSpent: f ? yuan(f.fen) : null,
        deviation: '',
      };
    }),
  ];

  const indicators = project.indicators.map((indicator, k): MonitoringIndicatorRow => {
    const m = monitoring.indicators[k]!;
    const f = forecast.indicators[k]!;
    const ds = formDeviations(project, deviations, month, indicator.id);
    const needsExplanation = flagged(m.colour) && ds.length === 0;
    return {
      id: indicator.id,
      level1: indicator.level1Name,
      level2: indicator.level2,
      name: indicator.name,
      target: indicator.targetText,
      actualToDate: m.actual,
      ratio: m.ratio,
      colour: m.colour,
      expected: latestForecast(indicator, asOf)?.text ?? null,
      expectedBasis: f.basis,
      expectedValueUsed: f.value,
      deviations: ds,
      deviation: deviationText(ds),
      likelihood: ds.at(-1)?.likelihood ?? null,
      needsExplanation,
      remark: remarkOf(m.colour, m.ratio, ds, needsExplanation),
    };
  });

  const needingExplanation: MonitoringFormTable['needingExplanation'] = [];
  if (budgetNeeds && flagged(execution.colour)) needingExplanation.push({ id: null, name: '预算执行', colour: execution.colour });
  for (const r of indicators) if (r.needsExplanation && r.colour) needingExplanation.push({ id: r.id, name: r.name, colour: r.colour });

  const notes = [
    `执行数截至 ${asOf}；执行率 = 1–${month}月执行数 / 全年预算数；计划进度 ${execution.plannedPercent}%（资金支出计划${month}月底累计）。`,
    '颜色：进度比（实际/计划）低于 60 为红，60–80 为黄，80 以上为绿，120 以上为蓝；≤ 类指标超出目标为红。',
    `按预计值测算的年末得分：${forecast.expected.total}（${forecast.expected.grade}），截至本月的得分：${forecast.current.total}。`,
    ...(needingExplanation.length > 0 ? [`尚需说明偏差：${needingExplanation.map((n) => `${n.name}（${colourWord(n.colour)}）`).join('、')}。`] : []),
  ];

  return {
    title: '项目支出绩效目标执行监控表',
    moneyUnit: '元',
    month,
    asOf,
    header: {
      projectId: project.id,
      code: project.code,
      projectName: project.name,
      department: project.department,
      implementingUnit: project.unit ?? '',
      year: project.year,
    },
    goals: { annual: project.goals.annual ?? '' },
    colour: monitoring.colour,
    budget,
    indicators,
    needingExplanation,
    forecast: { expectedTotal: forecast.expected.total, expectedGrade: forecast.expected.grade, currentTotal: forecast.current.total },
    notes,
  };
}
