import t from 'tap';
import { formatTarget } from '../../domain/values/format.js';
import { parseTarget, qualitativeFromName } from '../../domain/values/parse-target.js';
import type { Quantity, Target } from '../../domain/values/types.js';

const n = (value: number, unit = ''): Quantity => ({ kind: 'number', value, unit });
const money = (fen: number): Quantity => ({ kind: 'money', fen });
const ge = (q: Quantity): Target => ({ kind: 'compare', comparator: '>=', quantity: q });
const le = (q: Quantity): Target => ({ kind: 'compare', comparator: '<=', quantity: q });
const eq = (q: Quantity): Target => ({ kind: 'compare', comparator: '=', quantity: q });
const gt = (q: Quantity): Target => ({ kind: 'compare', comparator: '>', quantity: q });
const lt = (q: Quantity): Target => ({ kind: 'compare', comparator: '<', quantity: q });
const range = (min: Quantity, max: Quantity): Target => ({ kind: 'range', min, max });
const deadline = (date: string): Target => ({ kind: 'deadline', date });
const qualitative = (text: string): Target => ({ kind: 'qualitative', text });

const YEAR = { year: 2022 };

const table: Array<[rule: string, input: string, expected: Target]> = [
  ['≥ with a count unit', '≥7次', ge(n(7, '次'))],
  ['a bare 万 with no other unit is 万元', '≤3万', le(money(3_000_000))],
  ['= with a percentage', '=100%', eq(n(100, '%'))],
  ['≦ is ≤, and 元 is money', '≦160元', le(money(16_000))],
  ['≧ is ≥', '≧735人次', ge(n(735, '人次'))],
  ['═ (box drawing) is =', '═100%', eq(n(100, '%'))],
  ['>= is ≥', '>=90', ge(n(90))],
  ['万 before another unit scales the count', '≥ 300 万人', ge(n(3_000_000, '人'))],
  ['万 before 人次 scales the count', '≥300万人次', ge(n(3_000_000, '人次'))],
  ['LaTeX \\leq and \\% from a converter', '$\\leq 0.01\\%$', le(n(0.01, '%'))],
  ['LaTeX \\geq', '$\\geq 100\\%$', ge(n(100, '%'))],
  ['LaTeX \\le, \\ge, \\lt, \\gt', '$\\le 5$', le(n(5))],
  ['LaTeX \\ge', '$\\ge 5$', ge(n(5))],
  ['LaTeX \\lt', '$\\lt 5$', lt(n(5))],
  ['LaTeX \\gt', '$\\gt 5$', gt(n(5))],
  ['LaTeX < inside $…$', '$< 5$', lt(n(5))],
  ['X次以上 means ≥', '1次以上', ge(n(1, '次'))],
  ['15次以上 means ≥', '15次以上', ge(n(15, '次'))],
  ['90%以上 means ≥', '90%以上', ge(n(90, '%'))],
  ['及以上 means ≥', '90%及以上', ge(n(90, '%'))],
  ['不低于 means ≥', '不低于95%', ge(n(95, '%'))],
  ['不少于 means ≥', '不少于10次', ge(n(10, '次'))],
  ['不超过 means ≤, with 万元', '不超过50万元', le(money(50_000_000))],
  ['不高于 means ≤', '不高于3次', le(n(3, '次'))],
  ['以内 means ≤', '5次以内', le(n(5, '次'))],
  ['以下 means ≤', '10个以下', le(n(10, '个'))],
  ['≤ with spaces and a long unit', '≤ 720 分钟', le(n(720, '分钟'))],
  ['a month is a deadline at its last day', '2022年12月', deadline('2022-12-31')],
  ['a day is a deadline on that day', '2022年12月31日', deadline('2022-12-31')],
  ['12月底前 takes the project year', '12月底前', deadline('2022-12-31')],
  ['年底前 takes the project year', '年底前', deadline('2022-12-31')],
  ['≤ 12 月 is a deadline', '≤ 12 月', deadline('2022-12-31')],
  ['< a day is the day before', '< 2023-01-01', deadline('2022-12-31')],
  ['ISO year-month is a deadline', '2022-12', deadline('2022-12-31')],
  ['2022年底 is 31 December', '2022年底', deadline('2022-12-31')],
  ['a date then 前完成', '2022-06-30 前完成', deadline('2022-06-30')],
  ['text with no number is qualitative', '高质量完成', qualitative('高质量完成')],
  ['有效 is qualitative', '有效', qualitative('有效')],
  ['达成预期指标 is qualitative', '达成预期指标', qualitative('达成预期指标')],
  ['comparator words without a number stay qualitative text', '不低于去年水平', qualitative('不低于去年水平')],
  ['a bare number means =', '100', eq(n(100))],
  ['a bare decimal means =', '43.2', eq(n(43.2))],
  ['a range with - and units on both ends', '90%-100%', range(n(90, '%'), n(100, '%'))],
  ['a range with ~ and one unit', '90~100%', range(n(90, '%'), n(100, '%'))],
  ['a range with full-width ～', '90～100%', range(n(90, '%'), n(100, '%'))],
  ['a range in brackets', '[90,100]', range(n(90), n(100))],
  ['a range in brackets with a unit after', '[90,100]%', range(n(90, '%'), n(100, '%'))],
  ['a range with 至', '90至100', range(n(90), n(100))],
  ['a range with an en dash (the display form)', '90–100 %', range(n(90, '%'), n(100, '%'))],
  ['a money range with 万', '10万-20万元', range(money(10_000_000), money(20_000_000))],
  ['full-width digits and ideographic spaces', '≥\u3000７\u3000次', ge(n(7, '次'))],
  ['non-breaking spaces', '≥\u00a07\u00a0次', ge(n(7, '次'))],
  ['full-width ＞＝ and ％', '＞＝９０％', ge(n(90, '%'))],
  ['full-width ＝', '＝100％', eq(n(100, '%'))],
  ['== is =', '==100%', eq(n(100, '%'))],
  ['full-width ＞ is >', '＞5次', gt(n(5, '次'))],
  ['full-width ＜ is <', '＜5次', lt(n(5, '次'))],
  ['<= is ≤', '<=3', le(n(3))],
  ['≥ and 以上 together agree', '≥ 95%以上', ge(n(95, '%'))],
  ['0.5万元 is exact money', '=0.5万元', eq(money(500_000))],
  ['亿元 scales money', '≤1.5亿元', le(money(15_000_000_000))],
  ['thousands separators', '≤1,234.56元', le(money(123_456))],
  ['a negative number', '≥ -5', ge(n(-5))],
  ['a month-long duration is a quantity, not a date', '≥3个月', ge(n(3, '个月'))],
  ['stray spaces around everything', '  ≥   7   次  ', ge(n(7, '次'))],
];

