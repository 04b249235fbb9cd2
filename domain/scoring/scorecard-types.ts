/** The scorecard: a pure function of a project's state (domain/scoring/scorecard.ts). Money is a decimal string in 元 ("450000.00"). */

/** notApplicable: a row whose target is `/`, `无` or `—`, kept on the form and not scored. */
export type IndicatorStatus = 'met' | 'partial' | 'unmet' | 'pending' | 'notApplicable';

export type IndicatorScore = {
  id: string;
  level1: string; // as printed, e.g. 产出指标
  level2: string;
  name: string;
  /** Latest approved target as written; `originalTarget` when it was revised. */
  target: string;
  originalTarget?: string;
  standard?: string;
  /** Actual as typed (latest by asOf), or the grade for 定性; null when none. */
  actual: string | null;
  /** How the actual was read when not literally (e.g. "90" under a 万元 target is 90 万元). */
  actualReading?: string;
  /** B / A × 100 where it means something, else null. */
  achievementPercent: number | null;
  points: number;
  computedScore: number;
  /** The score that counts: the override when one is set, else computedScore. Rounded by policy. */
  score: number;
  override?: { score: number; reason: string; actor: string };
  status: IndicatorStatus;
  /** Not met in full, or over-achieved (B ≥ 1.3A on ≥): asks for 偏差原因分析及改进措施. */
  needsExplanation: boolean;
  /** Why it needs one, in Chinese, e.g. "未完全达成" / "超额完成（≥130%）". */
  explanationReason?: string;
  /** Why the row is not scored (target `/`, `无`, `—`). */
  notApplicable?: string;
  /** True when a deviation record exists for this indicator. */
  explained: boolean;
  /** Where the declared standard carries a reference figure. */
  reference?: { text: string; targetVsReferencePercent: number | null; actualVsReferencePercent: number | null };
};

export type ExecutionScore = {
  initialBudget: string;
  budget: string; // 全年预算数
  spent: string; // 全年执行数
  ratePercent: number; // rounded to 2 decimals
  points: number;
  /** The score that counts: the override when one is set, else computedScore. */
  score: number;
  computedScore: number;
  override?: { score: number; reason: string; actor: string };
  needsExplanation: boolean; // rate < 90%
  explained: boolean;
  /** Per funding source, in registration order (the score is on the total, as the forms do). */
  sources: SourceExecution[];
  warnings: string[]; // e.g. zero budget
};

export type SourceExecution = {
  name: string;
  initialBudget: string;
  budget: string;
  spent: string;
  /** null when the source's 全年预算数 is 0. */
  ratePercent: number | null;
};

export type Scorecard = {
  projectId: string;
  asOf: string | null;
  total: number;
  grade: '优' | '良' | '中' | '差';
  execution: ExecutionScore;
  indicators: IndicatorScore[];
  /** Level-1 weights as applied (after proportional split of 产出/成本). */
  weights: { execution: number; output: number; cost: number; benefit: number; satisfaction: number };
  warnings: string[];
};
