import t from 'tap';
// @ts-expect-error plain JS module of the pages (no types), loaded as the browser loads it
import { plainProblem } from '../../web/messages.js';

type Plain = { summary: string; errors: { field: string; message: string }[] };
const plain = (problem: object) => plainProblem(problem) as Plain;
const english = /[A-Za-z]{3,}/;

t.test('validation messages are said per field in plain Chinese, with no English', async (t) => {
  const p = plain({
    status: 400,
    rule: 'invalid-input',
    detail: 'body 无效：amount: Invalid input: expected string, received undefined; …',
    errors: [
      { field: 'amount', message: 'Invalid input: expected string, received undefined' },
      { field: 'checkpoints[0].cumulativePercent', message: 'cumulativePercent：0–100' },
      { field: 'points', message: 'Too big: expected number to be <=100' },
      { field: 'score', message: 'Too small: expected number to be >=0' },
      { field: 'code', message: '项目编码 code：只能包含字母、数字、-、_、.' },
      { field: 'reason', message: '调整原因 reason不能为空' },
      { field: 'category', message: 'Invalid option: expected one of "经费保障"|"其他"' },
    ],
  });
  t.equal(p.summary, '有 7 处需要修改，见标红的填写项');
  t.same(p.errors.map((e) => e.message), [
    '请填写金额',
    '累计支出计划应在 0 到 100 之间',
    '分值应不超过 100',
    '得分应不少于 0',
    '项目编码：只能包含字母、数字、-、_、.',
    '请填写原因',
    '请从以下选择：经费保障、其他',
  ]);
  for (const e of p.errors) t.notMatch(e.message, english, e.message);
});

t.test('ranges are said in words, never in interval notation; details lose their English half', async (t) => {
  const p = plain({ status: 422, rule: 'score-above-points', detail: '得分 12 超过该指标分值 10 / above', errors: [{ field: 'score', message: '应在 [0, 10] 内' }] });
  t.equal(p.summary, '得分 12 超过该指标分值 10');
  t.equal(p.errors[0]!.message, '应在 0 到 10 之间');
  const d = plain({ status: 422, rule: 'date-outside-project-year', detail: 'asOf: 2021-12-31 不在项目年度 2022 内 / is outside the project year 2022', errors: [] });
  t.equal(d.summary, '截至日期：2021-12-31 不在项目年度 2022 内');
  const batch = plain({ status: 422, rule: 'batch-refused', detail: '2 行未通过，整批未写入（X-2022）：rows[1].actual: 实际完成值 "很多" 不是数值 / actual', errors: [{ field: 'rows[1].actual', message: '实际完成值 "很多" 不是数值：目标为 "= 100 %"，应填写数值，如 "96%" / actual "很多" is not a number' }] });
  t.equal(batch.summary, '2 行未通过，整批未写入（X-2022）');
  t.equal(batch.errors[0]!.message, '实际完成值 "很多" 不是数值：目标为 "= 100 %"，应填写数值，如 "96%"');
  t.equal(plain({ status: 0, detail: '无法连接服务器：Failed to fetch' }).summary, '无法连接服务器，请检查网络后重试');
});