for (const [rule, input, expected] of table) {
  t.strictSame(parseTarget(input, YEAR), { ok: true, value: expected }, `${rule}: ${JSON.stringify(input)}`);
}

const cells: Array<[rule: string, input: { comparator: string; value: number | string; unit?: string }, expected: Target]> = [
  ['the number may sit in the unit cell', { comparator: '≥', value: '', unit: '7次' }, ge(n(7, '次'))],
  ['value and unit in their own cells', { comparator: '=', value: '0.5', unit: '万元' }, eq(money(500_000))],
  ['a numeric value cell', { comparator: '=', value: 100, unit: '%' }, eq(n(100, '%'))],
  ['a value cell that already carries its unit', { comparator: '≤', value: '50 万元', unit: '万元' }, le(money(50_000_000))],
  ['定性 with text is qualitative', { comparator: '定性', value: '高质量完成' }, qualitative('高质量完成')],
  ['定性 with text in the unit cell', { comparator: '定性', value: '', unit: '高质量完成' }, qualitative('高质量完成')],
  ['定性 with a month is a deadline', { comparator: '定性', value: '2022年12月' }, deadline('2022-12-31')],
  ['定性 with a clean quantity is that quantity', { comparator: '定性', value: '15次以上' }, ge(n(15, '次'))],
  ['定性 with a stated level to reach is at least that level (domain.md §7)', { comparator: '定性', value: '州直属商会满意度98%' }, ge(n(98, '%'))],
  ['定性 with descriptive text and several numbers stays qualitative', { comparator: '定性', value: '开展培训3次，满意度98%' }, qualitative('开展培训3次，满意度98%')],
  ['an empty comparator cell parses the value alone', { comparator: '', value: '90%以上' }, ge(n(90, '%'))],
  ['a word comparator cell', { comparator: '不低于', value: '95', unit: '%' }, ge(n(95, '%'))],
  ['a full-width comparator cell', { comparator: '＞＝', value: '10', unit: '篇' }, ge(n(10, '篇'))],
  ['a comparator cell that agrees with the value', { comparator: '≥', value: '≥7次' }, ge(n(7, '次'))],
];

for (const [rule, input, expected] of cells) {
  t.strictSame(parseTarget(input, YEAR), { ok: true, value: expected }, `cells: ${rule}`);
}

