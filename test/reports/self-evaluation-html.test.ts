import t from 'tap';
import { escapeHtml, selfEvaluationHtml } from '../../projections/reports/self-evaluation-html.js';
import { selfEvaluationTable } from '../../projections/reports/self-evaluation-table.js';
import { workedExample, workedScorecard } from './sample-project.js';

const project = workedExample().project();
const html = selfEvaluationHtml(selfEvaluationTable(project, workedScorecard()));

t.test('a complete standalone document, printable on A4', async (t) => {
  t.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
  t.match(html, /<meta charset="utf-8">/);
  t.match(html, /@page \{ size: A4 landscape; margin: 10mm 12mm \}/);
  t.match(html, /<div class="footer"><span>填报人：<\/span><span>联系电话：<\/span><span>填报日期：<\/span><span>单位（盖章）：<\/span><\/div>/);
  t.match(html, /<\/html>\n$/);
  t.notMatch(html, /<link|<script|src=|href=|@import|url\(/, 'nothing external: no stylesheet, script, font or image');
});

t.test('level-1 and level-2 cells are merged with rowspan', async (t) => {
  t.match(html, '<td class="group" rowspan="5">产出指标</td>');
  t.match(html, '<td class="group" rowspan="2">成本指标</td>');
  t.match(html, '<tr><td class="group">效益指标</td><td class="group">社会效益指标</td>', 'a single-row group has no rowspan');
  t.match(html, '<td class="label" rowspan="8">绩效指标</td>', 'the section cell spans the header and the 7 indicators');
  t.match(html, '<td class="label" rowspan="5">项目资金（元）</td>', 'the funding block spans header, total and 3 source rows');
});

t.test('the form shows the headers, amounts in 元 and the total and grade', async (t) => {
  for (const h of ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '年初预算数', '全年预算数', '全年执行数', '执行率（%）']) {
    t.match(html, `<th>${h}</th>`);
  }
  t.match(html, '单位：元');
  t.match(html, '<td class="number">450,000.00</td>');
  t.match(html, '<td class="label" colspan="6">总分</td><td class="number">100.00</td><td class="number">88.80</td>');
  t.match(html, '<td class="label" colspan="6">自评等级</td><td class="group" colspan="3">良</td>');
});

t.test('every text is escaped: a <script> in a name stays text', async (t) => {
  const evil = { ...project, name: '<script>alert("x")</script>', goals: { annual: 'A & B' } };
  const page = selfEvaluationHtml(selfEvaluationTable(evil, workedScorecard()));
  t.notMatch(page, '<script>');
  t.match(page, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  t.match(page, '<td colspan="4">A &amp; B</td>');
  t.match(page, '加强&quot;政企服务&quot;宣传', 'deviation text is escaped too');
  t.equal(escapeHtml(`<a href='x'>&</a>`), '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;');
});
