/**
 * Value types shared by commands, projections and import.
 * Money is always integer fen (分). Dates are ISO 'YYYY-MM-DD', Asia/Shanghai.
 */

export type Comparator = '>=' | '>' | '<=' | '<' | '=';

/** A measured amount. Money is kept apart so it never becomes a float. */
export type Quantity =
  | { kind: 'number'; value: number; unit: string } // unit '' when none; '%' for percentages
  | { kind: 'money'; fen: number }; // always 元 on output

export type Target =
  | { kind: 'compare'; comparator: Comparator; quantity: Quantity }
  | { kind: 'range'; min: Quantity; max: Quantity }
  /** Complete on or before `date` (the last day that still counts, e.g. 2022-12-31 for "2022年12月"). */
  | { kind: 'deadline'; date: string }
  /** 定性: text with no number, or a named aim; graded 达成/部分达成/未达成. */
  | { kind: 'qualitative'; text: string };

export const GRADES = ['达成', '部分达成', '未达成'] as const;
export type Grade = (typeof GRADES)[number];

/** An actual value (实际完成值) as recorded. */
export type ActualValue =
  | { kind: 'quantity'; quantity: Quantity }
  /** Completion date of a deadline indicator. */
  | { kind: 'date'; date: string }
  | { kind: 'grade'; grade: Grade };

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });

/** Canonical level-1 groups (一级指标). */
export type Level1 = 'output' | 'cost' | 'benefit' | 'satisfaction';

export const STANDARDS = ['计划标准', '行业标准', '历史标准', '其他标准'] as const;
