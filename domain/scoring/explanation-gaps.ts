import type { Scorecard } from './scorecard-types.js';

/** One item of a self-evaluation that asks for 偏差原因分析及改进措施 and has no deviation record yet. */
export type ExplanationGap = { indicatorId: string | null; name: string; message: string };

/**
 * The gaps that keep a self-evaluation from being submitted (docs/domain.md §5.3–§5.4): execution under
 * 90 %, and every indicator not met in full or over-achieved, without a deviation record.
 */
export function explanationGaps(card: Scorecard): ExplanationGap[] {
  const gaps: ExplanationGap[] = [];
  if (card.execution.needsExplanation && !card.execution.explained) {
    gaps.push({ indicatorId: null, name: '预算执行率', message: `预算执行率 ${card.execution.ratePercent}% 低于 90%，缺少偏差原因分析及改进措施` });
  }
  for (const i of card.indicators) {
    if (i.needsExplanation && !i.explained) {
      gaps.push({ indicatorId: i.id, name: i.name, message: `「${i.name}」${i.explanationReason ?? '未完全达成'}，缺少偏差原因分析及改进措施` });
    }
  }
  return gaps;
}
