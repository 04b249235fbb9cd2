import { MAX_VALUE_TEXT } from '../../domain/values/limits.js';

/**
 * The longest text each field of a command takes, in characters (stated in the README's API section).
 * Generous for what the forms hold — the longest 年度目标 in the sample tables has about 1500 characters,
 * the longest indicator name 74 — and small enough that no request carries megabytes of prose.
 */
export const TEXT_LIMITS = {
  /** Project code: letters, digits, `-`, `_`, `.` (e.g. 52270022P00430210142W, 21 characters). */
  code: 64,
  /** Indicator key and id in URLs. */
  key: 64,
  /** Project name, indicator name, level names, fund source name. */
  name: 200,
  /** 主管部门, 实施单位. */
  department: 100,
  /** A target, an actual, an amount, a date as written: what the value parsers read. */
  value: MAX_VALUE_TEXT,
  /** 计量单位 or 符号 cell of a structured target. */
  unit: 20,
  /** 批准文号, a payment's reference, the reference figure of a standard. */
  reference: 100,
  /** 评(扣)分标准, 指标解释, scoring notes. */
  standard: 2000,
  /** Reasons, measures, notes, comments, evidence. */
  prose: 2000,
  /** 年度目标, 长期目标. */
  goals: 5000,
} as const;

/** How many items a command body lists. */
export const COUNT_LIMITS = {
  /** Indicators of one project (also the cap of an import). */
  indicators: 200,
  fundSources: 50,
  checkpoints: 12,
  /** 年度主要任务 of a department-year. */
  tasks: 50,
} as const;
