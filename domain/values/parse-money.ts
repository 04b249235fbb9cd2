import { DECIMAL_PATTERN, decimalFromNumber, decimalToInteger, parseDecimal, shiftDecimal, type Decimal } from './parse-number.js';
import { normalizeText, quote } from './text.js';
import { MAX_MONEY_FEN, overlong } from './limits.js';
import { fail, ok, type Result } from './types.js';
import { FEN_PER_YUAN_EXPONENT, isMoneyUnit, parseUnitText } from './units.js';

const AMOUNT_RE = new RegExp(`^(${DECIMAL_PATTERN})\\s*(.*)$`);

const expected = (input: string | number): string =>
  `无法识别的金额 ${quote(input)}：应为数字（元）或带单位的金额，如 "45万元"、"1234.56元" / ` +
  `unrecognised amount ${quote(input)}: expected a number in yuan or an amount with a unit, e.g. "45万元"`;

/** An exact decimal in units of 10^scale 元, as integer fen; refuses fractions of a fen and unsafe integers. */
export function decimalToFen(d: Decimal, scale: number, input: string | number): Result<number> {
  const fen = decimalToInteger(shiftDecimal(d, scale + FEN_PER_YUAN_EXPONENT));
  if (fen === null) {
    return fail(`金额最多精确到分：${quote(input)} 换算后不足一分 / an amount is exact to the fen (0.01 元): ${quote(input)} is not`);
  }
  if (fen > BigInt(MAX_MONEY_FEN) || fen < -BigInt(MAX_MONEY_FEN)) {
    return fail(`金额过大：${quote(input)}，绝对值应小于 10^13 元 / amount too large: ${quote(input)} (at most 10^13 元 in magnitude)`);
  }
  return ok(Number(fen));
}

/**
 * Money as integer fen. A number is 元; text may carry 元/万元/亿元/千元, a bare 万 or 亿 (meaning 万元/亿元),
 * ¥ or 人民币 in front, thousands separators, full-width characters and a minus sign.
 */
export function parseMoney(input: string | number): Result<number> {
  if (typeof input === 'number') {
    const d = decimalFromNumber(input);
    return d ? decimalToFen(d, 0, input) : fail(`金额必须是有限的数字，收到 ${quote(input)} / an amount must be a finite number`);
  }
  const long = overlong('金额', 'the amount', input);
  if (long) return long;
  const text = normalizeText(input).replace(/^(?:人民币|¥|RMB)\s*/i, '');
  if (text === '') return fail('金额为空：应为数字（元）或带单位的金额，如 "45万元" / the amount is empty');
  const m = AMOUNT_RE.exec(text);
  const d = m ? parseDecimal(m[1] ?? '') : null;
  const unit = m ? parseUnitText(m[2] ?? '') : null;
  if (!d || !unit) return fail(expected(input));
  if (unit.written !== '' && !isMoneyUnit(unit)) {
    return fail(
      `${quote(input)} 不是金额：单位 "${unit.written}" 应为 元、万元 或 亿元 / ` +
        `${quote(input)} is not an amount: unit "${unit.written}" should be 元, 万元 or 亿元`,
    );
  }
  return decimalToFen(d, unit.scale, input);
}
