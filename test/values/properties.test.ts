import fc from 'fast-check';
import t from 'tap';
import { formatTarget } from '../../domain/values/format.js';
import { parseActual } from '../../domain/values/parse-actual.js';
import { parseDate, parseDeadline } from '../../domain/values/parse-date.js';
import { parseMoney } from '../../domain/values/parse-money.js';
import { parseTarget } from '../../domain/values/parse-target.js';
import { ActualValueSchema, TargetSchema } from '../../domain/values/schemas.js';
import type { Comparator, Quantity, Result, Target } from '../../domain/values/types.js';
import { MAX_MONEY_FEN, MAX_NUMBER } from '../../domain/values/limits.js';

const RUNS = { numRuns: Number(process.env.VALUES_PROPERTY_RUNS ?? 500) };

/** Strings (full Unicode, including lone surrogates) and strings built from the pieces real cells are made of. */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(
      fc.constantFrom(
        '≥', '≤', '≦', '≧', '═', '>=', '<', '=', '＞＝', '不低于', '以上', '以内', '万', '亿', '元', '万元', '%', '％',
        '\\%', '\\leq', '$', '1', '0', '9', '.', ',', '-', '－', '~', '至', '[', ']', '年', '月', '日', '底', '前',
        '完成', '次', '人次', '  ', '\u3000', '\u00a0', '2022', '12', '31', '２', '达成', 'e', '∞',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
);

/** A result is either ok with a value, or a non-empty error: never a throw, never a half-made value. */
function wellFormed<T>(r: Result<T>, valid: (v: T) => boolean): boolean {
  return r.ok ? valid(r.value) : typeof r.error === 'string' && r.error.length > 0;
}

const validTarget = (v: Target) =>
  TargetSchema.safeParse(v).success &&
  (v.kind !== 'compare' || v.quantity.kind !== 'money' || Number.isSafeInteger(v.quantity.fen));

t.test('parseTarget never throws and returns a valid target or an error', async (t) => {
  fc.assert(
    fc.property(anyText, fc.option(fc.integer({ min: 1900, max: 2999 }), { nil: undefined }), (s, year) =>
      wellFormed(parseTarget(s, { year }), validTarget),
    ),
    RUNS,
  );
  fc.assert(
    fc.property(anyText, fc.oneof(anyText, fc.double()), anyText, (comparator, value, unit) =>
      wellFormed(parseTarget({ comparator, value, unit }, { year: 2022 }), validTarget),
    ),
    RUNS,
  );
  t.pass('no input made parseTarget throw');
});

const sampleTargets: Target[] = [
  { kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 50_000_000 } },
  { kind: 'compare', comparator: '>=', quantity: { kind: 'number', value: 98, unit: '%' } },
  { kind: 'range', min: { kind: 'number', value: 1, unit: '次' }, max: { kind: 'number', value: 3, unit: '次' } },
  { kind: 'deadline', date: '2022-12-31' },
  { kind: 'qualitative', text: '高质量完成' },
];

t.test('parseActual, parseMoney, parseDate and parseDeadline never throw', async (t) => {
  fc.assert(
    fc.property(fc.oneof(anyText, fc.double()), fc.constantFrom(...sampleTargets), (s, target) =>
      wellFormed(parseActual(s, target, { year: 2022 }), (v) => ActualValueSchema.safeParse(v).success),
    ),
    RUNS,
  );
  fc.assert(fc.property(fc.oneof(anyText, fc.double()), (s) => wellFormed(parseMoney(s), Number.isSafeInteger)), RUNS);
  const isoDay = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  fc.assert(fc.property(anyText, (s) => wellFormed(parseDate(s, { year: 2022 }), isoDay)), RUNS);
  fc.assert(fc.property(anyText, (s) => wellFormed(parseDeadline(s, { year: 2022 }), isoDay)), RUNS);
  t.pass('no input made a parser throw');
});

