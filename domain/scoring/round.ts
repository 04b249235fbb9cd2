export type RoundingMode = 'decimal2' | 'floor' | 'round';

/**
 * Drops binary float noise (0.1 + 0.2, 1.005 stored as 1.00499…) by reading the value back at
 * 15 significant digits, then shifts the decimal point in the string form, so 1.005 → 1.01 and
 * 2.675 → 2.68 as a person rounding on paper would get.
 */
function shift(value: number, places: number): number {
  const clean = Number(value.toPrecision(15));
  const [mantissa, exponent = '0'] = clean.toExponential().split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/** Half-up away from zero on the cleaned value (scores are never negative, percents may be). */
function halfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/**
 * Rounding of a score per project policy (docs/domain.md §5.4): 2 decimals half-up (default),
 * integer floor, integer half-up.
 */
export function round(value: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) return value;
  const fast = roundFast(value, mode);
  return fast !== undefined ? fast : roundExact(value, mode);
}

/** How far from a rounding edge a value must be for the float shortcut to agree with the exact rounding. */
const EDGE = 1e-6;

/**
 * The same result as roundExact without its string work, for values that are not near a rounding
 * edge (the half for half-up, the whole number for floor): there float noise cannot change the
 * side, and r / 100 is the double nearest the decimal r·10⁻², as parsing it gives. Undefined near
 * an edge or for large values: the exact way decides. Rounding is most of a scorecard's time.
 */
function roundFast(value: number, mode: RoundingMode): number | undefined {
  const scale = mode === 'decimal2' ? 100 : 1;
  const x = Math.abs(value) * scale;
  if (x >= 1e9) return undefined;
  const fraction = x - Math.floor(x);
  let r: number;
  if (mode === 'floor') {
    if (fraction < EDGE || fraction > 1 - EDGE || value < 0) return undefined;
    r = Math.floor(x);
  } else {
    if (Math.abs(fraction - 0.5) < EDGE) return undefined;
    r = Math.sign(value) * Math.round(x);
    if (scale !== 1) r /= scale;
  }
  return r === 0 ? 0 : r;
}

/** Rounding through the decimal string form (see shift): exact for every value. */
export function roundExact(value: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) return value;
  let r: number;
  switch (mode) {
    case 'decimal2':
      r = shift(halfUp(shift(value, 2)), -2);
      break;
    case 'floor':
      r = Math.floor(shift(value, 0));
      break;
    case 'round':
      r = halfUp(shift(value, 0));
      break;
  }
  return r === 0 ? 0 : r; // no -0 in reports
}

/** Two decimals, half-up: for percentages and totals. */
export const round2 = (value: number): number => round(value, 'decimal2');
