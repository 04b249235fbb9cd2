import { takePrefix, takeSuffix, comparatorOfCell, type FoundComparator } from './comparators.js';
import { comparatorSymbol } from './format.js';
import { dayBefore, matchDeadline, type DatePeriod } from './parse-date.js';
import { plainNumber } from './parse-number.js';
import { readQuantity, readRange, targetQuantity } from './parse-quantity.js';
import { collapseSpaces, normalizeText, quote } from './text.js';
import { overlong } from './limits.js';
import { fail, ok, type Comparator, type Result, type Target } from './types.js';
import { quantityMagnitude, sameUnit, unitLabel } from './units.js';

export type TargetContext = { year?: number };

/** The three cells of a table row: 符号 | 值 | 计量单位. The number may sit in the unit cell ("≥" | "" | "7次"). */
export type TargetCells = { comparator: string; value: number | string; unit?: string };

const EXPECTED =
  '应为 比较符号+数值+单位（如 "≥7次"、"≤20万元"、"=100%"、"90%以上"）、区间（如 "90%-100%"）、' +
  '完成期限（如 "2022年12月"）或不含数字的定性描述 / expected a comparator with a number and unit ' +
  '(e.g. "≥7次", "≤20万元", "=100%"), a range ("90%-100%"), a deadline ("2022年12月") or text without numbers';

const EMPTY = '目标值为空：定性指标请以指标名称为目标 / the target is empty';

const QUALITATIVE_CELL = /^定性(?:指标|描述)?$/;

function unrecognised(input: string): string {
  return `无法识别的目标值 ${quote(input)}：${EXPECTED}`;
}

function merge(input: string, found: Array<FoundComparator | undefined>): Result<FoundComparator | undefined> {
  const present = found.filter((f): f is FoundComparator => f !== undefined);
  const first = present[0];
  const clash = present.find((f) => f.comparator !== first?.comparator);
  if (first && clash) {
    return fail(
      `目标值 ${quote(input)} 的比较符号矛盾："${first.written}" 与 "${clash.written}" / ` +
        `conflicting comparators in ${quote(input)}: "${first.written}" and "${clash.written}"`,
    );
  }
  return ok(first && { ...first, symbolic: present.some((f) => f.symbolic) });
}

function deadlineTarget(period: DatePeriod, comparator: Comparator | undefined, input: string): Result<Target> {
  if (comparator === '>=' || comparator === '>') {
    return fail(
      `完成期限 ${quote(input)} 只能与 ≤、< 或 = 连用，不能用 "${comparatorSymbol(comparator)}" / ` +
        `a deadline takes ≤, < or =, not "${comparatorSymbol(comparator)}"`,
    );
  }
  return ok({ kind: 'deadline', date: comparator === '<' ? dayBefore(period.first) : period.last });
}

function rangeTarget(text: string, input: string): Result<Target> | null {
  const sides = readRange(text);
  if (!sides) return null;
  const min = targetQuantity(sides[0], input);
  if (!min.ok) return min;
  const max = targetQuantity(sides[1], input);
  if (!max.ok) return max;
  if (!sameUnit(min.value, max.value)) {
    return fail(
      `区间 ${quote(input)} 两端单位不同："${unitLabel(min.value)}" 与 "${unitLabel(max.value)}" / ` +
        `the ends of range ${quote(input)} have different units`,
    );
  }
  if (quantityMagnitude(min.value) > quantityMagnitude(max.value)) {
    return fail(`区间 ${quote(input)} 下限大于上限 / the lower end of range ${quote(input)} exceeds the upper end`);
  }
  return ok({ kind: 'range', min: min.value, max: max.value });
}

/** Parses one target text; `preset` is the comparator from a separate 符号 cell. */
function parseTargetText(input: string, context: TargetContext, preset?: FoundComparator): Result<Target> {
  const text = normalizeText(input);
  if (text === '') return fail(EMPTY);
  const prefix = takePrefix(text);
  const suffix = takeSuffix(prefix.rest);
  const rest = suffix.rest;
  const merged = merge(input, [preset, prefix.found, suffix.found]);
  if (!merged.ok) return merged;
  const found = merged.value;

  const deadline = matchDeadline(rest, context, input);
  if (deadline.status === 'ok') return deadlineTarget(deadline.period, found?.comparator, input);
  if (deadline.status === 'error') return fail(deadline.error);

  if (!/\d/.test(rest)) {
    if (found?.symbolic) {
      return fail(
        `目标值 ${quote(input)} 在比较符号 "${found.written}" 后缺少数值：${EXPECTED}`,
      );
    }
    return ok({ kind: 'qualitative', text: collapseSpaces(input) });
  }

  const range = rangeTarget(rest, input);
  if (range) {
    if (found && range.ok) {
      return fail(`区间 ${quote(input)} 不能再带比较符号 "${found.written}" / a range takes no comparator`);
    }
    return range;
  }

  const single = readQuantity(rest);
  if (!single) return fail(unrecognised(input));
  const quantity = targetQuantity(single, input);
  if (!quantity.ok) return quantity;
  return ok({ kind: 'compare', comparator: found?.comparator ?? '=', quantity: quantity.value });
}

// Negated forms first: "不超过" also ends with "超过".
const VERBS: [RegExp, Comparator][] = [
  [/(?:不超过|不高于|不大于|控制在|控制)$/, '<='],
  [/(?:不低于|不少于|不小于|达到|达)$/, '>='],
  [/(?:超过|高于|大于)$/, '>'],
  [/(?:低于|小于)$/, '<'],
  [/(?:为|等于)$/, '='],
];

const COMPARATOR_CHARS = '≥≤<>=≧≦═＞＜＝';
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';
const isCjk = (ch: string) => ch >= '\u4e00' && ch <= '\u9fff';

