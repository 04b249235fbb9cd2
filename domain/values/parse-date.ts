import { DateTime } from 'luxon';
import { normalizeText, quote } from './text.js';
import { ZONE } from '../time-zone.js';
import { overlong } from './limits.js';
import { fail, ok, type Result } from './types.js';

export type DateContext = { year?: number };

/** A span of days written as a deadline: "2022年12月" is 2022-12-01 … 2022-12-31. */
export type DatePeriod = { first: string; last: string };

/** Outcome of reading text as a deadline, so parseTarget can tell "not a date" from "a bad date". */
export type DeadlineMatch =
  | { status: 'ok'; period: DatePeriod }
  | { status: 'error'; error: string } // looked like a date but is not one (2022-02-30, missing year)
  | { status: 'nomatch' };

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

const DATE_EXPECTED =
  '应为 2022-06-30、2022/6/30、2022.6.30 或 2022年6月30日 / expected 2022-06-30, 2022/6/30, 2022.6.30 or 2022年6月30日';

function day(year: number, month: number, dayOfMonth: number, input: string): Result<string> {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`日期 ${quote(input)} 的年份 ${year} 不在 ${MIN_YEAR}–${MAX_YEAR} 之间 / year ${year} out of range`);
  }
  // A calendar date needs no zone: check it by arithmetic (luxon's zone handling costs more than the rest of a command).
  const valid =
    Number.isInteger(month) && month >= 1 && month <= 12 && Number.isInteger(dayOfMonth) && dayOfMonth >= 1 &&
    dayOfMonth <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!valid) {
    return fail(`日期不存在 ${quote(input)}：${year}年没有${month}月${dayOfMonth}日 / no such date ${quote(input)}`);
  }
  return ok(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`);
}

function monthPeriod(year: number, month: number, input: string): Result<DatePeriod> {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) {
    return fail(`月份不存在 ${quote(input)} / no such month ${quote(input)}`);
  }
  const start = DateTime.fromObject({ year, month, day: 1 }, { zone: ZONE });
  return ok({ first: start.toISODate() ?? '', last: start.endOf('month').toISODate() ?? '' });
}

function missingYear(input: string): string {
  return (
    `${quote(input)} 缺少年份：请写明年度（如 "2022年12月底前"），或按项目年度解析 / ` +
    `${quote(input)} has no year: write the year (e.g. "2022年12月底前") or parse it with the project year`
  );
}

const FULL_DATE_PATTERNS: RegExp[] = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
];
/** "20220630": only where a date is expected, never in a target cell (it would swallow 8-digit numbers). */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Year, month and day of a written day, or null when the text is no day at all. */
function matchDay(text: string, ctx: DateContext, compact = false): { y?: number; m: number; d: number } | null {
  for (const re of compact ? [...FULL_DATE_PATTERNS, COMPACT_DATE] : FULL_DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const parts = m.slice(1).filter((p) => /^\d+$/.test(p ?? '')).map(Number);
    return { y: parts[0], m: parts[1] ?? 0, d: parts[2] ?? 0 };
  }
  const short = /^(\d{1,2})月(\d{1,2})[日号]$/.exec(text);
  if (short) return { y: ctx.year, m: Number(short[1]), d: Number(short[2]) };
  return null;
}

function dateTimeInShanghai(text: string): Result<string> | null {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(text)) return null;
  // Real offsets lie within ±14:00; luxon would accept +99:00 and shift the day.
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (offset && Number(offset[2]) * 60 + Number(offset[3]) > 14 * 60) {
    return fail(`无效的时区偏移 ${quote(text)}：应在 -14:00 到 +14:00 之间 / offset out of range`);
  }
  const dt = DateTime.fromISO(text.replace(' ', 'T'), { zone: ZONE });
  return dt.isValid ? ok(dt.toISODate() ?? '') : fail(`无法识别的日期时间 ${quote(text)}：${DATE_EXPECTED}`);
}

/**
 * A calendar day, 'YYYY-MM-DD'. A date-time with an offset is converted to its day in Asia/Shanghai;
 * "6月30日" takes its year from context.
 */
export function parseDate(input: string, context: DateContext = {}): Result<string> {
  const long = overlong('日期', 'the date', input);
  if (long) return long;
  const text = normalizeText(input).replace(/\s+/g, '');
  if (text === '') return fail(`日期为空：${DATE_EXPECTED}`);
  const withTime = dateTimeInShanghai(normalizeText(input));
  if (withTime) return withTime;
  const m = matchDay(text, context, true);
  if (!m) return fail(`无法识别的日期 ${quote(input)}：${DATE_EXPECTED}`);
  if (m.y === undefined) return fail(missingYear(input));
  return day(m.y, m.m, m.d, input);
}

const QUARTER_END: Record<string, number> = { 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 };

/** Reads a deadline; 'nomatch' when the text does not look like a date at all. */
export function matchDeadline(input: string, context: DateContext = {}, shown: string = input): DeadlineMatch {
  const long = overlong('完成期限', 'the deadline', input);
  if (long) return { status: 'error', error: long.error };
  const text = normalizeText(input)
    .replace(/\s+/g, '')
    .replace(/^(?:截止到|截至|截止|到|于|在)/, '')
    .replace(/(?:之前|以前|前)?(?:完成)?$/, '');
  if (text === '') return { status: 'nomatch' };
  const result = (r: Result<DatePeriod>): DeadlineMatch =>
    r.ok ? { status: 'ok', period: r.value } : { status: 'error', error: r.error };
  const yearOf = (written: string | undefined): number | undefined =>
    written === undefined ? context.year : Number(written);

  const withTime = dateTimeInShanghai(text);
  if (withTime) return result(withTime.ok ? ok({ first: withTime.value, last: withTime.value }) : withTime);

  const d = matchDay(text, context);
  if (d) {
    if (d.y === undefined) return { status: 'error', error: missingYear(shown) };
    const r = day(d.y, d.m, d.d, shown);
    return result(r.ok ? ok({ first: r.value, last: r.value }) : r);
  }

  const month = /^(?:(\d{4})(?:年|[-/]))?(\d{1,2})月?(?:底|末|份)?$/.exec(text);
  if (month && (month[1] !== undefined || text.includes('月'))) {
    const y = yearOf(month[1]);
    if (y === undefined) return { status: 'error', error: missingYear(shown) };
    return result(monthPeriod(y, Number(month[2]), shown));
  }

  const quarter = /^(?:(\d{4})年)?第?([一二三四1-4])季度(?:底|末)?$/.exec(text);
  const half = /^(?:(\d{4})年)?(上|下)半年(?:底|末)?$/.exec(text);
  const wholeYear = /^(?:(\d{4})年(?:度)?(?:底|末|内)?|(?:本|今)?年(?:度)?(?:底|末|内))$/.exec(text);
  const yearMatch = quarter ?? half ?? wholeYear;
  if (!yearMatch) return { status: 'nomatch' };
  const y = yearOf(yearMatch[1]);
  if (y === undefined) return { status: 'error', error: missingYear(shown) };
  const lastMonth = quarter ? (QUARTER_END[quarter[2] ?? ''] ?? 12) : half?.[2] === '上' ? 6 : 12;
  const firstMonth = quarter ? lastMonth - 2 : half?.[2] === '下' ? 7 : 1;
  const first = monthPeriod(y, firstMonth, shown);
  const last = monthPeriod(y, lastMonth, shown);
  if (!first.ok) return result(first);
  if (!last.ok) return result(last);
  return { status: 'ok', period: { first: first.value.first, last: last.value.last } };
}

/**
 * The last day that still counts: "2022年12月" → 2022-12-31, "12月底前" → {year}-12-31,
 * "2022年底" → 2022-12-31, "2022-12-31前完成" → 2022-12-31. Needs context.year when the text has none.
 */
export function parseDeadline(input: string, context: DateContext = {}): Result<string> {
  const m = matchDeadline(input, context);
  if (m.status === 'ok') return ok(m.period.last);
  if (m.status === 'error') return fail(m.error);
  return fail(
    `无法识别的完成期限 ${quote(input)}：应为 "2022年12月"、"2022-12-31"、"12月底前" 或 "2022年底" / ` +
      `unrecognised deadline ${quote(input)}: expected e.g. "2022年12月", "2022-12-31", "12月底前" or "2022年底"`,
  );
}

/** The day before an ISO date (for "< 2023-01-01"). */
export function dayBefore(iso: string): string {
  return DateTime.fromISO(iso, { zone: ZONE }).minus({ days: 1 }).toISODate() ?? iso;
}
