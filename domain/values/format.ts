import { plainNumber } from './parse-number.js';
import type { Comparator, Quantity, Target } from './types.js';

const SYMBOL: Record<Comparator, string> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

/** Comparator as displayed: ≥ > ≤ < =. */
export function comparatorSymbol(c: Comparator): string {
  return SYMBOL[c];
}

/** Integer fen divided by 10^places, written exactly with `places` decimals ("-12.50"). */
function fixedPoint(fen: number, places: number): string {
  const n = BigInt(Math.trunc(fen));
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  const frac = digits.slice(digits.length - places);
  return `${negative ? '-' : ''}${int}${places > 0 ? `.${frac}` : ''}`;
}

/** Fen as 元 with two decimals: 45000000 → "450000.00", -1250 → "-12.50". */
export function formatFen(fen: number): string {
  return fixedPoint(fen, 2);
}

/** Fen the way Chinese forms write it: "45万元", "0.5万元" from 1万元 up, else "1234.56元"; no trailing zeros. */
export function formatMoneyChinese(fen: number): string {
  const trim = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (Math.abs(fen) >= 1_000_000) return `${trim(fixedPoint(fen, 6))}万元`;
  return `${trim(fixedPoint(fen, 2))}元`;
}

/** "7 次", "100 %", "200000.00 元", "90" (no unit). */
export function formatQuantity(q: Quantity): string {
  if (q.kind === 'money') return `${formatFen(q.fen)} 元`;
  const value = plainNumber(q.value);
  return q.unit === '' ? value : `${value} ${q.unit}`;
}

function formatRange(min: Quantity, max: Quantity): string {
  if (min.kind === 'money' && max.kind === 'money') return `${formatFen(min.fen)}–${formatFen(max.fen)} 元`;
  if (min.kind === 'number' && max.kind === 'number' && min.unit === max.unit) {
    const span = `${plainNumber(min.value)}–${plainNumber(max.value)}`;
    return min.unit === '' ? span : `${span} ${min.unit}`;
  }
  return `${formatQuantity(min)}–${formatQuantity(max)}`;
}

/** Canonical display, which parseTarget reads back to the same target: "≥ 7 次", "90–100 %", "2022-12-31 前完成". */
export function formatTarget(target: Target): string {
  switch (target.kind) {
    case 'compare':
      return `${SYMBOL[target.comparator]} ${formatQuantity(target.quantity)}`;
    case 'range':
      return formatRange(target.min, target.max);
    case 'deadline':
      return `${target.date} 前完成`;
    case 'qualitative':
      return target.text;
  }
}
