import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/**
 * Fixture 004: a 部门整体支出绩效目标表 (tab-separated). It is read as one department-year: 部门名称 names
 * it, "(2022年度)" dates it, 资金总额 is its budget (单位：万元) with its sources, the 6 年度主要任务 are
 * its tasks, 年度总体目标 its goals, and each indicator belongs to the task its `任务N:` prefix names.
 */
const content = readFileSync(new URL('../fixtures/004_6255a671ef9b9be6.txt', import.meta.url));
const source = { fileName: '004_6255a671ef9b9be6.txt', content };

t.test('the department table is one department-year with name, year, budget, sources, goals and 6 tasks', async (t) => {
  const { projects } = await readTargetTables(source);
  t.equal(projects.length, 1);
  const p = projects[0]!;
  t.equal(p.kind, 'department');
  t.match(p.register, {
    name: '成都市工商业联合会',
    year: 2022,
    displayUnit: '万元',
    budget: {
      initial: '2550.87万元',
      sources: [
        { name: '财政拨款', amount: '2550.87万元' },
        { name: '其他资金', amount: '0.00万元' },
      ],
    },
  });
  t.notOk('code' in p.register, 'a department-year has no code');
  t.strictSame(p.missing, []);
  t.equal(p.preview.budgetFen, 2_550_870_000, '2,550.87 万元 = 25,508,700 元 (the row under 资金总额 | 财政拨款 | 其他资金, shifted one cell left)');
  t.match(p.register.goals?.annual, /^一、加强教育引导/);
  t.notMatch(p.register.goals?.annual, /任务\d：/, 'the tasks are not folded into the goals');
  const tasks = p.tasks?.tasks ?? [];
  t.strictSame(tasks.map((x) => [x.id, x.name]), [
    ['t1', '非公经济信息建设'],
    ['t2', '工商联换届工作'],
    ['t3', '非公组织建设会员服务 and 党建工作'],
    ['t4', '非公有制经济代表人士教育培训工作'],
    ['t5', '非公经济宣传工作'],
    ['t6', '民营经济研究及考察调研工作'],
  ]);
  t.match(tasks[0]?.content, /^“蓉商”企业综合服务平台运营及升级服务/);
  t.ok(tasks.every((x) => (x.content ?? '').length > 20), 'each task keeps its 主要内容');
});

t.test('every indicator comes out with a parsed target', async (t) => {
  const { projects, warnings } = await readTargetTables(source);
  const p = projects[0]!;
  // Counted by hand: lines 33–43 (11 数量), 45–60 (4 质量, 4 时效, 8 under 成本指标), 62–68 (5 社会效益, 2 满意度).
  t.equal(p.targets.indicators.length, 34);
  t.ok(p.preview.indicators.every((i) => i.parsed !== null), 'no target is left unparsed');
  const byName = (name: string) => p.preview.indicators.find((i) => i.name === name);
  t.equal(byName('系统故障率')?.display, '≤ 0.01 %', 'LaTeX "$\\leq 0.01\\%$"');
  t.equal(byName('完成日期')?.display, '2022-12-31 前完成', '"≤ 12 月" in the table\'s year');
  t.equal(byName('宣传费用控制成本')?.display, '≤ 160 万元', '"≤ 160 万"');
  t.equal(byName('宣传费用控制成本')?.task, 't5');
  t.ok(p.targets.indicators.every((i) => /^t[1-6]$/.test(i.task ?? '') && !/^任务/.test(i.name)), 'each of the 34 names its task, its name without the prefix');
  t.strictSame(
    [...new Set(p.preview.indicators.map((i) => `${i.level1}/${i.level2}`))],
    ['产出指标/数量指标', '产出指标/质量指标', '产出指标/时效指标', '产出指标/成本指标', '效益指标/社会效益指标', '满意度指标/服务对象满意度指标'],
  );
  t.strictSame(
    warnings.map((w) => [w.place, w.raw]),
    [['第33行', '数量指标']],
    'the first rows put 数量指标 in the 一级 column: 产出指标 is inferred and said so',
  );
});

t.test('the year of the table wins over a param that differs, and the difference is reported', async (t) => {
  const filled = await readTargetTables(source, { year: 2021 });
  t.equal(filled.projects[0]!.register.year, 2022);
  t.ok(filled.warnings.some((w) => /参数 year=2021/.test(w.message)));
});
