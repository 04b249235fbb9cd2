import type { Comparator } from './types.js';

/**
 * Comparators as written in tables, after NFKC (so ＞＝ is already >=).
 * `X以上/不低于/不少于` mean ≥; `以内/以下/不超过/不高于` mean ≤ (domain §2).
 */
const PREFIX_TABLE: ReadonlyArray<readonly [string, Comparator]> = [
  ['>=', '>='], ['=>', '>='], ['≥', '>='], ['≧', '>='], ['⩾', '>='],
  ['大于或等于', '>='], ['大于等于', '>='], ['不低于', '>='], ['不少于', '>='], ['不小于', '>='], ['至少', '>='], ['达到', '>='],
  ['<=', '<='], ['=<', '<='], ['≤', '<='], ['≦', '<='], ['⩽', '<='],
  ['小于或等于', '<='], ['小于等于', '<='], ['不超过', '<='], ['不高于', '<='], ['不多于', '<='], ['不大于', '<='], ['至多', '<='], ['最多', '<='],
  ['==', '='], ['=', '='], ['═', '='], ['等于', '='],
  ['>', '>'], ['大于', '>'], ['高于', '>'], ['超过', '>'], ['多于', '>'],
  ['<', '<'], ['小于', '<'], ['低于', '<'], ['少于', '<'],
];

const SUFFIX_TABLE: ReadonlyArray<readonly [string, Comparator]> = [
  ['及以上', '>='], ['或以上', '>='], ['以上', '>='],
  ['及以下', '<='], ['或以下', '<='], ['以下', '<='], ['以内', '<='], ['之内', '<='],
];

const byLengthDesc = <T extends readonly [string, Comparator]>(rows: ReadonlyArray<T>) =>
  [...rows].sort((a, b) => b[0].length - a[0].length);

const PREFIXES = byLengthDesc(PREFIX_TABLE);
const SUFFIXES = byLengthDesc(SUFFIX_TABLE);

/** A comparator found in text; `symbolic` when written as a sign (≥, <=…) rather than words (不低于…). */
export type FoundComparator = { comparator: Comparator; written: string; symbolic: boolean };

const isSymbolic = (written: string) => !/[\u4e00-\u9fff]/.test(written);

export function takePrefix(text: string): { found?: FoundComparator; rest: string } {
  for (const [written, comparator] of PREFIXES) {
    if (text.startsWith(written)) {
      return { found: { comparator, written, symbolic: isSymbolic(written) }, rest: text.slice(written.length).trim() };
    }
  }
  return { rest: text };
}

export function takeSuffix(text: string): { found?: FoundComparator; rest: string } {
  for (const [written, comparator] of SUFFIXES) {
    if (text.endsWith(written)) {
      return { found: { comparator, written, symbolic: false }, rest: text.slice(0, -written.length).trim() };
    }
  }
  return { rest: text };
}

/** A comparator cell on its own ("≥", "＞＝", "不低于"); undefined when it is none of them. */
export function comparatorOfCell(text: string): Comparator | undefined {
  const t = text.replace(/\s+/g, '');
  return PREFIXES.find(([written]) => written === t)?.[1] ?? SUFFIXES.find(([written]) => written === t)?.[1];
}
