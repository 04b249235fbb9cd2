import ExcelJS from 'exceljs';
import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/**
 * The common .xlsx layout, built here with exceljs: label | value pairs above the header (项目名称, 项目编码,
 * 主管部门, 实施单位, 年度, 预算（万元）), a spending plan row, then 一级 | 二级 | 三级 | 符号 | 值 | 单位 |
 * 绩效标准 | 分值 with 一级/二级 merged down the rows they cover.
 */
async function commonLayout(options: { badCell?: boolean; percentFormat?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['2022年项目支出绩效目标表']); // 1
  ws.mergeCells('A1:H1');
  ws.addRow(['项目名称', '政企服务平台建设', null, '项目编码', 'P2022-001']); // 2
  ws.addRow(['主管部门', '黔南州工商联', null, '实施单位', '黔南州工商联机关']); // 3
  ws.addRow(['年度', 2022, null, '预算（万元）', 50]); // 4
  ws.addRow(['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底']); // 5
  ws.addRow([null, 10, 30, 60, 100]); // 6
  ws.addRow(['一级指标', '二级指标', '三级指标', '符号', '值', '单位', '绩效标准', '分值']); // 7
  ws.addRow(['产出指标', '数量指标', '平台建设', '=', 1, '个', '计划标准', 10]); // 8
  ws.addRow([null, '质量指标', '平台建设质量', '定性', '高质量完成', null, '行业标准', 10]); // 9
  ws.addRow([null, '时效指标', '完成时间', '定性', '2022年12月', null, '计划标准', 10]); // 10
  ws.addRow([null, '成本指标', '建设成本', '≤', 50, '万元', '计划标准', 10]); // 11
  ws.addRow([null, null, '成本控制率', '=', options.badCell ? '百分百' : 100, '%', '计划标准', 10]); // 12
  ws.addRow(['效益指标', '社会效益指标', '服务民营经济', '定性', '有效', null, '其他标准', 30]); // 13
  ws.addRow(['满意度指标', '服务对象满意度指标', '企业满意度', '≥', options.percentFormat ? 0.98 : 98, options.percentFormat ? null : '%', '行业标准', 10]); // 14
  if (options.percentFormat) ws.getCell('E14').numFmt = '0%';
  ws.mergeCells('A8:A12'); // 产出指标 over five rows
  ws.mergeCells('B11:B12'); // 成本指标 over two rows
  return Buffer.from(await wb.xlsx.writeBuffer());
}

t.test('the common xlsx layout: fields above the header, merged levels carried down, 符号|值|单位 cells', async (t) => {
  const { projects, warnings } = await readTargetTables({ fileName: 'targets.xlsx', content: await commonLayout() });
  t.equal(projects.length, 1);
  const p = projects[0]!;
  t.strictSame(p.register, {
    name: '政企服务平台建设',
    code: 'P2022-001',
    year: 2022,
    department: '黔南州工商联',
    unit: '黔南州工商联机关',
    budget: { initial: '50万元' },
  });
  t.equal(p.preview.budgetFen, 50_000_000, '预算（万元） 50 is "50万元" = 500000.00 元 = 50000000 fen');
  t.strictSame(p.missing, []);
  t.equal(p.source.place, 'Sheet1!1:1');
  // Seven indicator rows (8–14), as built above.
  t.equal(p.targets.indicators.length, 7);
  t.strictSame(
    p.targets.indicators.map((i) => [i.level1, i.level2]),
    [
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['产出指标', '成本指标'],
      ['产出指标', '成本指标'],
      ['效益指标', '社会效益指标'],
      ['满意度指标', '服务对象满意度指标'],
    ],
    'merged 一级/二级 cells (A8:A12, B11:B12) are carried down',
  );
  t.strictSame(p.targets.indicators[3]!.target, { comparator: '≤', value: 50, unit: '万元' }, 'the three cells go to the command as they are');
  t.strictSame(
    p.preview.indicators.map((i) => i.display),
    ['= 1 个', '高质量完成', '2022-12-31 前完成', '≤ 50 万元', '= 100 %', '有效', '≥ 98 %'],
  );
  t.strictSame(
    p.targets.indicators.map((i) => i.points),
    [10, 10, 10, 10, 10, 30, 10],
    '分值 column read as points',
  );
  t.strictSame(
    p.preview.indicators.map((i) => i.standard),
    ['计划标准', '行业标准', '计划标准', '计划标准', '计划标准', '其他标准', '行业标准'],
  );
  t.strictSame(p.spendingPlan, {
    checkpoints: [
      { month: 3, cumulativePercent: 10 },
      { month: 6, cumulativePercent: 30 },
      { month: 10, cumulativePercent: 60 },
      { month: 12, cumulativePercent: 100 },
    ],
  });
  t.strictSame(warnings, []);
});

t.test('a target cell that does not parse is named by its cell, and the indicator is still listed', async (t) => {
  const { projects, warnings } = await readTargetTables({ fileName: 'targets.xlsx', content: await commonLayout({ badCell: true }) });
  const p = projects[0]!;
  t.equal(p.targets.indicators.length, 7, 'the bad row is kept');
  const bad = p.preview.indicators[4]!;
  t.equal(bad.name, '成本控制率');
  t.equal(bad.target, '= 百分百 %');
  t.equal(bad.parsed, null);
  t.equal(bad.display, null);
  t.equal(warnings.length, 1);
  t.equal(warnings[0]!.place, 'Sheet1!E12');
  t.equal(warnings[0]!.raw, '= 百分百 %');
  t.match(warnings[0]!.message, /缺少数值/);
});

