import { normalizeText } from './text.js';
import type { Target } from './types.js';

/** Target cells that mark a row as not applicable (不适用) on published forms. */
const MARKS = new Set(['/', '／', '\\', '无', '—', '——', '-', '--', '－', '不适用', '不涉及', 'n/a', 'na']);

/**
 * A row whose target is `/`, `无` or `—`: kept on the form, not scored. Its points go back to its
 * level 1 (domain/scoring/weights.ts) and the row prints `/` for 分值 and 得分.
 */
export function isNotApplicable(target: Target): boolean {
  return target.kind === 'qualitative' && MARKS.has(normalizeText(target.text).replace(/\s/g, '').toLowerCase());
}
