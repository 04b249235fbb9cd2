import type { GradeLabel } from '../scoring/grade.js';
import type { IndicatorStatus } from '../scoring/scorecard-types.js';

/**
 * What a row of the year-end forecast was scored on:
 * - forecast: the department's own 预计全年完成值 (or 全年预计执行数);
 * - latest-actual: the latest actual (or assessment, or spending so far) taken as the year-end value;
 * - trajectory: a cumulative count (≥ / > in a unit other than %), or the spending, measured before
 *   the year end and projected to December by the spending plan's cumulative share;
 * - none: nothing to go on; the row scores 0 (or as its rules score nothing).
 */
export type ForecastBasis = 'forecast' | 'latest-actual' | 'trajectory' | 'none';

export type ForecastIndicatorRow = {
  id: string;
  level1: string;
  level2: string;
  name: string;
  target: string;
  basis: ForecastBasis;
  /** The value scored, as written or projected ("97%", "1.33 个", "达成"); null with basis none. */
  value: string | null;
  /** The date the basis value is dated (forecast or actual asOf). */
  valueAsOf: string | null;
  points: number;
  /** The expected score, rounded by the project's policy, by the same rules as the self-evaluation. */
  score: number;
  status: IndicatorStatus;
  /** What the year-end actual must be for full points, e.g. "≥ 98 %", "2022-12-31 前完成", "达成". */
  neededForFullPoints: string;
  /** How far the value scored is from that, in the target's unit; null when met or not measurable. */
  shortfall: string | null;
};

export type ForecastExecution = {
  basis: ForecastBasis;
  budget: string;
  /** 1–N月执行数: spent by asOf. */
  spentSoFar: string;
  /** 全年预计执行数 used for the score. */
  expectedSpent: string;
  expectedRatePercent: number;
  points: number;
  score: number;
  /** The latest forecast per funding source, where sources were forecast. */
  bySource: { source: string; expectedSpent: string; asOf: string }[];
  /** What full points need: spending the whole 全年预算数. */
  neededForFullPoints: string;
};

/** One change in a set that lifts the grade: bring this row to full points. */
export type GradeChange = { id: string; name: string; from: number; to: number; gain: number; needed: string };

export type GradeLift = {
  grade: GradeLabel;
  threshold: number;
  /** The forecast already reaches it. */
  reached: boolean;
  /** False when even full points on every row that can gain would not reach it ("cannot"). */
  possible: boolean;
  /** The fewest rows to bring to full points, largest gains first; empty when reached or impossible. */
  changes: GradeChange[];
  /** The expected total after those changes. */
  totalAfter: number;
};

export type YearEndForecast = {
  projectId: string;
  /** The date the forecast is made as of (facts effective by its end). */
  asOf: string;
  /** The year end it forecasts: YYYY-12-31. */
  yearEnd: string;
  current: { total: number; grade: GradeLabel };
  expected: { total: number; grade: GradeLabel };
  execution: ForecastExecution;
  indicators: ForecastIndicatorRow[];
  whatItTakes: { good: GradeLift; excellent: GradeLift };
  warnings: string[];
};
