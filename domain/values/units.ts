import type { Quantity } from './types.js';

/**
 * A unit as written after a number: a scale word (万, 亿, 千元…) and the base unit.
 * "万人次" → { scale: 4, base: '人次' }; "万元" → { scale: 4, base: '元' }; "万" → { scale: 4, base: '' }.
 */
export type UnitText = { scale: number; base: string; written: string };

/** Exponent of the fen (分) per one base money unit 元. */
export const FEN_PER_YUAN_EXPONENT = 2;

const MAX_UNIT_LENGTH = 12;

/** Splits a unit cell into scale and base; null when it cannot be a unit (digits, comparators, too long). */
export function parseUnitText(raw: string): UnitText | null {
  const written = raw.replace(/\s+/g, '');
  if (written.length > MAX_UNIT_LENGTH) return null;
  if (/[\d<>=≤≥≦≧═~\[\](),]/.test(written)) return null;
  if (written === '%' || written === '‰') return { scale: 0, base: written, written };
  if (/[%‰]/.test(written)) return null;
  const thousands = /^(千|百万|千万)元$/.exec(written);
  if (thousands) return { scale: thousands[1] === '千' ? 3 : thousands[1] === '百万' ? 6 : 7, base: '元', written };
  const big = /^(万|亿)(.*)$/.exec(written);
  if (big) return { scale: big[1] === '万' ? 4 : 8, base: big[2] ?? '', written };
  return { scale: 0, base: written, written };
}

/**
 * Money when the base is 元, or when a scale word stands alone ("≤3万" means 3万元).
 * A scale word before another unit scales a count ("300万人" = 3000000 人).
 */
export function isMoneyUnit(u: UnitText): boolean {
  return u.base === '元' || (u.base === '' && u.scale > 0);
}

/** The number compared by scoring: fen for money, the value otherwise. */
export function quantityMagnitude(q: Quantity): number {
  return q.kind === 'money' ? q.fen : q.value;
}

/** Two quantities can be compared: both money, or numbers in the same unit. */
export function sameUnit(a: Quantity, b: Quantity): boolean {
  if (a.kind === 'money' || b.kind === 'money') return a.kind === b.kind;
  return a.unit === b.unit;
}

/** The unit shown to users: 元 for money. */
export function unitLabel(q: Quantity): string {
  return q.kind === 'money' ? '元' : q.unit;
}
