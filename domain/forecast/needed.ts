import { formatFen, formatQuantity } from '../values/format.js';
import type { ActualValue, Quantity, Target } from '../values/types.js';
import { quantityMagnitude } from '../values/units.js';
import { plainNumber } from '../values/parse-number.js';

/**
 * What the year-end actual must be for full points, by the scoring rules of domain.md §5.4:
 * ≥ > = reach A (an `= 0` must stay at 0), ≤ < stay within A, a range within it, a deadline met,
 * a 定性 aim 达成.
 */
export function neededForFullPoints(target: Target): string {
  switch (target.kind) {
    case 'compare': {
      const a = formatQuantity(target.quantity);
      if (target.comparator === '<=' || target.comparator === '<') return `≤ ${a}`;
      if (target.comparator === '=' && quantityMagnitude(target.quantity) <= 0) return `≤ ${a}`;
      return `≥ ${a}`;
    }
    case 'range':
      return `${formatQuantity(target.min)} – ${formatQuantity(target.max)}`;
    case 'deadline':
      return `${target.date} 前完成`;
    case 'qualitative':
      return '达成';
  }
}

const difference = (like: Quantity, magnitude: number): string =>
  like.kind === 'money' ? `${formatFen(Math.round(magnitude))} 元` : `${plainNumber(Number(magnitude.toPrecision(12)))}${like.unit ? ` ${like.unit}` : ''}`;

/** How far `value` falls short of full points, in the target's unit; null when it does not, or cannot be measured. */
export function shortfall(target: Target, value: ActualValue | undefined): string | null {
  if (value?.kind !== 'quantity') return null;
  const b = Math.max(0, quantityMagnitude(value.quantity));
  if (target.kind === 'compare') {
    const a = quantityMagnitude(target.quantity);
    const lower = target.comparator === '<=' || target.comparator === '<' || (target.comparator === '=' && a <= 0);
    if (lower) return b > a ? `超出 ${difference(target.quantity, b - a)}` : null;
    return b < a ? `差 ${difference(target.quantity, a - b)}` : null;
  }
  if (target.kind === 'range') {
    const lo = quantityMagnitude(target.min);
    const hi = quantityMagnitude(target.max);
    if (b < lo) return `差 ${difference(target.min, lo - b)}`;
    if (b > hi) return `超出 ${difference(target.max, b - hi)}`;
  }
  return null;
}