t.test('a percent-formatted cell reads as the percentage it shows', async (t) => {
  const { projects } = await readTargetTables({ fileName: 'targets.xlsx', content: await commonLayout({ percentFormat: true }) });
  t.equal(projects[0]!.preview.indicators[6]!.display, '≥ 98 %', '0.98 formatted 0% is "98%"');
});

/** A single 指标值 column, levels repeated on every row (no merges), 项目编码 and 年度 absent. */
async function singleColumnLayout(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目标表');
  ws.addRow(['项目名称', '商会培训']); // 1
  ws.addRow(['预算金额', '12000元']); // 2
  ws.addRow([]); // 3
  ws.addRow(['一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据', '备注']); // 4
  ws.addRow(['产出指标', '数量指标', '培训次数', '≥4次', '计划标准', '每季度一次']); // 5
  ws.addRow(['产出指标', '时效指标', '完成时间', '12月底前', '计划标准']); // 6
  ws.addRow(['满意度指标', '满意度指标', '学员满意度', '90%以上', '行业标准', null, '多出的一格']); // 7
  return Buffer.from(await wb.xlsx.writeBuffer());
}

t.test('the single 指标值 column; what the sheet lacks is reported missing and taken from params', async (t) => {
  const dry = await readTargetTables({ fileName: 'single.xlsx', content: await singleColumnLayout() });
  const p = dry.projects[0]!;
  t.strictSame(p.missing, ['code', 'year', 'department'], 'the dry run says what is missing');
  t.equal(p.register.year, undefined);
  t.equal(p.preview.budgetFen, 1_200_000);
  t.equal(p.targets.indicators.length, 3);
  t.strictSame(p.targets.indicators[0], {
    level1: '产出指标',
    level2: '数量指标',
    name: '培训次数',
    target: '≥4次',
    standard: '计划标准',
    explanation: '每季度一次',
  });
  t.equal(p.preview.indicators[1]!.parsed, null, '"12月底前" needs the year to become a deadline');
  t.strictSame(
    dry.warnings.map((w) => w.place),
    ['目标表!G7', '目标表!D6'],
    'the stray cell and the deadline without a year are named by cell',
  );

  const withParams = await readTargetTables(
    { fileName: 'single.xlsx', content: await singleColumnLayout() },
    { year: 2023, department: '玉田县工商联', code: 'PX-7' },
  );
  const q = withParams.projects[0]!;
  t.strictSame(q.missing, []);
  t.match(q.register, { code: 'PX-7', year: 2023, department: '玉田县工商联', budget: { initial: '12000元' } });
  t.equal(q.preview.indicators[1]!.display, '2023-12-31 前完成', 'the year from params dates "12月底前"');
  t.equal(q.preview.indicators[2]!.display, '≥ 90 %');
});

/** The Word-style two-row header: 指标值 merged over 符号 | 值 | 计量单位, 一级/二级/三级 merged down; a note below. */
async function twoRowHeader(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['项目名称', '调解工作经费', '项目编码', 'P-9', '年度', '2022年', '主管部门', '工商联']); // 1
  ws.addRow(['资金总额（元）', 20000]); // 2
  ws.addRow(['一级指标', '二级指标', '三级指标', '指标值', null, null, '备注（指标解释等）']); // 3
  ws.addRow([null, null, null, '*符号', '*值', '计量单位']); // 4
  ws.addRow(['产出指标', '数量指标', '调解培训', '=', null, '1次', '每年一次']); // 5
  ws.addRow([null, '成本指标', '培训成本', '≤', 0.5, '万元']); // 6
  ws.addRow(['满意度指标', '满意度指标', '当事人满意度', '约', 90, '%']); // 7
  ws.addRow([]); // 8
  ws.addRow(['备注：成本指标系统已固化']); // 9
  ws.addRow(['填表人：张三']); // 10
  ws.mergeCells('D3:F3');
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:C4');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

t.test('a two-row header (指标值 over 符号|值|单位), a symbol that is none, and the notes below', async (t) => {
  const { projects, warnings } = await readTargetTables({ fileName: 'b.xlsx', content: await twoRowHeader() });
  const p = projects[0]!;
  t.match(p.register, { name: '调解工作经费', code: 'P-9', year: 2022, department: '工商联', budget: { initial: '20000元' } });
  t.strictSame(p.missing, []);
  t.strictSame(
    p.preview.indicators.map((i) => [i.level1, i.level2, i.name, i.display]),
    [
      ['产出指标', '数量指标', '调解培训', '= 1 次'],
      ['产出指标', '成本指标', '培训成本', '≤ 0.5 万元'],
      ['满意度指标', '满意度指标', '当事人满意度', null],
    ],
  );
  t.equal(p.targets.indicators[0]!.explanation, '每年一次');
  t.strictSame(
    warnings.map((w) => w.place),
    ['Sheet1!9:10', 'Sheet1!D7'],
    'the notes under the table, and the 符号 cell "约" that is no comparator, named by its cell',
  );
});
