import { takePrefix, takeSuffix } from './comparators.js';
import { formatTarget } from './format.js';
import { matchDeadline, parseDate, type DateContext } from './parse-date.js';
import { decimalToFen } from './parse-money.js';
import { decimalFromNumber } from './parse-number.js';
import { moneyScaleOfText, moneyUnitLabel } from './money-scale.js';
import { gradeOfStatement } from './statement-grade.js';
import { boundedNumber, readQuantity, scaledNumber } from './parse-quantity.js';
import { normalizeText, quote } from './text.js';
import { overlong } from './limits.js';
import { fail, GRADES, ok, type ActualValue, type Grade, type Quantity, type Result, type Target } from './types.js';
import { isMoneyUnit } from './units.js';

/**
 * Words accepted for a grade. Decision: plain "完成"/"已完成" count as 达成 and "基本完成" as 部分达成,
 * because self-evaluation tables write them that way; anything else must be one of the three grades.
 */
const GRADE_WORDS: ReadonlyMap<string, Grade> = new Map(Object.entries({
  达成: '达成', 已达成: '达成', 全部达成: '达成', 完成: '达成', 已完成: '达成', 全部完成: '达成', 达标: '达成', 已达标: '达成',
  部分达成: '部分达成', 基本达成: '部分达成', 部分完成: '部分达成', 基本完成: '部分达成',
  未达成: '未达成', 未完成: '未达成', 没有完成: '未达成', 未达标: '未达成',
} satisfies Record<string, Grade>));

const GRADE_LIST = GRADES.join('、');

/** A grade 达成/部分达成/未达成 (or one of the synonyms above). */
export function parseGrade(input: string): Result<Grade> {
  const long = overlong('评价等级', 'the grade', input);
  if (long) return long;
  const grade = GRADE_WORDS.get(normalizeText(input).replace(/\s/g, ''));
  return grade
    ? ok(grade)
    : fail(`无法识别的评价等级 ${quote(input)}：应为 ${GRADE_LIST} / unrecognised grade ${quote(input)}: expected 达成, 部分达成 or 未达成`);
}

function unitMismatch(input: string | number, written: string, target: Target, expectedUnit: string): string {
  return (
    `实际完成值 ${quote(input)} 的单位 "${written}" 与目标 "${formatTarget(target)}" 的单位 "${expectedUnit}" 不符 / ` +
    `unit "${written}" of actual ${quote(input)} does not match unit "${expectedUnit}" of target "${formatTarget(target)}"`
  );
}

/** "元/亩" → 元 per 亩; "人次" → 人次 per nothing. */
function perUnit(unit: string): { base: string; per: string } {
  const slash = unit.indexOf('/');
  return slash < 0 ? { base: unit, per: '' } : { base: unit.slice(0, slash), per: unit.slice(slash + 1) };
}

/** The per-unit of a money target as written: "每亩300元", "300元/亩". */
function moneyPer(targetText: string | undefined): string {
  const m = /每([\u4e00-\u9fff]{1,2}?)(?=\s*[\d.])|元\/([\u4e00-\u9fff]{1,3})/.exec(targetText ?? '');
  return m?.[1] ?? m?.[2] ?? '';
}

/** A per-unit written in front of the number: "每亩300", "每人 2 次". */
const PER_PREFIX = /^每([\u4e00-\u9fff]{1,2}?)\s*(?=[\d.])/;

/**
 * A number or text with unit, read in the unit of the target's quantity `like`. A bare number is in
 * the target's unit, money included (`90` under `≥80万元` is 90 万元); a comparator in front of the
 * value (`≥266米`) or after it (`90%以上`) is read as that value, with a note; a per-unit may be
 * written before the number or after the unit (`每亩300`, `300元/亩`).
 */
