import type { Policy } from '../project/policy.js';
import type { Scorecard } from './scorecard-types.js';

export type GradeLabel = Scorecard['grade'];
export const GRADE_LABELS = ['优', '良', '中', '差'] as const satisfies readonly GradeLabel[];

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below (docs/domain.md §5.5; thresholds from the project policy). */
export function gradeOf(total: number, thresholds: Policy['grades']): GradeLabel {
  if (total >= thresholds.excellent) return '优';
  if (total >= thresholds.good) return '良';
  if (total >= thresholds.fair) return '中';
  return '差';
}
