import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/**
 * Fixture 003: a department's document from Word, one cell per line — a narrative part (部门整体绩效目标),
 * then two project tables (残疾人保障金, 商协活动经费), each with 预算数, a 资金支出计划 block
 * (3月底 6月底 10月底 12月底) and an indicator table with 绩效指标描述 and 指标值确定依据.
 */
const content = readFileSync(new URL('../fixtures/003_880eb0350398ec66.txt', import.meta.url));
const source = { fileName: '003_880eb0350398ec66.txt', content };

t.test('two project tables with code, budget in 元 and indicators; the narrative before them is reported', async (t) => {
  const { projects, warnings } = await readTargetTables(source);
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
      ['第1–29行', '第一部分'],
      ['第50行', '用于支付残疾人保障金'],
      ['第160行', '开展商协活动，开展相关会员培训活动。'],
    ],
    'the narrative part and the 资金用途 text, which no command field takes',
  );
});

t.test('the spending plan is found: blank 3/6/10月底, December 100%', async (t) => {
  const { projects } = await readTargetTables(source);
  for (const p of projects) {
    t.strictSame(p.spendingPlan, { checkpoints: [{ month: 12, cumulativePercent: 100 }] }, p.register.name);
  }
});

t.test('指标值确定依据 is the declared standard, 绩效指标描述 the explanation', async (t) => {
  const { projects } = await readTargetTables(source);
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
  t.strictSame(dry.projects.map((p) => p.missing), [['year'], ['year']]);
  const withYear = await readTargetTables(source, { year: 2023 });
  t.strictSame(withYear.projects.map((p) => p.missing), [[], []]);
  t.strictSame(withYear.projects.map((p) => p.register.year), [2023, 2023]);
});
