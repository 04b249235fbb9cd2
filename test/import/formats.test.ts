import t from 'tap';
import { readTargetTables } from '../../commands/import/read-target-tables.js';

/** A small table as Excel puts it on the clipboard: one row a line, cells between tabs. */
const tsv = ['项目名称\t培训项目\t项目编码\tGB-1', '一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t培训次数\t≥4次', ''].join('\n');

/** GB18030 bytes of `text`, from the decoder itself: each two-byte GBK code decoded once to build the table. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

const summary = (r: Awaited<ReturnType<typeof readTargetTables>>) =>
  r.projects.map((p) => [p.register.name, p.register.code, p.preview.indicators.map((i) => i.display)]);

const expected = [['培训项目', 'GB-1', ['≥ 4 次']]];

t.test('UTF-8 with or without BOM, CRLF line ends, a string or a Buffer: the same table', async (t) => {
  t.strictSame(summary(await readTargetTables({ fileName: 'a.txt', content: tsv })), expected);
  t.strictSame(summary(await readTargetTables({ fileName: 'a.txt', content: Buffer.from(`\uFEFF${tsv}`, 'utf8') })), expected);
  t.strictSame(summary(await readTargetTables({ fileName: 'a.txt', content: Buffer.from(tsv.replace(/\n/g, '\r\n'), 'utf8') })), expected);
  t.strictSame(summary(await readTargetTables({ fileName: 'a.txt', content: Buffer.from(`\uFEFF${tsv}`, 'utf16le') })), expected, 'UTF-16LE with BOM (Word "Unicode text")');
});

t.test('bytes that are not UTF-8 are decoded as GB18030, and the warning says so', async (t) => {
  const r = await readTargetTables({ fileName: 'gbk.txt', content: gb18030(tsv) });
  t.strictSame(summary(r), expected);
  t.strictSame(r.warnings.map((w) => w.place), ['文件']);
  t.match(r.warnings[0]!.message, /GB18030/);
});

t.test('a cell under no header column is reported with its line and column', async (t) => {
  const text = tsv.replace('≥4次', '≥4次\t\t多余的内容');
  const r = await readTargetTables({ fileName: 'a.txt', content: text });
  t.strictSame(r.warnings.map((w) => [w.place, w.raw]), [['第3行第6列', '多余的内容']]);
  t.equal(r.projects[0]!.targets.indicators.length, 1);
});

t.test('a quoted Excel cell with a line break is one cell, and later lines keep their numbers', async (t) => {
  const text = ['项目名称\t培训项目', '一级指标\t二级指标\t三级指标\t指标值', '"产出\n指标"\t数量指标\t培训次数\t≥4次', '\t\t考试次数\t≥很多'].join('\n');
  const r = await readTargetTables({ fileName: 'a.txt', content: text });
  t.strictSame(r.projects[0]!.preview.indicators.map((i) => [i.level1, i.name]), [
    ['产出指标', '培训次数'],
    ['产出指标', '考试次数'],
  ]);
  t.strictSame(r.warnings.map((w) => [w.place, w.raw]), [['第5行第4列', '≥很多']], 'the bad target of line 5');
});

t.test('one cell per line (a tab opens each cell) is told apart from tab-separated text', async (t) => {
  const text = ['2022年项目支出绩效目标表', '\t项目支出名称', '\t培训项目', '', '\t一级指标', '\t二级指标', '\t三级指标', '\t指标值', '', '\t产出', '指标', '\t数量指标', '\t培训次数', '\t≥4次', ''].join('\n');
  const r = await readTargetTables({ fileName: 'word.txt', content: text });
  t.strictSame(summary(r), [['培训项目', undefined, ['≥ 4 次']]]);
  t.equal(r.projects[0]!.register.year, 2022);
  t.equal(r.projects[0]!.preview.indicators[0]!.level1, '产出指标');
});

t.test('files that are not target tables say why and yield nothing', async (t) => {
  const docx = await readTargetTables({ fileName: 'a.docx', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]) });
  t.strictSame(docx.projects, []);
  t.match(docx.warnings[0], { place: '文件', raw: 'a.docx', message: /xlsx/ });
  const notXlsx = await readTargetTables({ fileName: 'a.xlsx', content: Buffer.from('hello') });
  t.match(notXlsx.warnings[0]?.message, /不是 xlsx/);
  const brokenZip = await readTargetTables({ fileName: 'a.xlsx', content: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
  t.match(brokenZip.warnings[0]?.message, /无法读取 xlsx/);
  const prose = await readTargetTables({ fileName: 'a.txt', content: '今天开会。\n明天放假。\n' });
  t.strictSame(prose.projects, []);
  t.strictSame(prose.warnings.map((w) => w.place), ['第1–2行', '文件'], 'the text is reported, and that no table was found');
});
