import type { Level1 } from '../values/types.js';

/** The canonical group of a level-1 name as printed (产出指标, 成本指标, 效益指标, 满意度指标, …). */
export function level1Of(printed: string): Level1 | undefined {
  const s = printed.replace(/\s+/g, '');
  if (s.includes('产出')) return 'output';
  if (s.includes('成本')) return 'cost';
  if (s.includes('效益') || s.includes('效果')) return 'benefit';
  if (s.includes('满意')) return 'satisfaction';
  return undefined;
}
