import t from 'tap';
import { csvField, selfEvaluationCsv } from '../../projections/reports/self-evaluation-csv.js';
import { selfEvaluationTable } from '../../projections/reports/self-evaluation-table.js';
import { workedExample, workedScorecard } from './sample-project.js';

const table = selfEvaluationTable(workedExample().project(), workedScorecard());
const csv = selfEvaluationCsv(table);
const lines = csv.slice(1).split('\r\n');

t.test('the csv starts with a UTF-8 BOM so Excel reads the Chinese', async (t) => {
  t.equal(csv.charCodeAt(0), 0xfeff);
  t.equal(Buffer.from(csv, 'utf8').subarray(0, 3).toString('hex'), 'efbbbf');
});

t.test('lines end with CRLF and every row has the nine columns of the form', async (t) => {
  t.ok(csv.endsWith('\r\n'));
  t.equal(lines[0], '项目支出绩效自评表,,,,,,,,');
  t.equal(lines[4], '项目资金（元）,,,年初预算数,全年预算数,全年执行数,分值,执行率（%）,得分');
  t.equal(lines[5], ',年度资金总额,,500000.00,500000.00,450000.00,10.00,90.00,9.00');
  t.equal(lines[6], ',其中：财政拨款,,450000.00,450000.00,450000.00,,100.00,', 'a source row: its amounts and rate, no points or score');
  t.equal(lines[11], '绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施');
  t.equal(lines[19], '总分,,,,,,100.00,88.80,');
  t.equal(lines[20], '自评等级,,,,,,良,,');
});

t.test('a merged level-1 cell holds its text on its first row only', async (t) => {
  t.match(lines[12], /^,产出指标,数量指标,/);
  t.match(lines[13], /^,,质量指标,/);
});

t.test('a field with a comma or quotes is quoted, quotes doubled (RFC 4180)', async (t) => {
  t.equal(
    lines[18],
    `,满意度指标,满意度指标,州直属商会、民营经济人士满意度,≥ 98 %,96%,10.00,9.80,"原因：宣传不到位, 部分企业不了解平台 措施：加强""政企服务""宣传"`,
  );
  t.equal(csvField('a\nb'), '"a\nb"', 'a line break is quoted');
  t.equal(csvField('a\r\nb'), '"a\r\nb"');
  t.equal(csvField('plain'), 'plain');
  t.equal(csvField(null), '');
  t.equal(csvField(9.8), '9.80', 'numbers with two decimals');
});

t.test('text that Excel would run as a formula gets a leading apostrophe', async (t) => {
  t.equal(csvField('= 1 个'), "'= 1 个");
  t.equal(csvField('+1'), "'+1");
  t.equal(csvField('-1'), "'-1");
  t.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  t.equal(csvField('=HYPERLINK("x","y")'), `"'=HYPERLINK(""x"",""y"")"`);
  t.match(lines[12], /,'= 1 个,1个,/);
  t.equal(csvField(-3000), '-3000.00', 'a negative number is a number, not text');
});

t.test('the notes follow after an empty line', async (t) => {
  const at = lines.indexOf('说明');
  t.equal(lines[at - 1], '');
  t.equal(lines[at + 1], '1. 本表为草稿：自评尚未提交。');
});
