import t from 'tap';
import { parsePeriod, periodWarnings } from '../../domain/values/parse-period.js';

const cases: [string, string, string][] = [
  ['2022.1-2022.12', '2022-01-01', '2022-12-31'],
  ['2021.1-2020.12', '2021-01-01', '2020-12-31'],
  ['2022年1月至2022年12月', '2022-01-01', '2022-12-31'],
  ['2022-01-15~2023-06-30', '2022-01-15', '2023-06-30'],
  ['2022/3 — 2022/11', '2022-03-01', '2022-11-30'],
  ['2024年2月-2024年2月', '2024-02-01', '2024-02-29'],
];
for (const [text, start, end] of cases) t.strictSame(parsePeriod(text), { ok: true, value: { start, end } }, text);
t.match(parsePeriod('全年'), { ok: false, error: /无法识别的项目实施期/ });
t.match(parsePeriod('2022.2.30-2022.12'), { ok: false, error: /日期不存在/ });

t.match(periodWarnings({ start: '2021-01-01', end: '2020-12-31' }, 2021), [/起止颠倒/]);
t.match(periodWarnings({ start: '2023-01-01', end: '2023-12-31' }, 2022), [/不含项目年度 2022 年/]);
t.match(periodWarnings({ start: '2010-01-01', end: '2030-12-31' }, 2022), [/超过 10 年/]);
t.strictSame(periodWarnings({ start: '2022-01-01', end: '2024-12-31' }, 2022), [], 'a three-year project is plausible');