const errors: Array<[rule: string, input: string | { comparator: string; value: number | string; unit?: string }, message: RegExp]> = [
  ['an empty target is refused', '', /^目标值为空/],
  ['a blank target (spaces only) is refused', ' \u3000 ', /^目标值为空/],
  ['a comparator without a number is refused', '≥', /在比较符号 "≥" 后缺少数值/],
  ['a comparator sign before text is refused', '≥优秀', /缺少数值/],
  ['text with an unrecognised number is refused, naming the input', 'abc1', /^无法识别的目标值 "abc1"：应为/],
  ['conflicting comparators are refused', '≤ 95%以上', /比较符号矛盾："≤" 与 "以上"/],
  ['a range with a comparator is refused', '≥ 90-100', /区间 .* 不能再带比较符号/],
  ['a range with different units is refused', '1次-2个', /两端单位不同/],
  ['a range upside down is refused', '100-90', /下限大于上限/],
  ['a date that does not exist is refused', '2022-02-30', /日期不存在/],
  ['a month that does not exist is refused', '2022年13月', /月份不存在/],
  ['a deadline with ≥ is refused', '≥ 2022年12月', /完成期限 .* 只能与 ≤、< 或 = 连用/],
  ['money finer than a fen is refused', '≤0.001元', /金额最多精确到分/],
  ['a unit containing a number is refused', '7次，8次', /无法识别的目标值/],
  ['an unknown comparator cell is refused', { comparator: '约', value: '7', unit: '次' }, /无法识别的比较符号 "约"/],
  ['empty cells are refused', { comparator: '≥', value: '', unit: '' }, /^目标值为空/],
  ['a comparator cell that contradicts the value is refused', { comparator: '≤', value: '≥7次' }, /比较符号矛盾/],
  ['a non-finite value cell is refused', { comparator: '=', value: Number.NaN }, /有限的数字/],
];

for (const [rule, input, message] of errors) {
  const r = parseTarget(input, YEAR);
  t.match(r, { ok: false, error: message }, rule);
}

t.match(parseTarget('12月底前'), { ok: false, error: /"12月底前" 缺少年份/ }, '12月底前 without a project year names the missing year');
t.match(parseTarget('年底前'), { ok: false, error: /"年底前" 缺少年份/ }, '年底前 without a project year names the missing year');
t.match(parseTarget('≤ 12 月'), { ok: false, error: /"≤ 12 月" 缺少年份/ }, 'the missing-year error quotes the whole cell');

t.strictSame(qualitativeFromName(' 开展八大专项行动工作 '), { ok: true, value: qualitative('开展八大专项行动工作') }, 'an empty 定性 target takes the indicator name');
t.match(qualitativeFromName(''), { ok: false }, 'an empty name cannot be a qualitative target');

t.test('display form of parsed targets', async (t) => {
  const shown: Array<[string, string]> = [
    ['≥7次', '≥ 7 次'],
    ['≤ 20万', '≤ 200000.00 元'],
    ['=100%', '= 100 %'],
    ['90%-100%', '90–100 %'],
    ['2022年12月', '2022-12-31 前完成'],
    ['高质量完成', '高质量完成'],
    ['10万-20万元', '100000.00–200000.00 元'],
  ];
  for (const [input, display] of shown) {
    const r = parseTarget(input, YEAR);
    t.equal(r.ok ? formatTarget(r.value) : r.error, display, `${input} is shown as ${display}`);
  }
});

t.test('a target written inside a sentence: the words before it are the description, a verb gives the comparator', async (t) => {
  const rows: Array<[string, string, Target]> = [
    ['达到 … 以上 means ≥', '满意度达到90%以上', ge(n(90, '%'))],
    ['达 means ≥', '群众满意度达95%', ge(n(95, '%'))],
    ['a bare level after words means =', '合格率100%', eq(n(100, '%'))],
    ['an explicit comparator after words', '满意度≥95%', ge(n(95, '%'))],
    ['控制在 … 以内 means ≤', '费用控制在50万元以内', le(money(50_000_000))],
    ['不超过 means ≤', '故障率不超过1%', le(n(1, '%'))],
  ];
  for (const [rule, input, expected] of rows) t.strictSame(parseTarget(input, YEAR), { ok: true, value: expected }, `${rule}: ${input}`);
  t.match(parseTarget('开展学习培训≥10次；开展党建活动≥5次', YEAR), { ok: false }, 'two targets in one cell are refused, not guessed');
});
