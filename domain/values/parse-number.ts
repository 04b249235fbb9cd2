/**
 * Exact decimals: numbers are read as digit strings into (mantissa, exponent) so that
 * "0.1万元" is exactly 100000 fen, with no float rounding on the way.
 */

/** value = (negative ? -1 : 1) × mantissa × 10^exponent */
export type Decimal = { negative: boolean; mantissa: bigint; exponent: number };

/** A plain decimal as written in a cell: optional sign, digits with optional 1,234 grouping, optional fraction. */
export const DECIMAL_PATTERN = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;

const DECIMAL_RE = new RegExp(`^${DECIMAL_PATTERN}$`);
const JS_NUMBER_RE = /^(-?)(\d+)(?:\.(\d+))?(?:e([-+]?\d+))?$/;

/** Parses "1,234.56", "-3000", "+0.5" (already normalised text). Null when not a plain decimal. */
export function parseDecimal(text: string): Decimal | null {
  if (!DECIMAL_RE.test(text)) return null;
  const negative = text.startsWith('-');
  const unsigned = text.replace(/^[-+]/, '').replace(/,/g, '');
  const [int = '', frac = ''] = unsigned.split('.');
  return { negative, mantissa: BigInt(int + frac), exponent: -frac.length };
}

/** The exact decimal behind a JS number (its shortest round-trip form, e.g. 1e-7 or 0.30000000000000004). */
export function decimalFromNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  const m = JS_NUMBER_RE.exec(String(n));
  if (!m) return null;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  return { negative: sign === '-', mantissa: BigInt(int + frac), exponent: Number(exp) - frac.length };
}

/** Multiplies by 10^places (万 = 4, 亿 = 8). */
export function shiftDecimal(d: Decimal, places: number): Decimal {
  return { ...d, exponent: d.exponent + places };
}

/**
 * The exact integer value, or null when a fraction would remain.
 * Exponents are bounded by the input's length, so the bigint powers stay small.
 */
export function decimalToInteger(d: Decimal): bigint | null {
  const signed = d.negative ? -d.mantissa : d.mantissa;
  if (d.exponent >= 0) return signed * 10n ** BigInt(d.exponent);
  const divisor = 10n ** BigInt(-d.exponent);
  return signed % divisor === 0n ? signed / divisor : null;
}

/** The nearest JS number (correctly rounded by the engine's decimal parser); never -0. */
export function decimalToNumber(d: Decimal): number {
  if (d.mantissa === 0n) return 0;
  return Number(`${d.negative ? '-' : ''}${d.mantissa}e${d.exponent}`);
}

/** A JS number written out in plain decimal notation, never with an exponent: 1e-7 → "0.0000001". */
export function plainNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  const d = decimalFromNumber(n);
  if (!d) return String(n);
  const digits = d.mantissa.toString();
  const sign = d.negative ? '-' : '';
  if (d.exponent >= 0) return sign + digits + '0'.repeat(d.exponent);
  const fracLen = -d.exponent;
  const padded = digits.padStart(fracLen + 1, '0');
  const int = padded.slice(0, padded.length - fracLen);
  const frac = padded.slice(padded.length - fracLen).replace(/0+$/, '');
  return sign + int + (frac ? `.${frac}` : '');
}