const noNegativeZero = (x: number) => (x === 0 ? 0 : x);
const numberUnit = fc.constantFrom('', '次', '个', '%', '‰', '人次', '篇', '小时', '分钟', '天', '家', '名', '个月', '千米', 'km');
const numberQuantity = (unit: string) =>
  fc
    .double({ noNaN: true, min: -MAX_NUMBER, max: MAX_NUMBER })
    // Written out in full, 5e-324 has 324 digits: past the 200 characters a target may have.
    .filter((value) => value === 0 || Math.abs(value) >= 1e-12)
    .map((value): Quantity => ({ kind: 'number', value: noNegativeZero(value), unit }));
const moneyQuantity = fc
  .integer({ min: -MAX_MONEY_FEN, max: MAX_MONEY_FEN })
  .map((fen): Quantity => ({ kind: 'money', fen: noNegativeZero(fen) }));
const quantity = fc.oneof(numberUnit.chain(numberQuantity), moneyQuantity);
const magnitude = (q: Quantity) => (q.kind === 'money' ? q.fen : q.value);

const compareTarget = fc
  .record({ comparator: fc.constantFrom<Comparator>('>=', '>', '<=', '<', '='), quantity })
  .map((r): Target => ({ kind: 'compare', ...r }));
const rangeTarget = fc
  .oneof(
    numberUnit.chain((u) => fc.tuple(numberQuantity(u), numberQuantity(u))),
    fc.tuple(moneyQuantity, moneyQuantity),
  )
  .map(([a, b]): Target => (magnitude(a) <= magnitude(b) ? { kind: 'range', min: a, max: b } : { kind: 'range', min: b, max: a }));
const deadlineTarget = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d): Target => ({ kind: 'deadline', date: d.toISOString().slice(0, 10) }));
const qualitativeTarget = fc
  .array(fc.constantFrom('高质量', '完成', '有效', '达成', '预期', '指标', '促进', '民营', '经济', '服务', '平台', '建设', '保障', '满意', 'good'), {
    minLength: 1,
    maxLength: 5,
  })
  .chain((words) => fc.constantFrom(words.join(''), words.join(' ')))
  .map((text): Target => ({ kind: 'qualitative', text }));

t.test('every target survives formatTarget → parseTarget unchanged', async (t) => {
  fc.assert(
    fc.property(fc.oneof(compareTarget, rangeTarget, deadlineTarget, qualitativeTarget), (target) => {
      const back = parseTarget(formatTarget(target));
      return back.ok && JSON.stringify(back.value) === JSON.stringify(target);
    }),
    RUNS,
  );
  t.pass('format → parse is the identity on generated targets');
});

t.test('parseMoney of a decimal string equals exact integer arithmetic', async (t) => {
  const SCALE = { 元: 0n, 万元: 4n, 万: 4n, 亿元: 8n } as const;
  const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const written = fc.record({
    negative: fc.boolean(),
    int: fc.bigInt({ min: 0n, max: 10n ** 14n }),
    frac: fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 12 }),
    unit: fc.constantFrom<keyof typeof SCALE>('元', '万元', '万', '亿元'),
    grouped: fc.boolean(),
    space: fc.constantFrom('', ' ', '\u3000'),
  });
  fc.assert(
    fc.property(written, ({ negative, int, frac, unit, grouped, space }) => {
      const text = `${negative ? '-' : ''}${grouped ? group(int.toString()) : int.toString()}${frac ? `.${frac}` : ''}${space}${unit}`;
      // fen = (int.frac) × 10^(scale + 2), computed on integers only.
      const shift = SCALE[unit] + 2n;
      const fracDigits = BigInt(frac.length);
      const scaled = (int * 10n ** fracDigits + BigInt(frac || '0')) * 10n ** shift;
      const divisor = 10n ** fracDigits;
      const exact = scaled % divisor === 0n;
      const fen = (negative ? -1n : 1n) * (scaled / divisor);
      const safe = fen <= BigInt(MAX_MONEY_FEN) && fen >= -BigInt(MAX_MONEY_FEN);
      const r = parseMoney(text);
      if (!exact) return !r.ok && r.error.startsWith('金额最多精确到分');
      if (!safe) return !r.ok && r.error.startsWith('金额过大');
      return r.ok && r.value === noNegativeZero(Number(fen));
    }),
    RUNS,
  );
  t.pass('parseMoney agrees with bigint arithmetic');
});
