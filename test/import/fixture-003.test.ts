import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/**
 * Fixture 003: a department's document from Word, one cell per line — a narrative part (部门整体绩效目标),
 * then two project tables (残疾人保障金, 商协活动经费), each with 预算数, a 资金支出计划 block
 * (3月底 6月底 10月底 12月底) and an indicator table with 绩效指标描述 and 指标值确定依据. The narrative
 * part is the department-year (its 总体绩效目标 as goals); `tablesOf` keeps the two project tables.
 */
const content = readFileSync(new URL('../fixtures/003_880eb0350398ec66.txt', import.meta.url));
const source = { fileName: '003_880eb0350398ec66.txt', content };
const tablesOf = async (params: Parameters<typeof readTargetTables>[1] = {}) => {
  const read = await readTargetTables(source, params);
  return { ...read, projects: read.projects.filter((p) => p.kind !== 'department') };
};

t.test('the narrative 部门整体绩效目标 is one department-year: its 总体绩效目标 as goals, the rest reported', async (t) => {
  const { projects, warnings } = await readTargetTables(source, { year: 2022 });
  const dept = projects.filter((p) => p.kind === 'department');
  t.equal(dept.length, 1);
  t.equal(dept[0]!.register.name, '玉田县工商联合会本级', 'named by the body the project tables report for (766001 dropped)');
  t.match(dept[0]!.register.goals?.annual, /^一、持续把开展学习培训、提升企业家综合素质放在首要位置\n制定工商联教育培训计划/);
  t.match(dept[0]!.register.goals?.annual, /五、动员企业多方承担社会责任，为公益事业做出贡献\n动员和引导全县非公有制经济人士.*多出力。$/s);
  t.strictSame(dept[0]!.missing, ['budget'], 'no budget in the narrative: registered as 0 and said so');
  t.strictSame(dept[0]!.targets.indicators, []);
  t.strictSame(
    warnings.filter((w) => /部门整体/.test(w.message) || w.raw === '部门整体绩效目标').map((w) => [w.place, w.message.split(' / ')[0]]),
    [
      ['第16–17行', '部门整体绩效目标中的“分项绩效目标”部分（2 行）没有对应的字段，未导入'],
      ['第19–29行', '部门整体绩效目标中的“工作保障措施”部分（5 行）没有对应的字段，未导入'],
      ['第1行', '部门整体绩效目标之前的文字，未导入'],
      ['第2行', '此表没有可导入的指标'],
    ],
  );
});

t.test('two project tables with code, budget in 元 and indicators; the narrative before them is reported', async (t) => {
  const { projects, warnings } = await tablesOf();
  t.strictSame(
    projects.map((p) => [p.register.name, p.register.code, p.register.budget?.initial, p.preview.budgetFen]),
    [
      ['残疾人保障金', '13022925P00JXC419629R', '4000.00元', 400_000],
      ['商协活动经费', '13022925P00JXC410337N', '50000.00元', 5_000_000],
    ],
  );
  t.strictSame(projects[0]!.register.budget?.sources, [{ name: '财政资金', amount: '4000.00元' }], '其中：财政 资金; 其他资金 is blank');
  t.equal(projects[0]!.register.department, '玉田县工商联合会本级', 'the body named beside 单位：元, without its number 766001');
  // Counted by hand: lines 76–137 hold 9 rows (数量 质量 时效 成本 经济 社会 生态 可持续 满意度),
  // lines 186–240 hold 8 (no 经济效益 row).
  t.strictSame(projects.map((p) => p.targets.indicators.length), [9, 8]);
  t.strictSame(
    warnings.map((w) => [w.place, w.raw]),
    [
      ['第16–17行', '商协会活动经费：'],
      ['第19–29行', '1.认真抓好党的二十大精神的传达贯彻，深刻领会精神实质，为更好地发挥职能作用，奠'],
      ['第1行', '第一部分'],
      ['第50行', '用于支付残疾人保障金'],
      ['第160行', '开展商协活动，开展相关会员培训活动。'],
      ['第2行', '部门整体绩效目标'],
    ],
    'the narrative part not taken as goals, and the 资金用途 text, which no command field takes',
  );
});

t.test('the spending plan is found: blank 3/6/10月底, December 100%', async (t) => {
  const { projects } = await tablesOf();
  for (const p of projects) {
    t.strictSame(p.spendingPlan, { checkpoints: [{ month: 12, cumulativePercent: 100 }] }, p.register.name);
  }
});

t.test('指标值确定依据 is the declared standard, 绩效指标描述 the explanation', async (t) => {
  const { projects } = await tablesOf();
  t.ok(projects[0]!.preview.indicators.every((i) => i.standard === '相关政策'));
  t.ok(projects[1]!.preview.indicators.every((i) => i.standard === '项目是否按期完成'));
  t.equal(projects[0]!.targets.indicators[0]!.explanation, '完成率');
  t.strictSame(
    projects[1]!.preview.indicators.map((i) => i.display),
    ['≥ 3 次', '≥ 80 %', '≥ 80 %', '≤ 5 万元', '≥ 100 人次', '≥ 3 次', '保证人才队伍可持续建设', '≥ 95 %'],
  );
  t.equal(projects[0]!.preview.indicators[0]!.display, '≥ 90', '"≥90" without a unit stays without one');
});

t.test('no year anywhere: missing until the param gives it', async (t) => {
  const dry = await readTargetTables(source);
  t.strictSame(dry.projects.map((p) => p.missing), [['year', 'budget'], ['year'], ['year']]);
  const withYear = await readTargetTables(source, { year: 2023 });
  t.strictSame(withYear.projects.map((p) => p.missing), [['budget'], [], []]);
  t.strictSame(withYear.projects.map((p) => p.register.year), [2023, 2023, 2023]);
});
