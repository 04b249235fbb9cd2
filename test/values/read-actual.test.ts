import t from 'tap';
import fc from 'fast-check';
import { readActual } from '../../domain/values/parse-actual.js';
import { parseTarget } from '../../domain/values/parse-target.js';
import type { Target } from '../../domain/values/types.js';

/** The target as the decision has it: parsed from its text, with the text kept beside it. */
function declared(text: string): { target: Target; ctx: { year: number; targetText: string } } {
  const parsed = parseTarget(text, { year: 2022 });
  if (!parsed.ok) throw new Error(parsed.error);
  return { target: parsed.value, ctx: { year: 2022, targetText: text } };
}

const read = (input: string | number, targetText: string) => {
  const { target, ctx } = declared(targetText);
  return readActual(input, target, ctx);
};

const money = (fen: number) => ({ kind: 'quantity', quantity: { kind: 'money', fen } });
const num = (value: number, unit: string) => ({ kind: 'quantity', quantity: { kind: 'number', value, unit } });

t.test('a bare number takes the target\'s unit, money units included', async (t) => {
  t.match(read('90', '≥80万元'), { ok: true, value: { value: money(90_000_000), note: /未写单位，按目标单位万元计/ } }, '"90" under ≥80万元 is 90 万元, not 90 元');
  t.match(read(90, '≤90万元'), { ok: true, value: { value: money(90_000_000) } }, 'a JSON number alike');
  t.match(read('1.5', '≥1亿元'), { ok: true, value: { value: money(15_000_000_000) } }, '亿元');
  t.match(read('3', '≤3万'), { ok: true, value: { value: money(3_000_000) } }, 'a bare 万 target is 万元');
  t.strictSame(read('450', '≤500元'), { ok: true, value: { value: money(45_000) } }, 'an 元 target: no note');
  t.strictSame(read('450000元', '≤50万元'), { ok: true, value: { value: money(45_000_000) } }, 'another money unit is converted: 450000元 under 万元');
  t.strictSame(read('4.7万元', '≤500000元'), { ok: true, value: { value: money(4_700_000) } }, '4.7万元 under an 元 target');
  t.strictSame(read('96', '≥98%'), { ok: true, value: { value: num(96, '%') } }, 'a % target');
});

t.test('a comparator written with the actual is read as its value, with a note', async (t) => {
  t.match(read('≥266米', '≥260米'), { ok: true, value: { value: num(266, '米'), note: /按 "≥" 所附数值计/ } });
  t.match(read('≥90%', '≥85%'), { ok: true, value: { value: num(90, '%'), note: /"≥90%"/ } });
  t.match(read('90%以上', '≥85%'), { ok: true, value: { value: num(90, '%'), note: /"以上"/ } });
  t.match(read('不超过45万元', '≤50万元'), { ok: true, value: { value: money(45_000_000) } });
});

t.test('units written around the number', async (t) => {
  t.strictSame(read('300元/亩', '≥300元/亩'), { ok: true, value: { value: num(300, '元/亩') } });
  t.strictSame(read('每亩300元', '≥300元/亩'), { ok: true, value: { value: num(300, '元/亩') } });
  t.strictSame(read('每亩300', '≥300元/亩'), { ok: true, value: { value: num(300, '元/亩') } });
  t.strictSame(read('4.7万元', '≤5万元'), { ok: true, value: { value: money(4_700_000) } });
  t.match(read('300元/人', '≥300元/亩'), { ok: false, error: /单位 "元\/人"/ });
});

t.test('a qualitative actual that states achievement reads as its grade', async (t) => {
  const cases: [string, string, string][] = [
    ['有效', '有效提升营商环境', '达成'],
    ['达成预期指标', '有效', '达成'],
    ['显著提升', '服务水平提高', '达成'],
    ['已完成', '高质量完成', '达成'],
    ['按时完成', '高质量完成', '达成'],
    ['高质量完成', '高质量完成', '达成'],
    ['基本达到预期', '有效', '部分达成'],
    ['未达到预期目标', '有效', '未达成'],
    ['有所提升但不明显', '有效', ''],
    ['正在推进', '有效', ''],
  ];
  for (const [actual, target, grade] of cases) {
    const result = read(actual, target);
    if (grade === '') t.match(result, { ok: false, error: /请评定等级（assessment）/ }, `${actual} asks for an assessment`);
    else t.match(result, { ok: true, value: { value: { kind: 'grade', grade } } }, `${actual} under ${target} → ${grade}`);
  }
  t.match(read('有效', '有效'), { ok: true, value: { note: /读作 达成/ } }, 'the note says how it was read');
  t.strictSame(read('达成', '有效'), { ok: true, value: { value: { kind: 'grade', grade: '达成' } } }, 'a grade word needs no note');
});

const decimal = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99 }))
  .map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`);

t.test('property: a bare number reads as the same number written with the target\'s money unit', async () => {
  fc.assert(
    fc.property(decimal, fc.constantFrom('万元', '元', '亿元'), (d, unit) => {
      const bare = read(d, `≥80${unit}`);
      const written = read(`${d}${unit}`, `≥80${unit}`);
      return bare.ok && written.ok && JSON.stringify(bare.value.value) === JSON.stringify(written.value.value);
    }),
  );
});

t.test('property: an actual with a comparator reads as the actual without it', async () => {
  fc.assert(
    fc.property(decimal, fc.constantFrom('≥', '>=', '不低于', '≤', '不超过'), fc.constantFrom('米', '%', '万元', '人次'), (d, c, unit) => {
      const plain = read(`${d}${unit}`, `≥1${unit}`);
      const withComparator = read(`${c}${d}${unit}`, `≥1${unit}`);
      return plain.ok && withComparator.ok && JSON.stringify(plain.value.value) === JSON.stringify(withComparator.value.value) && withComparator.value.note !== undefined;
    }),
  );
});
