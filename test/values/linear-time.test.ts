import fc from 'fast-check';
import { Refusal } from '../../commands/errors.js';
import t, { type Test } from 'tap';
import { cleanCell } from '../../commands/import/grid.js';
import { keyOf } from '../../commands/import/vocabulary.js';
import { readTargetTables } from '../../commands/import/read-target-tables.js';
import { parseActual, parseGrade } from '../../domain/values/parse-actual.js';
import { matchDeadline, parseDate, parseDeadline } from '../../domain/values/parse-date.js';
import { parseMoney } from '../../domain/values/parse-money.js';
import { parseDecimal } from '../../domain/values/parse-number.js';
import { readQuantity, readRange } from '../../domain/values/parse-quantity.js';
import { parseTarget, splitDescription } from '../../domain/values/parse-target.js';
import { normalizeText } from '../../domain/values/text.js';
import type { Target } from '../../domain/values/types.js';

/**
 * The parsers take time linear in their input: long runs of the characters their patterns use
 * ("达" × 40000 + "≥x1" took 17 s before) must not backtrack. The one place a test bounds time:
 * generous per call, so that a loaded machine does not fail it while a quadratic pattern still does
 * (at 100k characters a quadratic scan costs seconds).
 */
// 250 ms: on the shared 2-core machines (load average near 20 during the full suite) a linear 100k-character
// call that takes 3 ms alone was once seen at 110 ms; a quadratic pattern needs seconds at 20k characters.
const BOUND_MS = 250;
const RUNS = { numRuns: Number(process.env.LINEAR_PROPERTY_RUNS ?? 25) };

/** The characters and words the value and import patterns look for. */
const PIECES = [
  '达', '达到', '不超过', '满意度', '≥', '≤', '>', '<', '=', '═', '＞', '＝', ' ', '\u3000', '\t', '1', '9', '0', ',', ',111', '.', '.5',
  '-', '~', '—', '至', '到', '[', ']', '(', ')', '（', '%', '万', '亿', '元', '次', '年', '月', '日', '底', '前', '完成', '以上',
  '：', ':', '*', '\\', '\\text{', '}', '$', '2022', '-12', '/', 'x', '定性', '指标', '绩效目标表',
];

/** A few pieces, one run of a piece repeated to ~100k characters, and a tail that makes the match fail late. */
const adversarial = fc
  .record({
    head: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }),
    run: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 3 }),
    length: fc.integer({ min: 20_000, max: 100_000 }),
    tail: fc.array(fc.constantFrom(...PIECES, '≥x1', 'x', '1x', '：x'), { maxLength: 3 }),
  })
  .map(({ head, run, length, tail }) => {
    const unit = run.join('');
    return head.join('') + unit.repeat(Math.ceil(length / unit.length)) + tail.join('');
  });

function within(t: Test, what: string, run: () => unknown): boolean {
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  if (ms > BOUND_MS) t.fail(`${what} took ${ms.toFixed(0)} ms`);
  return ms <= BOUND_MS;
}

const COUNT: Target = { kind: 'compare', comparator: '>=', quantity: { kind: 'number', value: 1, unit: '次' } };
const MONEY: Target = { kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 100 } };
const DEADLINE: Target = { kind: 'deadline', date: '2022-12-31' };

t.test('the reproduction of issue 13 is refused at once', async (t) => {
  const input = '达'.repeat(40000) + '≥x1';
  t.ok(within(t, 'parseTarget', () => t.notOk(parseTarget(input).ok)));
  t.ok(within(t, 'splitDescription', () => splitDescription(input)));
});

t.test('every value parser answers a long adversarial string within the bound', async (t) => {
  fc.assert(
    fc.property(adversarial, (s) =>
      within(t, 'parseTarget', () => parseTarget(s, { year: 2022 })) &&
      within(t, 'parseTarget cells', () => parseTarget({ comparator: '定性', value: s, unit: '%' }, { year: 2022 })) &&
      within(t, 'parseActual count', () => parseActual(s, COUNT, { year: 2022 })) &&
      within(t, 'parseActual money', () => parseActual(s, MONEY, { year: 2022 })) &&
      within(t, 'parseActual deadline', () => parseActual(s, DEADLINE, { year: 2022 })) &&
      within(t, 'parseGrade', () => parseGrade(s)) &&
      within(t, 'parseMoney', () => parseMoney(s)) &&
      within(t, 'parseDate', () => parseDate(s, { year: 2022 })) &&
      within(t, 'parseDeadline', () => parseDeadline(s, { year: 2022 })),
    ),
    RUNS,
  );
});

t.test('the patterns behind the length cap are linear too', async (t) => {
  fc.assert(
    fc.property(adversarial, (s) => {
      const n = normalizeText(s);
      return (
        within(t, 'normalizeText', () => normalizeText(s)) &&
        within(t, 'splitDescription', () => splitDescription(n)) &&
        within(t, 'readQuantity', () => readQuantity(n)) &&
        within(t, 'readRange', () => readRange(n)) &&
        within(t, 'parseDecimal', () => parseDecimal(n)) &&
        within(t, 'matchDeadline', () => matchDeadline(s.slice(0, 200), { year: 2022 })) &&
        within(t, 'keyOf', () => keyOf(s)) &&
        within(t, 'cleanCell', () => cleanCell(s))
      );
    }),
    RUNS,
  );
});

t.test('an import whose cells are long adversarial strings is read within the bound per cell', async (t) => {
  await fc.assert(
    fc.asyncProperty(adversarial, async (s) => {
      // Framed by letters, so that trimming cannot make the cell short (a run of spaces would vanish).
      const cell = `x${s}x`;
      const text = `项目名称\t${cell}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t${cell}\t${cell}\n`;
      const start = performance.now();
      // Tabs and newlines in the run make hundreds of cells or lines: then the import is refused as too large.
      const read = await readTargetTables({ fileName: 'long.txt', content: text }, { year: 2022 }).catch((e: unknown) => e);
      const ms = performance.now() - start;
      // A handful of long cells, each read by several patterns: the bound per call times the calls.
      if (ms > BOUND_MS * 8) t.fail(`import took ${ms.toFixed(0)} ms`);
      const answered =
        read instanceof Refusal
          ? read.kind === 'too_large'
          : (read as Awaited<ReturnType<typeof readTargetTables>>).warnings.some((w) => /过长|too long/.test(w.message));
      if (!answered) t.fail('an overlong cell is named in a warning, or the file refused as too large');
      return ms <= BOUND_MS * 8 && answered;
    }),
    { numRuns: Number(process.env.LINEAR_IMPORT_RUNS ?? 10) },
  );
});

t.test('a string at the cap is still parsed, one longer is refused by name', async (t) => {
  t.ok(parseTarget('高质量'.repeat(66) + '完成').ok, '200 characters');
  const long = parseTarget('高质量完成'.repeat(41));
  t.notOk(long.ok);
  t.match(!long.ok && long.error, /目标值过长：205 个字符，最多 200/);
  t.match(parseMoney('1'.repeat(201)), { ok: false, error: /金额过长/ });
  t.match(parseDate('2'.repeat(201)), { ok: false, error: /日期过长/ });
  t.match(parseActual('9'.repeat(201), COUNT), { ok: false, error: /实际完成值过长/ });
});
