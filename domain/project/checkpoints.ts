import type { DeclaredProject } from './state.js';
import { round2 } from '../scoring/round.js';

/** The last day of `month` in `year`, Asia/Shanghai: the checkpoint "6月底" of 2022 is 2022-06-30. */
export function checkpointDate(year: number, month: number): string {
  if (!Number.isInteger(month) || month < 1 || month > 12 || !Number.isInteger(year)) throw new RangeError(`no such month: ${year}-${month}`);
  // A calendar's month end does not depend on the zone; day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The whole months of `year` elapsed by `asOf`, counting the month asOf falls in (the time share of
 * docs/domain.md §4 is month/12): 0 before the year, 12 after it.
 */
export function monthOfYear(year: number, asOf: string): number {
  const y = Number(asOf.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return 12;
  return Number(asOf.slice(5, 7));
}

type PlanPoint = DeclaredProject['spendingPlan'][number];

/**
 * Planned cumulative share (%) of the budget spent by the end of `month`.
 * The plan's own figure where it names that month; between two planned months, linear
 * interpolation, anchored at 0 % before January and 100 % at December when the plan does not name
 * them; with no plan at all, the time share month / 12.
 */
export function plannedPercentAt(plan: readonly PlanPoint[], month: number): number {
  if (plan.length === 0) return round2((month / 12) * 100);
  const points = [...plan].sort((a, b) => a.month - b.month);
  const exact = points.find((p) => p.month === month);
  if (exact) return exact.cumulativePercent;
  const anchored = [{ month: 0, cumulativePercent: 0 }, ...points];
  if (!points.some((p) => p.month === 12)) anchored.push({ month: 12, cumulativePercent: 100 });
  let before = anchored[0] ?? { month: 0, cumulativePercent: 0 };
  for (const p of anchored) {
    if (p.month > month) {
      const share = (month - before.month) / (p.month - before.month);
      return round2(before.cumulativePercent + share * (p.cumulativePercent - before.cumulativePercent));
    }
    before = p;
  }
  return before.cumulativePercent;
}
