import { comparatorSymbol } from './format.js';
import { moneyScaleOfText, moneyUnitLabel } from './money-scale.js';
import { plainNumber } from './parse-number.js';
import type { Quantity, Target } from './types.js';

/**
 * Money and targets as the printed forms show them: amounts in the project's unit (元 or 万元) with
 * thousands separators, targets as the system reads them ("≤ 0.01 %", "2022-12-31 前完成",
 * "≤ 50 万元"), never raw LaTeX or "定性2022年12月".
 */

export type MoneyUnit = '元' | '万元';

/** "1234567.5" → "1,234,567.5" (the integer part only). */
export function groupThousands(decimal: string): string {
  const [int = '', frac] = decimal.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Fen written exactly as a decimal of 10^places fen per unit, at least `min` decimals. */
function exactDecimal(fen: number, places: number, min: number): string {
  const n = BigInt(Math.trunc(fen));
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(places + 1, '0');
  const int = digits.slice(0, digits.length - places);
  let frac = digits.slice(digits.length - places);
  while (frac.length > min && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${negative ? '-' : ''}${int}${frac.length > 0 ? `.${frac}` : ''}`;
}

const PLACES: Record<MoneyUnit, number> = { 元: 2, 万元: 6 };

/** The amount as a number in the unit (for a spreadsheet cell). */
export function amountIn(fen: number, unit: MoneyUnit): number {
  return Number(exactDecimal(fen, PLACES[unit], 0));
}

/** Decimals the amount needs in the unit: 2, or more in 万元 so that no fen is rounded away. */
export function decimalsOf(fen: number, unit: MoneyUnit): number {
  const text = exactDecimal(fen, PLACES[unit], 2);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/** "450,000.00" in 元, "45.00" in 万元 (more decimals only when needed: "0.0123"). */
export function formatAmount(fen: number, unit: MoneyUnit): string {
  return groupThousands(exactDecimal(fen, PLACES[unit], 2));
}

/** A quantity of a target written in `scale` (money) as the form reads it: "50 万元", "3,000,000 人次". */
function quantityText(q: Quantity, scale: number): string {
  if (q.kind === 'money') return `${groupThousands(exactDecimal(q.fen, scale + 2, 0))} ${moneyUnitLabel(scale)}`;
  const value = groupThousands(plainNumber(q.value));
  return q.unit === '' ? value : `${value} ${q.unit}`;
}

/** The target as the system reads it, money in the unit it was written in. */
export function displayTarget(target: Target, targetText: string): string {
  const scale = moneyScaleOfText(targetText);
  switch (target.kind) {
    case 'compare':
      return `${comparatorSymbol(target.comparator)} ${quantityText(target.quantity, scale)}`;
    case 'range': {
      if (target.min.kind === 'money' && target.max.kind === 'money') {
        return `${groupThousands(exactDecimal(target.min.fen, scale + 2, 0))}–${quantityText(target.max, scale)}`;
      }
      if (target.min.kind === 'number' && target.max.kind === 'number' && target.min.unit === target.max.unit) {
        return `${groupThousands(plainNumber(target.min.value))}–${quantityText(target.max, scale)}`;
      }
      return `${quantityText(target.min, scale)}–${quantityText(target.max, scale)}`;
    }
    case 'deadline':
      return `${target.date} 前完成`;
    case 'qualitative':
      return target.text;
  }
}