function actualQuantity(input: string | number, like: Quantity, target: Target, context: ActualContext): Result<ActualReading> {
  const scale = like.kind === 'money' ? moneyScaleOfText(context.targetText) : 0;
  const moneyUnit = moneyUnitLabel(scale);
  const likeUnit = like.kind === 'money' ? { base: '元', per: moneyPer(context.targetText) } : perUnit(like.unit);
  const notes: string[] = [];
  const bareMoneyNote = (shown: string) => {
    if (scale !== 0) notes.push(`${quote(shown)} 未写单位，按目标单位${moneyUnit}计 / a bare number is in the target's unit, ${moneyUnit}`);
  };
  const done = (q: Result<Quantity>): Result<ActualReading> =>
    q.ok ? ok({ value: { kind: 'quantity', quantity: q.value }, ...(notes.length > 0 ? { note: notes.join('；') } : {}) }) : q;

  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`实际完成值必须是有限的数字，收到 ${quote(input)} / the actual must be a finite number`);
    if (like.kind === 'money') {
      const d = decimalFromNumber(input);
      if (!d) return fail(`实际完成值必须是有限的数字，收到 ${quote(input)} / the actual must be a finite number`);
      bareMoneyNote(String(input));
      const fen = decimalToFen(d, scale, input);
      return done(fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen);
    }
    const value = boundedNumber(input === 0 ? 0 : input, input);
    return done(value.ok ? ok({ kind: 'number', value: value.value, unit: like.unit }) : value);
  }

  let text = normalizeText(input);
  const example = like.kind === 'money' ? `"45${moneyUnit}" 或 "45"` : `"${like.unit === '' ? '96' : `96${like.unit}`}"`;
  if (text === '') return fail(`实际完成值为空：目标为 "${formatTarget(target)}"，应填写数值，如 ${example} / the actual is empty`);
  const prefix = takePrefix(text);
  const suffix = takeSuffix(prefix.rest);
  const comparator = prefix.found?.written ?? suffix.found?.written;
  text = suffix.rest.replace(/^(?:人民币|¥)\s*/, '');
  const per = PER_PREFIX.exec(text);
  if (per) text = text.slice(per[0].length);
  const w = readQuantity(text);
  if (!w) {
    return fail(
      `实际完成值 ${quote(input)} 不是数值：目标为 "${formatTarget(target)}"，应填写数值，如 ${example} / ` +
        `actual ${quote(input)} is not a number: target "${formatTarget(target)}" expects a value such as ${example}`,
    );
  }
  if (comparator) notes.push(`实际完成值写作 ${quote(input)}，按 "${comparator}" 所附数值计 / read as the value the comparator states`);
  const written = perUnit(w.unit.base);
  const actualPer = per?.[1] ?? written.per;
  const expectedUnit = like.kind === 'money' ? (likeUnit.per ? `${moneyUnit}/${likeUnit.per}` : moneyUnit) : like.unit === '' ? '（无单位）' : like.unit;
  if (actualPer !== '' && actualPer !== likeUnit.per) return fail(unitMismatch(input, w.unit.written || `每${actualPer}`, target, expectedUnit));
  const unitWithoutPer = { ...w.unit, base: written.base };

  if (like.kind === 'money') {
    if (w.unit.written === '' || (unitWithoutPer.base === '' && unitWithoutPer.scale === 0)) {
      bareMoneyNote(text);
      const fen = decimalToFen(w.decimal, scale, input);
      return done(fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen);
    }
    if (!isMoneyUnit(unitWithoutPer)) return fail(unitMismatch(input, w.unit.written, target, expectedUnit));
    const fen = decimalToFen(w.decimal, unitWithoutPer.scale, input);
    return done(fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen);
  }
  // A count: a bare 万/亿 scales it; the base unit must be the target's (a target without unit accepts any).
  const base = unitWithoutPer.base;
  if (base === '元' && likeUnit.base !== '元') return fail(unitMismatch(input, w.unit.written, target, expectedUnit));
  if (base !== '' && like.unit !== '' && base !== likeUnit.base) return fail(unitMismatch(input, w.unit.written, target, expectedUnit));
  const value = scaledNumber(w.decimal, w.unit.scale, input);
  return done(value.ok ? ok({ kind: 'number', value: value.value, unit: like.unit }) : value);
}

