import t from 'tap';
import { parseDate, parseDeadline } from '../../domain/values/parse-date.js';

const dates: Array<[rule: string, input: string, expected: string]> = [
  ['ISO date', '2022-06-30', '2022-06-30'],
  ['ISO date-time in Shanghai', '2022-06-30T10:00:00+08:00', '2022-06-30'],
  ['ISO date-time elsewhere is converted to its Shanghai day', '2022-06-30T20:00:00-02:00', '2022-07-01'],
  ['UTC evening is the next Shanghai day', '2022-06-30T16:30:00Z', '2022-07-01'],
  ['a date-time without offset is Shanghai time', '2022-06-30T23:59:59', '2022-06-30'],
  ['slashes without padding', '2022/6/30', '2022-06-30'],
  ['dots', '2022.6.30', '2022-06-30'],
  ['年月日', '2022年6月30日', '2022-06-30'],
  ['年月号', '2022年6月30号', '2022-06-30'],
  ['compact digits', '20220630', '2022-06-30'],
  ['full-width digits', '２０２２年６月３０日', '2022-06-30'],
  ['leap day', '2024-02-29', '2024-02-29'],
];
for (const [rule, input, expected] of dates) {
  t.strictSame(parseDate(input), { ok: true, value: expected }, `parseDate ${rule}: ${input}`);
}
t.strictSame(parseDate('6月30日', { year: 2022 }), { ok: true, value: '2022-06-30' }, 'parseDate 6月30日 takes the context year');

const dateErrors: Array<[rule: string, input: string, message: RegExp]> = [
  ['30 February does not exist', '2022-02-30', /^日期不存在 "2022-02-30"/],
  ['29 February of a common year does not exist', '2023年2月29日', /^日期不存在/],
  ['month 13 does not exist', '2022/13/1', /^日期不存在/],
  ['text is not a date', '下周', /^无法识别的日期 "下周"：应为 2022-06-30/],
  ['an empty date is refused', '', /^日期为空/],
  ['a day without year needs the year', '6月30日', /"6月30日" 缺少年份/],
  ['mixed separators are refused', '2022-6/30', /^无法识别的日期/],
];
for (const [rule, input, message] of dateErrors) {
  t.match(parseDate(input), { ok: false, error: message }, `parseDate refuses: ${rule}`);
}

const deadlines: Array<[rule: string, input: string, expected: string]> = [
  ['a month ends on its last day', '2022年12月', '2022-12-31'],
  ['February of a leap year', '2024年2月', '2024-02-29'],
  ['a day is itself', '2022年12月31日', '2022-12-31'],
  ['12月底前 in the project year', '12月底前', '2022-12-31'],
  ['12月底 in the project year', '12月底', '2022-12-31'],
  ['6月底 in the project year', '6月底', '2022-06-30'],
  ['年底前 in the project year', '年底前', '2022-12-31'],
  ['年内完成 in the project year', '年内完成', '2022-12-31'],
  ['ISO year-month', '2022-12', '2022-12-31'],
  ['2022年底', '2022年底', '2022-12-31'],
  ['2022年度', '2022年度', '2022-12-31'],
  ['a day then 前完成', '2022-11-30前完成', '2022-11-30'],
  ['截至 a day', '截至2022年11月30日', '2022-11-30'],
  ['a month then 前', '2022年6月前', '2022-06-30'],
  ['上半年 ends on 30 June', '上半年', '2022-06-30'],
  ['第三季度 ends on 30 September', '2022年第三季度', '2022-09-30'],
  ['12月31日 in the project year', '12月31日前', '2022-12-31'],
];
for (const [rule, input, expected] of deadlines) {
  t.strictSame(parseDeadline(input, { year: 2022 }), { ok: true, value: expected }, `parseDeadline ${rule}: ${input}`);
}

t.match(parseDeadline('12月底前'), { ok: false, error: /^"12月底前" 缺少年份/ }, 'parseDeadline 12月底前 without a year names the missing year');
t.match(parseDeadline('年底前'), { ok: false, error: /^"年底前" 缺少年份/ }, 'parseDeadline 年底前 without a year names the missing year');
t.match(parseDeadline('2022年2月30日'), { ok: false, error: /^日期不存在/ }, 'parseDeadline refuses a day that does not exist');
t.match(parseDeadline('尽快'), { ok: false, error: /^无法识别的完成期限 "尽快"/ }, 'parseDeadline refuses text that is no deadline');
