import ExcelJS from 'exceljs';
import t from 'tap';
import { selfEvaluationTable } from '../../projections/reports/self-evaluation-table.js';
import { SHEET_NAME, selfEvaluationXlsx } from '../../projections/reports/self-evaluation-xlsx.js';
import { workedExample, workedScorecard } from './sample-project.js';

const table = selfEvaluationTable(workedExample().project(), workedScorecard());

async function readBack(): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  const bytes = await selfEvaluationXlsx(table);
  // exceljs types its input as an ArrayBuffer.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet(SHEET_NAME);
  if (!sheet) throw new Error(`no sheet ${SHEET_NAME}`);
  return sheet;
}

// Rows: 1 title, 2 year/unit, 3 name, 4 department, 5 funding header, 6 total, 7–8 sources,
// 9–10 goals, 11 indicator header, 12–18 indicators, 19 总分, 20 自评等级.
t.test('the sheet is named 项目支出绩效自评表 with the title merged across', async (t) => {
  const sheet = await readBack();
  t.equal(sheet.name, '项目支出绩效自评表');
  t.equal(sheet.getCell('A1').value, '项目支出绩效自评表');
  t.ok(sheet.model.merges.includes('A1:I1'));
  t.equal(sheet.getCell('H2').value, '单位：元');
});

t.test('level-1 cells merge vertically across their rows, level-2 within them', async (t) => {
  const merges = (await readBack()).model.merges;
  t.ok(merges.includes('B13:B17'), '产出指标 spans its 5 indicators');
  t.ok(merges.includes('C16:C17'), '成本指标 spans its 2 indicators');
  t.notOk(merges.some((m) => m.startsWith('B18:') || m.startsWith('B19:')), 'single-row level 1 is not merged');
  t.ok(merges.includes('A12:A19'), '绩效指标 spans header and indicators');
  t.ok(merges.includes('A5:A9'), '项目资金 spans header, total and sources');
});

t.test('header texts are the form\'s Chinese headers', async (t) => {
  const sheet = await readBack();
  t.same(
    ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'].map((c) => sheet.getCell(`${c}12`).value),
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  );
  t.same(
    ['D', 'E', 'F', 'G', 'H', 'I'].map((c) => sheet.getCell(`${c}5`).value),
    ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率（%）', '得分'],
  );
  t.equal(sheet.getCell('B13').value, '产出指标');
  t.equal(sheet.getCell('D17').value, '项目或定额成本控制率');
});

t.test('numbers are numbers formatted 0.00, money in 元', async (t) => {
  const sheet = await readBack();
  const spent = sheet.getCell('F6');
  t.equal(spent.type, ExcelJS.ValueType.Number);
  t.equal(spent.value, 450000);
  t.equal(spent.numFmt, '#,##0.00', 'thousands separators');
  t.equal(sheet.getCell('H19').value, 9.8, 'satisfaction score');
  t.equal(sheet.getCell('H20').value, 88.8, '总分');
  t.equal(sheet.getCell('G20').value, 100);
  t.equal(sheet.getCell('G21').value, '良');
  t.equal(sheet.getCell('D7').value, 450000, '财政拨款 initial amount');
  t.equal(sheet.getCell('F7').value, 450000, 'its execution');
  t.equal(sheet.getCell('G7').value, null, 'no points on a source row');
});

t.test('cells have borders, wrapped text and set column widths', async (t) => {
  const sheet = await readBack();
  const cell = sheet.getCell('I17');
  t.equal(cell.value, '原因：部分合同尾款跨年支付 措施：加快结算进度');
  t.equal(cell.alignment?.wrapText, true);
  t.equal(cell.border?.left?.style, 'thin');
  t.equal(sheet.getCell('B17').border?.bottom?.style, 'thin', 'a covered cell of a merge keeps the border');
  t.equal(sheet.getColumn(4).width, 26);
  t.equal(sheet.pageSetup.orientation, 'landscape');
  t.equal(sheet.pageSetup.fitToWidth, 1);
  t.equal(sheet.pageSetup.paperSize, 9, 'A4');
});
