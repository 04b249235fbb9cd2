import type { GradeLabel } from '../../../domain/scoring/grade.js';
import { amountIn, type MoneyUnit } from '../../../domain/values/display.js';
import type { DepartmentRollup } from '../../departments/rollup-types.js';
import type { FundingRow } from '../self-evaluation-table.js';

/**
 * Issue 17 item 4: a department-year that declares no indicators of its own gets its 自评表 pre-filled
 * from the roll-up of its projects, for the user to complete: the funding block is the projects'
 * 全年预算数 / 全年执行数 (total and by source; 年初预算数, 分值 and 得分 left empty), and the indicator
 * part lists each project's result (score, grade) instead of indicators.
 */
export type PrefilledProject = {
  id: string;
  code: string;
  name: string;
  /** 全年预算数 and 全年执行数, in moneyUnit. */
  budget: number;
  spent: number;
  executionPercent: number | null;
  score: number;
  grade: GradeLabel;
};

export type RollupPrefill = {
  projectCount: number;
  projects: PrefilledProject[];
  /** The roll-up's budget-weighted average score and its grade; null when no project has a budget. */
  weightedScore: number | null;
  grade: GradeLabel | null;
};

export function rollupFunding(rollup: DepartmentRollup, unit: MoneyUnit): FundingRow[] {
  const row = (kind: FundingRow['kind'], label: string, m: { budgetFen: number; spentFen: number; executionPercent: number | null }): FundingRow => ({
    kind,
    label,
    initialBudget: null,
    budget: amountIn(m.budgetFen, unit),
    spent: amountIn(m.spentFen, unit),
    points: null,
    ratePercent: m.executionPercent,
    score: null,
  });
  return [
    row('total', '年度资金总额', rollup),
    ...rollup.sources.map((s) => row('source', s.name, s)),
    ...(rollup.withoutSources.projects > 0 ? [row('source', '未登记来源', rollup.withoutSources)] : []),
  ];
}

export function rollupPrefill(rollup: DepartmentRollup, unit: MoneyUnit): RollupPrefill {
  return {
    projectCount: rollup.projectCount,
    projects: rollup.projects.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      budget: amountIn(p.budgetFen, unit),
      spent: amountIn(p.spentFen, unit),
      executionPercent: p.executionPercent,
      score: p.score,
      grade: p.grade,
    })),
    weightedScore: rollup.weightedScore,
    grade: rollup.grade,
  };
}

const PREFILL_NOTE = '本部门未设部门整体绩效指标：资金执行与各项目得分、等级由所属项目汇总预填，总分与自评等级留待填报人填写，请核对并补充完善。';

/** The own stream's notes that still hold (draft, date), then what was pre-filled; the indicator and source notes of an empty stream do not apply. */
export function prefillNotes(base: readonly string[]): string[] {
  return [...base.filter((n) => n.startsWith('本表为草稿') || n.startsWith('评分截至')), PREFILL_NOTE];
}

/** A draft 实际完成情况 from the roll-up, when the department wrote none. */
export function prefillActual(prefill: RollupPrefill, rollup: DepartmentRollup, unit: MoneyUnit): string {
  const money = (fen: number) => `${amountIn(fen, unit).toFixed(2)} ${unit}`;
  const rate = rollup.executionPercent === null ? '—' : `${rollup.executionPercent.toFixed(2)}%`;
  const score = prefill.weightedScore === null ? '' : `；项目加权平均得分 ${prefill.weightedScore.toFixed(2)}（${prefill.grade}）`;
  return `（由项目汇总生成的草稿）所属 ${prefill.projectCount} 个项目：全年预算数 ${money(rollup.budgetFen)}，全年执行数 ${money(rollup.spentFen)}，执行率 ${rate}${score}。`;
}