const readAs = (grade: Grade, input: string | number): ActualReading => ({
  value: { kind: 'grade', grade },
  ...(grade !== String(input).trim() ? { note: `${quote(input)} 读作 ${grade} / read as ${grade}` } : {}),
});

function deadlineActual(input: string | number, target: Target, context: ActualContext): Result<ActualReading> {
  const expected =
    `此指标要求 "${formatTarget(target)}"，应填写完成日期（如 "2022-11-30"）或评价等级（${GRADE_LIST}） / ` +
    `expected a completion date (e.g. "2022-11-30") or a grade`;
  if (typeof input === 'number') return fail(`实际完成值 ${quote(input)} 不是日期：${expected}`);
  const date = parseDate(input, context);
  if (date.ok) return ok({ value: { kind: 'date', date: date.value } });
  const period = matchDeadline(input, context);
  if (period.status === 'ok') return ok({ value: { kind: 'date', date: period.period.last } });
  if (period.status === 'error') return fail(period.error);
  const grade = parseGrade(input);
  if (grade.ok) return ok({ value: { kind: 'grade', grade: grade.value } });
  const stated = gradeOfStatement(input);
  if (stated) return ok(readAs(stated, input));
  return fail(`无法识别的完成日期 ${quote(input)}：${expected}`);
}

function gradeActual(input: string | number, target: Extract<Target, { kind: 'qualitative' }>, context: ActualContext): Result<ActualReading> {
  if (typeof input === 'string') {
    const grade = parseGrade(input);
    if (grade.ok) return ok({ value: { kind: 'grade', grade: grade.value } });
    const stated = gradeOfStatement(input, context.targetText ?? target.text);
    if (stated) return ok(readAs(stated, input));
  }
  return fail(
    `实际完成值 ${quote(input)} 不是评价等级，也未说明是否达成：定性指标 "${formatTarget(target)}" 应填写 ${GRADE_LIST}` +
      `（或"已完成"、"达成预期指标"等），否则请评定等级（assessment） / actual ${quote(input)} is neither a grade nor a ` +
      `statement of achievement: write 达成, 部分达成 or 未达成, or assess the indicator`,
  );
}

/** What the actual context carries besides the year: the target as written (its money unit, its own words). */
export type ActualContext = DateContext & { targetText?: string };

/** An actual as read, with a note when it was read in a way the user should see (unit assumed, comparator dropped, words graded). */
export type ActualReading = { value: ActualValue; note?: string };

/**
 * An actual value (实际完成值) read against its target: a quantity in the target's unit for compare and
 * range targets, a completion date (or a grade) for deadlines, a grade for qualitative targets.
 * A completion written as a month ("2022年11月") counts as its last day.
 */
export function readActual(input: string | number, target: Target, context: ActualContext = {}): Result<ActualReading> {
  const long = overlong('实际完成值', 'the actual', input);
  if (long) return long;
  try {
    switch (target.kind) {
      case 'compare':
        return actualQuantity(input, target.quantity, target, context);
      case 'range':
        return actualQuantity(input, target.min, target, context);
      case 'deadline':
        return deadlineActual(input, target, context);
      case 'qualitative':
        return gradeActual(input, target, context);
    }
  } catch (e) {
    return fail(`无法解析实际完成值：${e instanceof Error ? e.message : String(e)} / could not parse the actual`);
  }
}

/** `readActual` without the note. */
export function parseActual(input: string | number, target: Target, context: ActualContext = {}): Result<ActualValue> {
  const read = readActual(input, target, context);
  return read.ok ? ok(read.value.value) : read;
}
