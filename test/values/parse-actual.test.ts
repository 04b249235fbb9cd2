import t from 'tap';
import { parseActual, parseGrade } from '../../domain/values/parse-actual.js';
import type { ActualValue, Quantity, Target } from '../../domain/values/types.js';

const n = (value: number, unit = ''): Quantity => ({ kind: 'number', value, unit });
const money = (fen: number): Quantity => ({ kind: 'money', fen });
const q = (quantity: Quantity): ActualValue => ({ kind: 'quantity', quantity });

const atMost50Wan: Target = { kind: 'compare', comparator: '<=', quantity: money(50_000_000) };
const percent: Target = { kind: 'compare', comparator: '>=', quantity: n(98, '%') };
const oneItem: Target = { kind: 'compare', comparator: '=', quantity: n(1, '个') };
const visits: Target = { kind: 'compare', comparator: '>=', quantity: n(3_000_000, '人次') };
const noUnit: Target = { kind: 'compare', comparator: '>=', quantity: n(90) };
const band: Target = { kind: 'range', min: n(90, '%'), max: n(100, '%') };
const deadline: Target = { kind: 'deadline', date: '2022-12-31' };
const quality: Target = { kind: 'qualitative', text: '高质量完成' };

const table: Array<[rule: string, input: string | number, target: Target, expected: ActualValue]> = [
  ['money target: 万元 text', '45万元', atMost50Wan, q(money(45_000_000))],
  ['money target: a string of 元', '450000', atMost50Wan, q(money(45_000_000))],
  ['money target: a number of 元', 450000, atMost50Wan, q(money(45_000_000))],
  ['money target: a bare 万', '45万', atMost50Wan, q(money(45_000_000))],
  ['money target: 元 with fen', '449999.99元', atMost50Wan, q(money(44_999_999))],
  ['% target: with the sign', '96%', percent, q(n(96, '%'))],
  ['% target: without the sign', '96', percent, q(n(96, '%'))],
  ['% target: a number', 96, percent, q(n(96, '%'))],
  ['% target: full-width ％', '９６％', percent, q(n(96, '%'))],
  ['count target: with its unit', '1个', oneItem, q(n(1, '个'))],
  ['count target: a bare string', '1', oneItem, q(n(1, '个'))],
  ['count target: a number', 1, oneItem, q(n(1, '个'))],
  ['count target: 万 scales with the unit', '320万人次', visits, q(n(3_200_000, '人次'))],
  ['count target: a bare 万 scales the count', '320万', visits, q(n(3_200_000, '人次'))],
  ['a target without unit accepts the actual\'s unit', '95%', noUnit, q(n(95))],
  ['range target: read in the range unit', '95%', band, q(n(95, '%'))],
  ['deadline: a completion date', '2022-11-30', deadline, { kind: 'date', date: '2022-11-30' }],
  ['deadline: a Chinese completion date', '2022年11月30日', deadline, { kind: 'date', date: '2022-11-30' }],
  ['deadline: a completion month counts as its last day', '2022年11月', deadline, { kind: 'date', date: '2022-11-30' }],
  ['deadline: a grade', '未完成', deadline, { kind: 'grade', grade: '未达成' }],
  ['qualitative: 达成', '达成', quality, { kind: 'grade', grade: '达成' }],
  ['qualitative: 部分达成', '部分达成', quality, { kind: 'grade', grade: '部分达成' }],
  ['qualitative: 未达成', '未达成', quality, { kind: 'grade', grade: '未达成' }],
  ['qualitative: 完成 is 达成', '完成', quality, { kind: 'grade', grade: '达成' }],
  ['qualitative: 已完成 is 达成', '已完成', quality, { kind: 'grade', grade: '达成' }],
  ['qualitative: 基本完成 is 部分达成', '基本完成', quality, { kind: 'grade', grade: '部分达成' }],
  ['qualitative: spaces around a grade', ' 达成\u3000', quality, { kind: 'grade', grade: '达成' }],
];
for (const [rule, input, target, expected] of table) {
  t.strictSame(parseActual(input, target, { year: 2022 }), { ok: true, value: expected }, `${rule}: ${JSON.stringify(input)}`);
}

const errors: Array<[rule: string, input: string | number, target: Target, message: RegExp]> = [
  ['a count unit for a % target names both units', '5次', percent, /单位 "次" 与目标 "≥ 98 %" 的单位 "%" 不符/],
  ['a count unit for a money target names both units', '5次', atMost50Wan, /单位 "次" 与目标 "≤ 500000.00 元" 的单位 "元" 不符/],
  ['money for a count target is refused', '5元', oneItem, /单位 "元" 与目标 "= 1 个" 的单位 "个" 不符/],
  ['money for a target without unit is refused', '5万元', noUnit, /单位 "万元" .* 不符/],
  ['a grade for a quantitative target is refused', '达成', percent, /不是数值：目标为 "≥ 98 %"，应填写数值，如 "96%"/],
  ['an empty actual is refused', '', oneItem, /^实际完成值为空/],
  ['money finer than a fen is refused', '0.001', atMost50Wan, /金额最多精确到分/],
  ['NaN is refused', Number.NaN, percent, /有限的数字/],
  ['a number for a deadline is refused', 20221130, deadline, /不是日期：此指标要求 "2022-12-31 前完成"/],
  ['text for a deadline is refused', '很快', deadline, /^无法识别的完成日期 "很快"/],
  ['a day that does not exist is refused', '2022-11-31', deadline, /^日期不存在/],
  ['a number for a qualitative target is refused', 96, quality, /不是评价等级，也未说明是否达成：定性指标 "高质量完成" 应填写 达成、部分达成、未达成/],
  ['other text for a qualitative target asks for an assessment', '正在推进', quality, /"正在推进" 不是评价等级，也未说明是否达成.*请评定等级（assessment）/],
  ['a per-unit that is not the target\'s is refused', '300元/人', { kind: 'compare', comparator: '>=', quantity: n(300, '元/亩') }, /单位 "元\/人" .* 不符/],
];
for (const [rule, input, target, message] of errors) {
  t.match(parseActual(input, target, { year: 2022 }), { ok: false, error: message }, rule);
}

t.strictSame(parseGrade('部分达成'), { ok: true, value: '部分达成' }, 'parseGrade reads a grade');
t.match(parseGrade('优'), { ok: false, error: /应为 达成、部分达成、未达成/ }, 'parseGrade names the accepted grades');
