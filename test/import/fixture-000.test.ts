import { readFileSync } from 'node:fs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/** Fixture 000: tab-separated text copied out of Word, five 预算项目绩效目标/信息表 one after another. */
const content = readFileSync(new URL('../fixtures/000_154af7783c30a653.txt', import.meta.url));
const source = { fileName: '000_154af7783c30a653.txt', content };

t.test('every project of the file is found, with its code and its indicators', async (t) => {
  const { projects } = await readTargetTables(source);
  t.strictSame(
    projects.map((p) => [p.register.name, p.register.code]),
    [
      ['八大专项行动工作经费', '52270022P00429610260N'],
      ['黔南州服务民营经济高质量发展工作领导小组业务经费', '52270022P00430210211Y'],
      ['黔南州政企服务平台建设工作经费', '52270022P00430210142W'],
      ['黔南州工商业联合会（总商会）人民调解委员会工作经费', '52270022P00430210290A'],
      ['黔南州“万企兴万村”行动工作经费', '52270022P00430210289Y'],
    ],
  );
  // Counted by hand: the rows with a symbol cell (≥ ≤ = 定性) under each header —
  // lines 9–25 except the blank 17 (16), 33–45 (13), 58–64 (7), 77–89 (13), 102–110 (9).
  t.strictSame(
    projects.map((p) => p.targets.indicators.length),
    [16, 13, 7, 13, 9],
  );
  t.strictSame(
    projects.map((p) => p.source.place),
    ['第3行', '第27行', '第52行', '第71行', '第96行'],
    'each project starts at its title line',
  );
});

t.test('the cost target "≤ 20万" is 20000000 fen, shown as written, ≤ 20 万元', async (t) => {
  const { projects } = await readTargetTables(source);
  const cost = projects[0]!.preview.indicators.find((i) => i.target === '≤ 20万');
  t.ok(cost, 'line 19: 开展八大专项行动工作 ≤ | | 20万');
  t.equal(cost!.name, '开展八大专项行动工作');
  t.equal(cost!.level2, '成本指标');
  t.strictSame(cost!.parsed, { kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 20_000_000 } });
  t.equal(cost!.display, '≤ 20 万元');
});

t.test('blank level cells carry the level above; 成本指标 in the 二级 column stays under 产出指标', async (t) => {
  const { projects } = await readTargetTables(source);
  // §7 worked example (project 3): 产出 has five indicators — 数量, 质量, 时效 and two 成本 — then 效益, 满意度.
  t.strictSame(
    projects[2]!.preview.indicators.map((i) => [i.level1, i.level2, i.display]),
    [
      ['产出指标', '数量指标', '= 1 个'],
      ['产出指标', '质量指标', '平台建设工作高质量完成'],
      ['产出指标', '时效指标', '2022-12-31 前完成'],
      ['产出指标', '成本指标', '≤ 50 万元'],
      ['产出指标', '成本指标', '= 100 %'],
      ['效益指标', '社会效益指标', '促进民营经济高质量发展提供了有力组织保障'],
      ['满意度指标', '满意度指标', '≥ 98 %'],
    ],
  );
  // Line 62 is shifted one cell left ("项目或定额成本控制率 | | = | 100 % | | 项目或定额成本控制率"):
  // its last cell still lands under 备注.
  t.equal(projects[2]!.targets.indicators[4]!.explanation, '项目或定额成本控制率');
});

t.test('the number may sit in the 值 cell or be glued in the unit cell; 定性 takes text or a date', async (t) => {
  const { projects } = await readTargetTables(source);
  const [first] = projects[0]!.targets.indicators;
  t.strictSame(first!.target, { comparator: '≥', value: '7次' }, 'line 9: ≥ | | 7次');
  t.match(first!.explanation, /^1\. 按章程召开1次执委会/, 'the 备注 cell is kept as the explanation');
  const p4 = projects[3]!.preview.indicators;
  t.equal(p4.find((i) => i.target === '= 0.5 万元')?.display, '= 0.5 万元', 'line 83: = | | 0.5 | 万元');
  t.equal(p4.find((i) => i.name === '完成时限')?.display, '2022-12-31 前完成', 'line 82: 定性 | 2022年12月31日');
  t.equal(projects[4]!.preview.indicators[0]!.display, '≥ 15 次', 'line 102: 定性 | 15次以上');
});

t.test('the tables give no year, department or budget: the dry run lists them, params fill year and department', async (t) => {
  const bare = await readTargetTables(source);
  for (const p of bare.projects) t.strictSame(p.missing, ['year', 'department', 'budget'], p.register.name);

  const filled = await readTargetTables(source, { year: 2022, department: '黔南州工商业联合会', budget: '50万元', code: 'X' });
  for (const p of filled.projects) {
    t.strictSame(p.missing, ['budget'], `${p.register.name}: one budget cannot serve five projects`);
    t.equal(p.register.year, 2022);
    t.equal(p.register.department, '黔南州工商业联合会');
  }
  t.equal(filled.projects[0]!.register.code, '52270022P00429610260N', 'the code of the table, not the param');
  t.strictSame(
    filled.warnings.filter((w) => w.place === '参数').map((w) => w.raw),
    ['X', '50万元'],
    'params code and budget are refused with a warning for a file of five projects',
  );
});

t.test('the 备注 notes under the tables are reported, not silently dropped', async (t) => {
  const { warnings } = await readTargetTables(source);
  t.strictSame(
    warnings.map((w) => [w.place, w.raw]),
    [
      ['第47–50行', '备注：'],
      ['第66–69行', '备注：'],
      ['第91–94行', '备注：'],
      ['第112–115行', '备注：'],
    ],
  );
});