/**
 * Splits "满意度达到 ≥ 90%" into the words before the first digit or comparator sign and the rest, which
 * must start with a number (after an optional sign). One pass over the text: the regular expression this
 * replaces backtracked quadratically on long runs of words ("达" × 40000 + "≥x1" took 17 s).
 */
export function splitDescription(text: string): { desc: string; tail: string } | null {
  let at = 0;
  while (at < text.length && !isDigit(text[at]) && !COMPARATOR_CHARS.includes(text[at]!)) at++;
  if (at === text.length) return null;
  let digit = COMPARATOR_CHARS.includes(text[at]!) ? at + 1 : at;
  while (digit < text.length && /\s/.test(text[digit]!)) digit++;
  if (!isDigit(text[digit])) return null;
  const before = text.slice(0, at);
  let hasWord = false;
  for (const ch of before) if (isCjk(ch)) { hasWord = true; break; }
  return hasWord ? { desc: before.trim(), tail: text.slice(at) } : null;
}

/**
 * A target written inside a sentence, as real tables do: "满意度达到90%以上", "合格率100%",
 * "…满意度98%". The description before the first number (or comparator) must be words; what follows
 * must be a target on its own. A verb at the end of the description gives the comparator (达到 ≥,
 * 不超过 ≤, …); without one a bare value means `=`, or `≥` in a 定性 cell (a stated level to reach).
 */
function describedTarget(text: string, context: TargetContext, inQualitativeCell: boolean): Result<Target> | null {
  const split = splitDescription(normalizeText(text));
  if (!split) return null;
  const { desc, tail } = split;
  const verb = VERBS.find(([re]) => re.test(desc));
  const explicit = takePrefix(tail).found;
  const comparator: Comparator | undefined = verb?.[1] ?? (explicit ? undefined : inQualitativeCell ? '>=' : undefined);
  const preset: FoundComparator | undefined = comparator ? { comparator, written: verb ? desc.slice(-2) : '定性', symbolic: false } : undefined;
  const parsed = parseTargetText(tail, context, preset);
  return parsed.ok ? parsed : null;
}

/** Joins the value and unit cells, unless the value already ends with the unit ("50万元" | "万元"). */
function joinCells(value: string, unit: string): string {
  const v = collapseSpaces(value);
  const u = collapseSpaces(unit);
  if (u === '' || normalizeText(v).replace(/\s/g, '').endsWith(normalizeText(u).replace(/\s/g, ''))) return v;
  return v === '' ? u : `${v}${u}`;
}

function parseTargetCells(cells: TargetCells, context: TargetContext): Result<Target> {
  if (typeof cells.value === 'number' && !Number.isFinite(cells.value)) {
    return fail(`目标值必须是有限的数字，收到 ${quote(cells.value)} / the target value must be a finite number`);
  }
  const value = typeof cells.value === 'number' ? plainNumber(cells.value) : String(cells.value ?? '');
  const body = joinCells(value, String(cells.unit ?? ''));
  const symbol = normalizeText(String(cells.comparator ?? '')).replace(/\s/g, '');
  if (collapseSpaces(body) === '') return fail(EMPTY);
  if (symbol === '') return parseTargetText(body, context);

  if (QUALITATIVE_CELL.test(symbol)) {
    // 定性 with a date is a deadline; with a clean quantity ("15次以上") that quantity; else the text itself.
    const deadline = matchDeadline(body, context);
    if (deadline.status === 'ok') return deadlineTarget(deadline.period, undefined, body);
    if (deadline.status === 'error') return fail(deadline.error);
    const parsed = parseTargetText(body, context);
    if (parsed.ok && (parsed.value.kind === 'compare' || parsed.value.kind === 'range')) return parsed;
    const described = parsed.ok ? null : describedTarget(body, context, true);
    if (described) return described;
    return ok({ kind: 'qualitative', text: collapseSpaces(body) });
  }

  const comparator = comparatorOfCell(symbol);
  if (!comparator) {
    return fail(
      `无法识别的比较符号 ${quote(cells.comparator)}：应为 ≥、>、≤、<、= 或 定性 / ` +
        `unrecognised comparator ${quote(cells.comparator)}: expected ≥, >, ≤, <, = or 定性`,
    );
  }
  return parseTargetText(body, context, { comparator, written: symbol, symbolic: true });
}

/**
 * A target (年度指标值) from one cell of text or from the three cells 符号 | 值 | 单位.
 * Never throws: returns the target or an error naming the input and what was expected.
 */
export function parseTarget(input: string | TargetCells, context: TargetContext = {}): Result<Target> {
  const long =
    typeof input === 'string'
      ? overlong('目标值', 'the target', input)
      : (overlong('目标值', 'the target value', input.value) ?? overlong('比较符号', 'the comparator', input.comparator) ??
        overlong('计量单位', 'the unit', input.unit ?? ''));
  if (long) return long;
  try {
    if (typeof input !== 'string') return parseTargetCells(input, context);
    const parsed = parseTargetText(input, context);
    return parsed.ok ? parsed : (describedTarget(input, context, false) ?? parsed);
  } catch (e) {
    // Defensive: the parsers are total, but a bad cell must never crash an import.
    return fail(`无法解析目标值：${e instanceof Error ? e.message : String(e)} / could not parse the target`);
  }
}

/** The target of a 定性 indicator whose target cell is empty: its name states the aim. */
export function qualitativeFromName(name: string): Result<Target> {
  const text = collapseSpaces(name);
  const long = overlong('指标名称', 'the indicator name', text);
  if (long) return long;
  return text === '' ? fail('指标名称为空，无法作为定性目标 / the indicator name is empty') : ok({ kind: 'qualitative', text });
}
