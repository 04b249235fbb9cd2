import type { Measurements } from './child.js';

/** One line of the results table: a figure, the limit it is held against, and the goal. */
export type Row = {
  benchmark: string;
  figure: string;
  limit: string;
  /** figure ÷ limit, when both are measured in the same unit. */
  ratio?: number | undefined;
  goal: string;
  met: boolean | undefined;
};

export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || Number.isNaN(n) ? '?' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const pct = (r: number | undefined): string => (r === undefined || Number.isNaN(r) ? '' : `${(r * 100).toFixed(0)} %`);

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| benchmark | figure | limit | ratio | goal | met |',
    '|---|--:|--:|--:|---|:-:|',
    ...rows.map((r) => `| ${r.benchmark} | ${r.figure} | ${r.limit} | ${pct(r.ratio)} | ${r.goal} | ${r.met === undefined ? '–' : r.met ? 'yes' : '**no**'} |`),
  ];
  return lines.join('\n');
}

/** A latency held against a goal for its p99, in ms: the goal is the limit, the ratio p99 ÷ goal. */
export const latencyRow = (benchmark: string, p50: number | undefined, p99: number | undefined, goalMs: number, digits = 0): Row => ({
  benchmark,
  figure: `${fmt(p50, digits)} / ${fmt(p99, digits)}`,
  limit: String(goalMs),
  ratio: p99 === undefined ? undefined : p99 / goalMs,
  goal: `p99 < ${goalMs} ms`,
  met: p99 !== undefined && p99 < goalMs,
});

/** A benchmark that could not run: one row saying why. */
export const failedRow = (benchmark: string, error: unknown): Row => ({
  benchmark,
  figure: `failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120)}`,
  limit: '',
  goal: '',
  met: false,
});

export type Results = Record<string, Measurements | Error>;
