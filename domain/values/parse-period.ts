import { DateTime } from 'luxon';
import { normalizeText, quote } from './text.js';
import { fail, ok, type Result } from './types.js';

/** 项目实施期 as written ("2022.1-2022.12", "2022年1月至2022年12月", "2022-01-01~2023-06-30"). */
export type Period = { start: string; end: string };

const POINT = /(\d{4})\s*[年.\-/]\s*(\d{1,2})(?!\d)(?:\s*[月.\-/]\s*(\d{1,2})(?!\d)\s*日?|\s*月)?/g;

function day(y: number, m: number, d: number | undefined, end: boolean): string | null {
  const first = DateTime.fromObject({ year: y, month: m, day: d ?? 1 });
  if (!first.isValid) return null;
  return (d === undefined && end ? first.endOf('month') : first).toISODate();
}

/**
 * The first and last day of a period written as two dates or months. A month alone counts from its
 * first day (start) or to its last day (end). Never refuses an order: a reversed period is read as
 * written and warned about by `periodWarnings`.
 */
export function parsePeriod(input: string): Result<Period> {
  const text = normalizeText(input);
  const points = [...text.matchAll(POINT)];
  if (points.length !== 2) {
    return fail(`无法识别的项目实施期 ${quote(input)}：应为起止年月，如 "2022.1-2022.12" 或 "2022年1月至2022年12月" / expected a start and an end month`);
  }
  const [a, b] = points as [RegExpMatchArray, RegExpMatchArray];
  const start = day(Number(a[1]), Number(a[2]), a[3] === undefined ? undefined : Number(a[3]), false);
  const end = day(Number(b[1]), Number(b[2]), b[3] === undefined ? undefined : Number(b[3]), true);
  if (!start || !end) return fail(`项目实施期 ${quote(input)} 中的日期不存在 / a date of the period does not exist`);
  return ok({ start, end });
}

/** Most projects run one year, some several: a period longer than this is worth a second look. */
const PLAUSIBLE_YEARS = 10;

/** Why a period looks wrong for a project of `year`: reversed, not covering the year, or very long. */
export function periodWarnings(period: Period, year: number): string[] {
  const warnings: string[] = [];
  const shown = `${period.start} 至 ${period.end}`;
  if (period.end < period.start) warnings.push(`项目实施期 ${shown} 起止颠倒，请核对 / the period ends before it starts`);
  else {
    if (period.end < `${year}-01-01` || period.start > `${year}-12-31`) {
      warnings.push(`项目实施期 ${shown} 不含项目年度 ${year} 年，请核对 / the period does not cover the project's year`);
    }
    const years = DateTime.fromISO(period.end).diff(DateTime.fromISO(period.start), 'years').years;
    if (years > PLAUSIBLE_YEARS) warnings.push(`项目实施期 ${shown} 超过 ${PLAUSIBLE_YEARS} 年，请核对 / the period is longer than ${PLAUSIBLE_YEARS} years`);
  }
  return warnings;
}
