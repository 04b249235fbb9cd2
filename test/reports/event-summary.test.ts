import t from 'tap';
import type { Indicator } from '../../domain/project/events.js';
import { initialState } from '../../domain/project/state.js';
import { summarizeEvent } from '../../projections/reports/event-summary.js';
import { StreamBuilder } from './sample-project.js';

const meeting: Indicator = {
  id: 'i1',
  level1Name: '产出指标',
  level1: 'output',
  level2: '数量指标',
  name: '召开领导小组会议',
  target: { kind: 'compare', comparator: '=', quantity: { kind: 'number', value: 2, unit: '次' } },
  targetText: '=2次',
};
const satisfaction: Indicator = {
  id: 'i2',
  level1Name: '满意度指标',
  level1: 'satisfaction',
  level2: '服务对象满意度指标',
  name: '满意度',
  target: { kind: 'compare', comparator: '>=', quantity: { kind: 'number', value: 95, unit: '%' } },
  targetText: '≥95%',
};

/** Every event type once; summary i is checked against the state folded from events 0..i-1. */
const s = new StreamBuilder('project-P1-2022')
  .add('ProjectRegistered', {
    code: 'P1',
    year: 2022,
    name: '工商联专项工作经费',
    department: '某市工商业联合会',
    budget: { initialFen: 50_000_000, sources: [] },
    goals: {},
    policy: { executionPoints: 'separate', reverse: 'linear', rounding: 'decimal2', grades: { excellent: 90, good: 80, fair: 60 }, checkpoints: [3, 6, 10, 12], colours: { red: 60, yellow: 80, blue: 120 } },
  })
  .add('TargetsDeclared', { indicators: [meeting, satisfaction] })
  .add('SpendingPlanSet', { checkpoints: [{ month: 3, cumulativePercent: 10 }, { month: 6, cumulativePercent: 30 }, { month: 10, cumulativePercent: 60 }, { month: 12, cumulativePercent: 100 }] })
  .add('SpendingRecorded', { amountFen: 12_000_000, date: '2022-06-15' }, { actor: '王五' })
  .add('SpendingRecorded', { amountFen: -300_000, date: '2022-06-20', reason: '重复录入' }, { actor: '王五' })
  .add('BudgetAdjusted', { totalFen: 45_000_000, previousFen: 50_000_000, reason: '压减一般性支出', approvalRef: '财预〔2022〕8号', effectiveDate: '2022-07-01' }, { actor: '赵六' })
  .add('TargetRevised', {
    indicatorId: 'i1',
    target: { kind: 'compare', comparator: '=', quantity: { kind: 'number', value: 3, unit: '次' } },
    targetText: '=3次',
    previousTarget: meeting.target,
    previousTargetText: '=2次',
    reason: '工作任务增加',
    approvalRef: '财预〔2022〕5号',
  })
  .add('ActualRecorded', { indicatorId: 'i2', value: { kind: 'quantity', quantity: { kind: 'number', value: 96, unit: '%' } }, text: '96%', asOf: '2022-12-31' }, { actor: '李四' })
  .add('IndicatorAssessed', { indicatorId: 'i1', grade: '部分达成', score: 7, comment: '只开了两次' }, { actor: '赵六' })
  .add('ScoreOverridden', { indicatorId: 'i2', score: 9.5, reason: '抽样偏少' }, { actor: '赵六' })
  .add('DeviationRecorded', { indicatorId: 'i1', category: '制度保障', reason: '会议延期', measure: '次年初补开', likelihood: '有可能' }, { actor: '李四' })
  .add('DeviationRecorded', { category: '经费保障', reason: '资金拨付滞后', measure: '加快拨付' }, { actor: '李四' })
  .add('EvaluationSubmitted', { total: 88.8, grade: '良' })
  .add('EvaluationReopened', { reason: '补充佐证材料' }, { actor: '赵六' });

const expected = [
  '张三 登记项目「工商联专项工作经费」（编码 P1，2022年度），主管部门 某市工商业联合会，年初预算 500000.00 元',
  '张三 申报绩效目标，共 2 项三级指标',
  '张三 设定资金支出计划：3月底 10%、6月底 30%、10月底 60%、12月底 100%',
  '王五 记录支出 120000.00 元（2022-06-15）',
  '王五 更正支出 -3000.00 元（2022-06-20），原因：重复录入',
  '赵六 将全年预算由 500000.00 元 调整为 450000.00 元，依据 财预〔2022〕8号',
  '张三 将「召开领导小组会议」目标由 =2次 调整为 =3次，依据 财预〔2022〕5号',
  '李四 记录「满意度」实际完成值 96%（截至 2022-12-31）',
  '赵六 评定「召开领导小组会议」为 部分达成，得分 7.00，说明：只开了两次',
  '赵六 将「满意度」得分人工调整为 9.50，理由：抽样偏少',
  '李四 记录「召开领导小组会议」偏差（制度保障），原因：会议延期，措施：次年初补开，能否完成：有可能',
  '李四 记录预算执行偏差（经费保障），原因：资金拨付滞后，措施：加快拨付',
  '张三 提交自评，总分 88.80，等级 良',
  '赵六 重新打开自评，原因：补充佐证材料',
];

s.events.forEach((event, i) => {
  const before = i === 0 ? initialState() : s.project(i);
  t.equal(summarizeEvent(event, before), expected[i], `${event.type} is summarised in one line`);
});

t.test('a spending entry names its note (摘要)', async (t) => {
  const b = new StreamBuilder().add('SpendingRecorded', { amountFen: 5_000_000, date: '2022-04-15', note: '服务器租赁' }, { actor: '王五' });
  t.equal(summarizeEvent(b.events[0]!, s.project()), '王五 记录支出 50000.00 元（2022-04-15），摘要：服务器租赁');
});

t.test('an implementing unit other than the department is named', async (t) => {
  const b = new StreamBuilder().add('ProjectRegistered', {
    code: 'P2',
    year: 2023,
    name: '项目',
    department: '某局',
    unit: '某中心',
    budget: { initialFen: 123_456, sources: [] },
    goals: {},
    policy: { executionPoints: 'separate', reverse: 'linear', rounding: 'decimal2', grades: { excellent: 90, good: 80, fair: 60 }, checkpoints: [12], colours: { red: 60, yellow: 80, blue: 120 } },
  });
  t.equal(summarizeEvent(b.events[0]!, initialState()), '张三 登记项目「项目」（编码 P2，2023年度），主管部门 某局，实施单位 某中心，年初预算 1234.56 元');
});

t.test('a second TargetsDeclared reads as a re-declaration', async (t) => {
  const again = new StreamBuilder().add('TargetsDeclared', { indicators: [meeting] }).events[0]!;
  t.equal(summarizeEvent(again, s.project(2)), '张三 重新申报绩效目标，共 1 项三级指标');
});

t.test('an indicator unknown to the state before is named by its id', async (t) => {
  const e = new StreamBuilder().add('ActualRecorded', { indicatorId: 'i9', value: { kind: 'grade', grade: '达成' }, text: '达成', asOf: '2022-12-31' }).events[0]!;
  t.equal(summarizeEvent(e, s.project()), '张三 记录「i9」实际完成值 达成（截至 2022-12-31）');
});

t.test('an event of another type is named by its type', async (t) => {
  const e = { ...s.events[0]!, type: 'SomethingElse', data: {} };
  t.equal(summarizeEvent(e, s.project()), '张三 记录 SomethingElse');
});
