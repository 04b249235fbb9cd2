import { plannedPercentAt } from '../project/checkpoints.js';
import { latestForecast, type ActualEntry, type DeclaredProject, type IndicatorState } from '../project/state.js';
import { formatQuantity } from '../values/format.js';
import type { ActualValue, Quantity } from '../values/types.js';
import type { ForecastBasis } from './types.js';

/** The value an indicator is expected to end the year at, and where it comes from. */
export type IndicatorBasis = {
  basis: ForecastBasis;
  value?: ActualValue;
  text: string | null;
  asOf: string | null;
  /** The recorded assessment and override still apply (the row stands on the recorded facts). */
  keepsJudgements: boolean;
};

/** The latest actual dated on or before asOf (ties to the later recorded); a plain loop, this runs per row. */
function latestActualBy(indicator: IndicatorState, asOf: string): ActualEntry | undefined {
  let best: ActualEntry | undefined;
  for (const a of indicator.actuals) if (a.asOf <= asOf && (!best || a.asOf >= best.asOf)) best = a;
  return best;
}

/** Whole months of the project year elapsed by the end of `day`: 6 on 2022-06-30, 5 on 2022-06-15. */
export function monthsElapsed(year: number, day: string): number {
  if (day < `${year}-01-01`) return 0;
  if (day >= `${year}-12-31`) return 12;
  const month = Number(day.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number(day.slice(8, 10)) === lastDay ? month : month - 1;
}

/**
 * A count that grows through the year: ≥ or > (or a range's minimum) in a unit other than %.
 * Rates (%), ceilings (≤ <), exact values (=), dates and grades are read as they stand.
 */
function cumulative(indicator: IndicatorState): Quantity | undefined {
  const t = indicator.target;
  const q = t.kind === 'compare' && (t.comparator === '>=' || t.comparator === '>') ? t.quantity : t.kind === 'range' ? t.min : undefined;
  if (!q || (q.kind === 'number' && q.unit === '%')) return undefined;
  return q;
}

/** B × 100 / planned share: the same pace as the monitoring's progress ratio B / (A × share). */
function projected(q: Quantity, plannedPercent: number): Quantity {
  if (q.kind === 'money') return { kind: 'money', fen: Math.round((q.fen * 100) / plannedPercent) };
  return { kind: 'number', value: Number(((q.value * 100) / plannedPercent).toFixed(2)), unit: q.unit };
}

/**
 * Forecast (the latest dated on or before asOf), else the latest actual, projected along the spending
 * plan when it is a cumulative count measured before the year end, else the assessment; else none.
 * From the year end on, the actuals and assessments are the year's result: a forecast counts only
 * for a row that has none.
 */
export function indicatorBasis(project: DeclaredProject, indicator: IndicatorState, asOf: string): IndicatorBasis {
  const actual = latestActualBy(indicator, asOf);
  const yearOver = asOf >= `${project.year}-12-31`;
  const final = yearOver && (actual !== undefined || indicator.assessment !== undefined || indicator.override !== undefined);
  const forecast = final ? undefined : latestForecast(indicator, asOf);
  if (forecast) return { basis: 'forecast', value: forecast.value, text: forecast.text, asOf: forecast.asOf, keepsJudgements: false };
  if (actual) {
    const like = cumulative(indicator);
    const months = monthsElapsed(project.year, actual.asOf);
    if (like && actual.value.kind === 'quantity' && months < 12 && !indicator.override) {
      const share = plannedPercentAt(project.spendingPlan, months);
      if (share > 0 && share < 100) {
        const value = { kind: 'quantity' as const, quantity: projected(actual.value.quantity, share) };
        return { basis: 'trajectory', value, text: formatQuantity(value.quantity), asOf: actual.asOf, keepsJudgements: false };
      }
    }
    return { basis: 'latest-actual', value: actual.value, text: actual.text, asOf: actual.asOf, keepsJudgements: true };
  }
  if (indicator.assessment || indicator.override) {
    return { basis: 'latest-actual', text: indicator.assessment?.grade ?? null, asOf: null, keepsJudgements: true };
  }
  return { basis: 'none', text: null, asOf: null, keepsJudgements: false };
}

export type SpendingBasis = {
  basis: ForecastBasis;
  expectedFen: number;
  bySource: { source: string; fen: number; asOf: string }[];
};

const later = <T extends { asOf: string }>(a: T | undefined, b: T): T => (!a || b.asOf >= a.asOf ? b : a);

/** The latest spending forecasts dated by asOf: of the whole project, and of each funding source. */
export function latestSpendingForecasts(project: DeclaredProject, asOf: string): { whole?: { amountFen: number; asOf: string }; bySource: { source: string; fen: number; asOf: string }[] } {
  let whole: { amountFen: number; asOf: string } | undefined;
  const perSource = new Map<string, { amountFen: number; asOf: string }>();
  for (const f of project.spendingForecasts ?? []) {
    if (f.asOf > asOf) continue;
    if (f.source === undefined) whole = later(whole, f);
    else perSource.set(f.source, later(perSource.get(f.source), f));
  }
  const bySource = [...perSource].map(([source, f]) => ({ source, fen: f.amountFen, asOf: f.asOf }));
  return whole ? { whole, bySource } : { bySource };
}

/**
 * 全年预计执行数: the latest whole-project forecast dated by asOf; without one, the sum of the latest
 * forecast of each funding source; without any, the spending by asOf, projected along the plan's
 * cumulative share when the year is not over (no share yet: as it stands). From the year end on, the
 * spending recorded is the year's result.
 */
export function spendingBasis(project: DeclaredProject, asOf: string): SpendingBasis {
  const { whole, bySource } = latestSpendingForecasts(project, asOf);
  const months = monthsElapsed(project.year, asOf);
  let spent = 0;
  for (const s of project.spending) if (s.date <= asOf) spent += s.amountFen;
  if (months >= 12) return { basis: 'latest-actual', expectedFen: spent, bySource };
  if (whole) return { basis: 'forecast', expectedFen: whole.amountFen, bySource };
  if (bySource.length > 0) return { basis: 'forecast', expectedFen: bySource.reduce((s, f) => s + f.fen, 0), bySource };
  const share = plannedPercentAt(project.spendingPlan, months);
  if (share <= 0) return { basis: spent > 0 ? 'latest-actual' : 'none', expectedFen: spent, bySource };
  return { basis: 'trajectory', expectedFen: Math.round((spent * 100) / share), bySource };
}
