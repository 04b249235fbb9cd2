import t from 'tap';
import { parseMoney } from '../../domain/values/parse-money.js';

const table: Array<[rule: string, input: string | number, fen: number]> = [
  ['a number is 元', 450000, 45_000_000],
  ['a number with fen', 1234.56, 123_456],
  ['a decimal string is 元', '450000', 45_000_000],
  ['half a 元', '450000.5', 45_000_050],
  ['thousands separators', '1,234.56', 123_456],
  ['full-width thousands separator', '1，234.56', 123_456],
  ['万元', '45万元', 45_000_000],
  ['a bare 万 is 万元, spaces allowed', '45 万', 45_000_000],
  ['亿元', '0.5亿元', 5_000_000_000],
  ['a bare 亿 is 亿元', '1亿', 10_000_000_000],
  ['千元', '2千元', 200_000],
  ['元 with fen', '1234.56元', 123_456],
  ['full-width digits', '４５万元', 45_000_000],
  ['a negative amount', '-3000', -300_000],
  ['a full-width minus', '－3000', -300_000],
  ['a typographic minus (U+2212)', '\u22123000', -300_000],
  ['0.1万元 is exact, no float error', '0.1万元', 100_000],
  ['0.07元 is exact', '0.07元', 7],
  ['a ¥ sign in front', '¥1,234.56', 123_456],
  ['人民币 in front', '人民币45万元', 45_000_000],
  ['ideographic spaces around', '\u300045万元\u3000', 45_000_000],
  ['zero', '0', 0],
  ['many fen digits of 万元', '136.22万元', 136_220_000],
  ['trailing zeros beyond fen are fine', '1.2300元', 123],
];

for (const [rule, input, fen] of table) {
  t.strictSame(parseMoney(input), { ok: true, value: fen }, `${rule}: ${JSON.stringify(input)} → ${fen} fen`);
}

const errors: Array<[rule: string, input: string | number, message: RegExp]> = [
  ['text is not an amount', 'abc', /^无法识别的金额 "abc"：应为数字（元）或带单位的金额，如 "45万元"/],
  ['a count unit is not money', '5次', /"5次" 不是金额：单位 "次" 应为 元、万元 或 亿元/],
  ['a fraction of a fen is refused', '0.001', /^金额最多精确到分/],
  ['a fraction of a fen after scaling is refused', '0.0000001万元', /^金额最多精确到分/],
  ['a float that is not a whole fen is refused', 0.1 + 0.2, /^金额最多精确到分/],
  ['an empty amount is refused', '', /^金额为空/],
  ['NaN is refused', Number.NaN, /有限的数字/],
  ['Infinity is refused', Number.POSITIVE_INFINITY, /有限的数字/],
  ['an amount beyond safe integers is refused', '1000000000亿元', /^金额过大/],
  ['bad thousands grouping is refused', '1,2345', /^无法识别的金额/],
  ['two numbers are refused', '1 2', /^无法识别的金额/],
];

for (const [rule, input, message] of errors) {
  t.match(parseMoney(input), { ok: false, error: message }, rule);
}
