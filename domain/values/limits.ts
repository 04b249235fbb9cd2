/**
 * Longest text a value parser reads (a target, an actual, an amount, a date). Real cells are far shorter
 * (the longest target in the sample tables has 60 characters); the cap keeps every parse cheap whatever
 * arrives, on top of patterns written not to backtrack.
 */
export const MAX_VALUE_TEXT = 200;

/**
 * Largest magnitude of an amount: below 10^15 fen (10 万亿元), far above any project budget and well inside
 * the integers a double holds exactly, so sums of many amounts stay exact.
 */
export const MAX_MONEY_FEN = 10 ** 15 - 1;

/** Largest magnitude of a count or percentage (10^12): no 1e308 actuals, whose sums overflow to Infinity. */
export const MAX_NUMBER = 10 ** 12;

/** A refusal when `input` is longer than the parsers read, else null. */
export function overlong(what: string, whatEn: string, input: string | number): { ok: false; error: string } | null {
  if (typeof input !== 'string' || input.length <= MAX_VALUE_TEXT) return null;
  return {
    ok: false,
    error: `${what}过长：${input.length} 个字符，最多 ${MAX_VALUE_TEXT} 个 / ${whatEn} is too long: ${input.length} characters, at most ${MAX_VALUE_TEXT}`,
  };
}
