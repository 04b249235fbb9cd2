import { DateTime } from 'luxon';
import { invalid } from '../../commands/errors.js';
import { parseDate } from '../../domain/values/parse-date.js';
import type { RecordedEvent } from '../store/event-store.js';
import { ZONE } from '../clock.js';

/**
 * The two clocks of every point-in-time query, and the stream revision:
 * - asOf: business time — facts effective on or before the end of that day (Asia/Shanghai), as known now;
 * - knownAt: record time — only events recorded by then (a date means the end of that day);
 * - revision: the stream up to and including that revision.
 */
export type PointInTime =
  | { kind: 'now' }
  | { kind: 'asOf'; date: string; untilMs: number }
  | { kind: 'knownAt'; at: string; untilMs: number }
  | { kind: 'revision'; revision: number };

export type PointQuery = { asOf?: string | undefined; knownAt?: string | undefined; revision?: string | number | undefined };

export function pointOf(q: PointQuery): PointInTime {
  const given = [q.asOf, q.knownAt, q.revision].filter((v) => v !== undefined && v !== '').length;
  if (given > 1) throw invalid('asOf/knownAt/revision', '只能给出 asOf、knownAt、revision 其中之一 / give only one of them');
  if (q.asOf) return asOfPoint(q.asOf, 'asOf');
  if (q.knownAt) {
    const at = q.knownAt.trim();
    if (/^\d{4}-\d{2}-\d{2}T/.test(at)) {
      const t = DateTime.fromISO(at, { zone: ZONE });
      if (!t.isValid) throw invalid('knownAt', `无法识别的时间 "${at}"：应为 ISO 时间，如 2022-07-01T09:00:00+08:00 或日期`);
      return { kind: 'knownAt', at: t.toISO()!, untilMs: t.toMillis() };
    }
    const day = asOfPoint(at, 'knownAt');
    return { kind: 'knownAt', at: DateTime.fromMillis(day.untilMs, { zone: ZONE }).toISO()!, untilMs: day.untilMs };
  }
  if (q.revision !== undefined && q.revision !== '') {
    const n = Number(q.revision);
    if (!Number.isInteger(n) || n < 0) throw invalid('revision', `应为非负整数，收到 ${q.revision}`);
    return { kind: 'revision', revision: n };
  }
  return { kind: 'now' };
}

/** A diff endpoint: a number is a revision, a date a business date (asOf), a timestamp a record time (knownAt). */
export function pointFromText(text: string, field: string): PointInTime {
  const t = text.trim();
  if (/^\d+$/.test(t)) return pointOf({ revision: t });
  if (/T\d{2}:/.test(t)) return pointOf({ knownAt: t });
  if (!parseDate(t).ok) throw invalid(field, `应为版本号、日期（2022-06-30）或时间（2022-07-01T09:00:00+08:00），收到 "${text}"`);
  return pointOf({ asOf: t });
}

function asOfPoint(text: string, field: string): Extract<PointInTime, { kind: 'asOf' }> {
  const parsed = parseDate(text);
  if (!parsed.ok) throw invalid(field, parsed.error);
  // Inclusive end of the day: everything strictly before the next midnight in Asia/Shanghai.
  const until = DateTime.fromISO(parsed.value, { zone: ZONE }).plus({ days: 1 }).toMillis() - 1;
  return { kind: 'asOf', date: parsed.value, untilMs: until };
}

/** The events of a stream visible at a point. */
export function eventsAt(events: readonly RecordedEvent[], point: PointInTime): RecordedEvent[] {
  switch (point.kind) {
    case 'now':
      return [...events];
    case 'revision':
      return events.filter((e) => e.revision <= point.revision);
    case 'knownAt':
      return events.filter((e) => timesOf(e).recordedMs <= point.untilMs);
    case 'asOf': {
      const yearEnd = judgedAtYearEnd(events, point);
      return events.filter((e) => timesOf(e).effectiveMs <= point.untilMs || (yearEnd && isJudgment(e)));
    }
  }
}

/**
 * Judgments about the year: an assessment, an override, a deviation record, the text of what was
 * achieved. They are written at evaluation, often in the next January, but are about the year: as
 * of the year's last day (or later) they count whenever they were recorded. Earlier dates see them
 * only from when they took effect (a mid-year assessment is a monitoring judgment of its day).
 */
const JUDGMENTS = new Set([
  'IndicatorAssessed',
  'ScoreOverridden',
  'DeviationRecorded',
  'ExecutionScoreOverridden',
  'AchievementsDescribed',
]);

const isJudgment = (e: RecordedEvent): boolean => JUDGMENTS.has(e.type);

/** True when the point is on or after 31 December of the project's year (read from its registration). */
function judgedAtYearEnd(events: readonly RecordedEvent[], point: Extract<PointInTime, { kind: 'asOf' }>): boolean {
  const registered = events.find((e) => e.type === 'ProjectRegistered');
  const year = (registered?.data as { year?: unknown } | undefined)?.year;
  return typeof year === 'number' && point.date >= `${year}-12-31`;
}

/** True when every one of `events` is visible at `point`: the point sees the stream's current state. */
export function seesEveryEvent(events: readonly RecordedEvent[], point: PointInTime): boolean {
  switch (point.kind) {
    case 'now':
      return true;
    case 'revision':
      return events.length === 0 || events[events.length - 1]!.revision <= point.revision;
    case 'knownAt':
      return events.every((e) => timesOf(e).recordedMs <= point.untilMs);
    case 'asOf': {
      const yearEnd = judgedAtYearEnd(events, point);
      return events.every((e) => timesOf(e).effectiveMs <= point.untilMs || (yearEnd && isJudgment(e)));
    }
  }
}

/** Parsed once per event object: queries replay cached streams again and again (Date.parse of 10,000 times is 1.5 ms). */
const times = new WeakMap<RecordedEvent, { recordedMs: number; effectiveMs: number }>();

function timesOf(e: RecordedEvent): { recordedMs: number; effectiveMs: number } {
  let t = times.get(e);
  if (t === undefined) {
    const recordedMs = Date.parse(e.metadata.recordedAt);
    t = { recordedMs, effectiveMs: e.metadata.effectiveAt === undefined ? recordedMs : Date.parse(e.metadata.effectiveAt) };
    times.set(e, t);
  }
  return t;
}

/** The business date a point stands for, used for "as of" judgements (checkpoints passed, deadlines). */
export function businessDateOf(point: PointInTime, today: string): string {
  switch (point.kind) {
    case 'asOf':
      return point.date;
    case 'knownAt':
      return DateTime.fromMillis(point.untilMs, { zone: ZONE }).toISODate()!;
    default:
      return today;
  }
}
