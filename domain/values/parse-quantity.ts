import { decimalToFen } from './parse-money.js';
import { DECIMAL_PATTERN, decimalToNumber, parseDecimal, shiftDecimal, type Decimal } from './parse-number.js';
import { MAX_NUMBER } from './limits.js';
import { quote } from './text.js';
import { fail, ok, type Quantity, type Result } from './types.js';
import { isMoneyUnit, parseUnitText, type UnitText } from './units.js';

/** A number with the unit written after it, before interpretation ("300 万人"). */
export type WrittenQuantity = { decimal: Decimal; unit: UnitText };

const QUANTITY_RE = new RegExp(`^(${DECIMAL_PATTERN})\\s*(.*)$`);
const RANGE_RE = new RegExp(
  `^(${DECIMAL_PATTERN})\\s*([^\\d~\\-—–〜至到]*?)\\s*(?:~|-|—|–|〜|至|到)\\s*(${DECIMAL_PATTERN})\\s*(.*)$`,
);
const BRACKET_RE = /^\[([^,\]]*),([^\]]*)\](.*)$/;

function written(num: string | undefined, unit: string | undefined): WrittenQuantity | null {
  const decimal = parseDecimal(num ?? '');
  const u = parseUnitText(unit ?? '');
  return decimal && u ? { decimal, unit: u } : null;
}

/** "7次", "300 万人", "0.5万元", "100" (normalised text). */
export function readQuantity(text: string): WrittenQuantity | null {
  const m = QUANTITY_RE.exec(text);
  return m ? written(m[1], m[2]) : null;
}

/** A side without a unit takes the other side's: "90~100%", "10-20万元", "[90,100]%". */
function shareUnit(a: WrittenQuantity, b: WrittenQuantity): [WrittenQuantity, WrittenQuantity] {
  if (a.unit.written === '' && b.unit.written !== '') return [{ ...a, unit: b.unit }, b];
  if (b.unit.written === '' && a.unit.written !== '') return [a, { ...b, unit: a.unit }];
  return [a, b];
}

/** "90%-100%", "90~100%", "90至100", "90–100 %", "[90,100]". */
export function readRange(text: string): [WrittenQuantity, WrittenQuantity] | null {
  const bracket = BRACKET_RE.exec(text);
  if (bracket) {
    const trailing = parseUnitText(bracket[3] ?? '');
    const a = readQuantity((bracket[1] ?? '').trim());
    const b = readQuantity((bracket[2] ?? '').trim());
    if (!a || !b || !trailing) return null;
    if (trailing.written === '') return shareUnit(a, b);
    if (a.unit.written !== '' || b.unit.written !== '') return null;
    return [{ ...a, unit: trailing }, { ...b, unit: trailing }];
  }
  const m = RANGE_RE.exec(text);
  if (!m) return null;
  const a = written(m[1], m[2]);
  const b = written(m[3], m[4]);
  return a && b ? shareUnit(a, b) : null;
}

/** Number value of a count scaled by 万/亿, refusing magnitudes beyond MAX_NUMBER. */
export function scaledNumber(d: Decimal, scale: number, input: string): Result<number> {
  return boundedNumber(decimalToNumber(shiftDecimal(d, scale)), input);
}

/** A count or percentage within ±MAX_NUMBER. */
export function boundedNumber(value: number, input: string | number): Result<number> {
  return Number.isFinite(value) && Math.abs(value) <= MAX_NUMBER
    ? ok(value)
    : fail(`数值过大：${quote(input)}，绝对值最大 10^12 / number too large: ${quote(input)} (at most 10^12 in magnitude)`);
}

/** A quantity as a target states it: 元/万元/亿元 and a bare 万 are money; 万 before another unit scales the count. */
export function targetQuantity(w: WrittenQuantity, input: string): Result<Quantity> {
  if (isMoneyUnit(w.unit)) {
    const fen = decimalToFen(w.decimal, w.unit.scale, input);
    return fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen;
  }
  const value = scaledNumber(w.decimal, w.unit.scale, input);
  return value.ok ? ok({ kind: 'number', value: value.value, unit: w.unit.base }) : value;
}
