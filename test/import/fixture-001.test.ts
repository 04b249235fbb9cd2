import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/**
 * Fixture 001: five 2021年项目支出绩效目标表 of 会同县工商联 saved from Word one cell per line (a tab opens
 * a cell, a blank line ends a row, "产出\n指标" is one cell broken in two).
 */
const content = readFileSync(new URL('../fixtures/001_2127532c2f2b5ab4.txt', import.meta.url));
const source = { fileName: '001_2127532c2f2b5ab4.txt', content };

const 行 = '行业标准';
const 计 = '计划标准';

t.test('five tables, each with its name, year from the title, budget in 万元 and its indicators', async (t) => {
  const { projects } = await readTargetTables(source);
  t.strictSame(
    projects.map((p) => p.register.name),
    ['基层商会专项经费', '非公党建项目', '光彩事业项目', '教育培训项目', '商会建设项目'],
  );
  // The title says 2021; 项目支出实施期 "2021.1-2020.12" is a typo the title overrides.
  t.strictSame(projects.map((p) => p.register.year), [2021, 2021, 2021, 2021, 2021]);
  // 单位：万元 on the form: 年度本级预算金额 "14" is 14万元.
  t.strictSame(
    projects.map((p) => p.register.budget?.initial),
    ['14万元', '4万元', '2.4万元', '1.6万元', '2.4万元'],
  );
  t.strictSame(
    projects.map((p) => p.preview.budgetFen),
    [14_000_000, 4_000_000, 2_400_000, 1_600_000, 2_400_000],
  );
  t.match(projects[0]!.register, { department: '行政政法', unit: '会同县工商联' }, '预算部门 as printed; 填报单位 without （盖章）');
  t.strictSame(projects[0]!.register.goals, {
    annual: '2021年7个基层商会正常运转，自身建设得到加强',
    longTerm: '加强基层商会建设，促进基层商会工作良好开展',
  });
  // Counted by hand: rows with a 三级指标 text, skipping the empty rows and the empty 生态效益指标 row —
  // 数量1 质量1 时效1 成本1 经济1 社会1 可持续1 满意1 = 8; 1+2+1+2+1+2+1+1 = 11; 2+1+2+1+2+2+1+2 = 13;
  // 2+2+1+2+1+1+1+1 = 11; 2+2+1+2+1+1+1+2 = 12.
  t.strictSame(
    projects.map((p) => p.targets.indicators.length),
    [8, 11, 13, 11, 12],
  );
});

t.test('each indicator carries its standard as printed: 行业标准 or 计划标准', async (t) => {
  const { projects } = await readTargetTables(source);
  t.strictSame(projects.map((p) => p.preview.indicators.map((i) => i.standard)), [
    [行, 行, 计, 行, 行, 行, 行, 行],
    [计, 行, 行, 计, 行, 行, 行, 行, 行, 行, 行],
    // The last 行业标准 (line 461) is a line continuing an empty cell, right before the next title.
    [行, 行, 行, 计, 计, 行, 行, 行, 行, 行, 行, 行, 行],
    [行, 行, 行, 行, 计, 行, 行, 行, 行, 行, 行],
    [行, 行, 行, 行, 计, 行, 行, 行, 行, 行, 行, 行],
  ]);
  t.equal(projects[0]!.targets.indicators[0]!.standard, 行, 'the standard goes to the command too');
});

t.test('targets in 指标值及单位 parse; a cell broken over two lines is one level name', async (t) => {
  const { projects } = await readTargetTables(source);
  const p1 = projects[0]!.preview.indicators;
  t.strictSame(
    p1.map((i) => i.display),
    ['= 7 个', '= 95 %', '= 95 %', '= 95 %', '= 100 %', '= 98 %', '= 98 %', '= 98 %'],
  );
  t.equal(p1[0]!.level1, '产出指标', '"产出\\n指标" read as one cell');
  t.equal(projects[1]!.preview.indicators[0]!.display, '完成年度党建工作任务', 'text without a number is 定性');
  t.equal(projects[2]!.preview.indicators[0]!.display, '≥ 1 次', '"1次以上"');
});

t.test('the satisfaction rows have no level 1 of their own: 满意度指标 is inferred, with a warning', async (t) => {
  const { projects, warnings } = await readTargetTables(source);
  t.strictSame(
    projects.map((p) => p.preview.indicators.at(-1)?.level1),
    ['满意度指标', '满意度指标', '满意度指标', '满意度指标', '满意度指标'],
  );
  const inferred = warnings.filter((w) => !w.message.includes('实施期'));
  t.strictSame(
    inferred.map((w) => w.place),
    ['第146行', '第297行', '第448行', '第607行', '第758行'],
  );
  t.ok(inferred.every((w) => w.raw === '社会公众或服务对象满意度指标'));
  // Each table prints 项目支出实施期 "2021.1-2020.12": kept as written, and warned about.
  t.strictSame(
    warnings.filter((w) => w.message.includes('实施期')).map((w) => [w.place, w.raw]),
    [['第16行', '2021.1-2020.12'], ['第167行', '2021.1-2020.12'], ['第318行', '2021.1-2020.12'], ['第477行', '2021.1-2020.12'], ['第628行', '2021.1-2020.12']],
  );
  t.ok(projects.every((p) => p.register.implementationPeriod === '2021.1-2020.12' && p.register.displayUnit === '万元'));
});

t.test('no table has a code: missing, and one code param cannot serve five projects', async (t) => {
  const { projects, warnings } = await readTargetTables(source, { code: 'HT-1' });
  for (const p of projects) t.strictSame(p.missing, ['code']);
  t.ok(warnings.some((w) => w.place === '参数' && w.raw === 'HT-1'));
});

t.test('the department parameter beats the 预算部门 cell, which holds a functional classification (行政政法)', async (t) => {
  const { projects, warnings } = await readTargetTables(source, { department: '会同县工商业联合会' });
  t.strictSame(projects.map((p) => p.register.department), Array(5).fill('会同县工商业联合会'));
  t.ok(projects.every((p) => !p.missing.includes('department')));
  const replaced = warnings.filter((w) => w.raw === '行政政法');
  t.equal(replaced.length, 5, 'each table that named another department says so');
  t.match(replaced[0]!.message, /采用参数/);
});
