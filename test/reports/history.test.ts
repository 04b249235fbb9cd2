import t from 'tap';
import { historyEntries } from '../../projections/reports/history.js';
import { workedExample } from './sample-project.js';

t.test('the history lists every event in order with who, when recorded, when effective and why', async (t) => {
  const s = workedExample();
  const entries = historyEntries(s.events);
  t.equal(entries.length, s.events.length);
  t.same(
    entries.map((e) => e.revision),
    s.events.map((e) => e.revision),
  );
  const spending = entries[3]!;
  t.match(spending, {
    revision: 3,
    type: 'SpendingRecorded',
    actor: '王五',
    recordedAt: '2022-06-15T10:00:00.000+08:00',
    effectiveAt: '2022-06-15',
    reason: null,
    summary: '王五 记录支出 120000.00 元（2022-06-15），摘要：平台开发首付款',
  });
  t.same(spending.data, { amountFen: 12_000_000, date: '2022-06-15', note: '平台开发首付款' });
  t.equal(entries[0]!.effectiveAt, null, 'an event without a business date has effectiveAt null');
});

t.test('a correction carries its reason from the event data', async (t) => {
  const entries = historyEntries(workedExample().events);
  t.equal(entries[5]!.reason, '重复录入');
  t.equal(entries[5]!.summary, '王五 更正支出 -3000.00 元（2022-12-21），原因：重复录入');
});

t.test('a reason in the metadata comes first', async (t) => {
  const s = workedExample().add(
    'EvaluationReopened',
    { reason: '补充佐证材料' },
    { actor: '赵六', reason: '财政局退回：补充佐证材料' },
  );
  t.equal(historyEntries(s.events).at(-1)!.reason, '财政局退回：补充佐证材料');
});

t.test('indicator names come from the state folded so far', async (t) => {
  const entries = historyEntries(workedExample().events);
  t.equal(entries[7]!.summary, '李四 记录「项目或定额成本控制率」实际完成值 90%（截至 2022-12-31）');
  t.equal(entries[9]!.summary, '赵六 评定「促进民营经济高质量发展」为 部分达成');
  t.equal(
    entries[11]!.summary,
    '李四 记录「州直属商会、民营经济人士满意度」偏差（其他），原因：宣传不到位, 部分企业不了解平台，措施：加强"政企服务"宣传',
  );
});

t.test('an empty stream has an empty history', async (t) => {
  t.same(historyEntries([]), []);
});
