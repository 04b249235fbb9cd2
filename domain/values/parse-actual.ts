import { takePrefix } from './comparators.js';
import { formatTarget } from './format.js';
import { matchDeadline, parseDate, type DateContext } from './parse-date.js';
import { decimalToFen, parseMoney } from './parse-money.js';
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

function unitMismatch(input: string, written: string, target: Target, expectedUnit: string): string {
  return (
    `实际完成值 ${quote(input)} 的单位 "${written}" 与目标 "${formatTarget(target)}" 的单位 "${expectedUnit}" 不符 / ` +
    `unit "${written}" of actual ${quote(input)} does not match unit "${expectedUnit}" of target "${formatTarget(target)}"`
  );
}

/** A number or text with unit, read in the unit of the target's quantity `like`. */
function actualQuantity(input: string | number, like: Quantity, target: Target): Result<ActualValue> {
  const wrap = (q: Result<Quantity>): Result<ActualValue> => (q.ok ? ok({ kind: 'quantity', quantity: q.value }) : q);
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(`实际完成值必须是有限的数字，收到 ${quote(input)} / the actual must be a finite number`);
    if (like.kind === 'money') {
      const fen = parseMoney(input);
      return wrap(fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen);
    }
    const value = boundedNumber(input === 0 ? 0 : input, input);
    return wrap(value.ok ? ok({ kind: 'number', value: value.value, unit: like.unit }) : value);
  }

  const text = normalizeText(input);
  const example = like.kind === 'money' ? '"45万元" 或 "450000"' : `"${like.unit === '' ? '96' : `96${like.unit}`}"`;
  if (text === '') return fail(`实际完成值为空：目标为 "${formatTarget(target)}"，应填写数值，如 ${example} / the actual is empty`);
  const prefix = takePrefix(text);
  if (prefix.found) {
    return fail(
      `实际完成值 ${quote(input)} 不应带比较符号 "${prefix.found.written}"：应填写实际数值，如 ${example} / ` +
        `an actual is a plain value without a comparator`,
    );
  }
  const w = readQuantity(text.replace(/^(?:人民币|¥)\s*/, ''));
  if (!w) {
    return fail(
      `实际完成值 ${quote(input)} 不是数值：目标为 "${formatTarget(target)}"，应填写数值，如 ${example} / ` +
        `actual ${quote(input)} is not a number: target "${formatTarget(target)}" expects a value such as ${example}`,
    );
  }

  if (like.kind === 'money') {
    if (w.unit.written !== '' && !isMoneyUnit(w.unit)) return fail(unitMismatch(input, w.unit.written, target, '元'));
    const fen = decimalToFen(w.decimal, w.unit.scale, input);
    return wrap(fen.ok ? ok({ kind: 'money', fen: fen.value }) : fen);
  }
  // A count: a bare 万/亿 scales it; the base unit must be the target's (a target without unit accepts any).
  const base = w.unit.base;
  if (base === '元' || (base !== '' && like.unit !== '' && base !== like.unit)) {
    return fail(unitMismatch(input, w.unit.written, target, like.unit === '' ? '（无单位）' : like.unit));
  }
  const value = scaledNumber(w.decimal, w.unit.scale, input);
  return wrap(value.ok ? ok({ kind: 'number', value: value.value, unit: like.unit }) : value);
}

function deadlineActual(input: string | number, target: Target, context: DateContext): Result<ActualValue> {
  const expected =
    `此指标要求 "${formatTarget(target)}"，应填写完成日期（如 "2022-11-30"）或评价等级（${GRADE_LIST}） / ` +
    `expected a completion date (e.g. "2022-11-30") or a grade`;
  if (typeof input === 'number') return fail(`实际完成值 ${quote(input)} 不是日期：${expected}`);
  const date = parseDate(input, context);
  if (date.ok) return ok({ kind: 'date', date: date.value });
  const period = matchDeadline(input, context);
  if (period.status === 'ok') return ok({ kind: 'date', date: period.period.last });
  if (period.status === 'error') return fail(period.error);
  const grade = parseGrade(input);
  if (grade.ok) return ok({ kind: 'grade', grade: grade.value });
  return fail(`无法识别的完成日期 ${quote(input)}：${expected}`);
}

function gradeActual(input: string | number, target: Target): Result<ActualValue> {
  const grade = typeof input === 'string' ? parseGrade(input) : undefined;
  if (grade?.ok) return ok({ kind: 'grade', grade: grade.value });
  return fail(
    `实际完成值 ${quote(input)} 不是评价等级：定性指标 "${formatTarget(target)}" 应填写 ${GRADE_LIST} / ` +
      `actual ${quote(input)} is not a grade: a qualitative indicator takes 达成, 部分达成 or 未达成`,
  );
}

/**
 * An actual value (实际完成值) read against its target: a quantity in the target's unit for compare and
 * range targets, a completion date (or a grade) for deadlines, a grade for qualitative targets.
 * A completion written as a month ("2022年11月") counts as its last day.
 */
export function parseActual(input: string | number, target: Target, context: DateContext = {}): Result<ActualValue> {
  const long = overlong('实际完成值', 'the actual', input);
  if (long) return long;
  try {
    switch (target.kind) {
      case 'compare':
        return actualQuantity(input, target.quantity, target);
      case 'range':
        return actualQuantity(input, target.min, target);
      case 'deadline':
        return deadlineActual(input, target, context);
      case 'qualitative':
        return gradeActual(input, target);
    }
  } catch (e) {
    return fail(`无法解析实际完成值：${e instanceof Error ? e.message : String(e)} / could not parse the actual`);
  }
}
