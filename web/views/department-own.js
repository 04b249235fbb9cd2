import { query } from '../api.js';
import { h } from '../dom.js';
import { percent, score, STATUS } from '../format.js';
import { departmentApi, inUnit, reportLink } from './department-parts.js';

/** "950000.00" 元 → 95000000 fen, from the digits (never through a float). */
export function yuanToFen(decimal) {
  const text = String(decimal);
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  const fen = Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
  return negative ? -fen : fen;
}

/**
 * The department-year's own part (GET /api/departments/:name/:year): budget by source, 年度总体目标
 * and 实际完成情况, 年度主要任务 with their budgets and execution, its indicators grouped by task with
 * actual and score, total and grade, and the 部门整体支出绩效自评表 downloads.
 */
export function departmentOwnPart(d, { name, year, asOf, unit }) {
  const card = d.scorecard;
  const report = (format) => `${departmentApi(name, year)}/self-evaluation${query({ format, asOf })}`;
  return h('section.own', { 'aria-label': '部门整体' },
    h('div.summary',
      h('div.sub', `${STATUS[d.status] ?? d.status}${d.displayUnit ? ` · 表内金额单位：${d.displayUnit}` : ''}`),
      h('div.kvs',
        h('div.kv', h('span.k', `全年预算数（${unit}）`), h('span.v', { dataset: { own: 'budget' } }, inUnit(d.budget.totalFen, unit))),
        h('div.kv', h('span.k', `全年执行数（${unit}）`), h('span.v', { dataset: { own: 'spent' } }, inUnit(d.budget.spentFen, unit))),
        h('div.kv', h('span.k', '执行率 / 得分'), h('span.v', `${percent(card.execution.ratePercent)} / ${score(card.execution.score)}`)),
        h('div.kv.total', h('span.k', '部门整体总分 / 等级'),
          h('span.v', h('span', { dataset: { own: 'total' } }, score(card.total)), ' ', h('span.grade', { dataset: { own: 'grade' } }, card.grade))))),
    h('div.downloads',
      h('span', '部门整体支出绩效自评表：'),
      reportLink(report('xlsx'), '下载 Excel（xlsx）', `${d.department}-部门整体支出绩效自评表-${year}.xlsx`),
      reportLink(report('html'), '打开网页版（html）')),
    h('div.two-col', budgetBySource(card.execution, unit), goals(d)),
    tasksTable(d, unit),
    indicatorsByTask(d, card));
}

function budgetBySource(execution, unit) {
  const row = (label, s, rate) => h('tr', { dataset: { source: label } },
    h('td', label), h('td.num', inUnit(yuanToFen(s.initialBudget), unit)), h('td.num', inUnit(yuanToFen(s.budget), unit)), h('td.num', inUnit(yuanToFen(s.spent), unit)), h('td.num', percent(rate)));
  return h('table.grid.own-sources',
    h('caption', '年度部门整体支出预算'),
    h('thead', h('tr', ['资金来源', `年初预算数（${unit}）`, `全年预算数（${unit}）`, `全年执行数（${unit}）`, '执行率'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', execution.sources.map((s) => row(s.name, s, s.ratePercent))),
    h('tfoot', row('资金总额', execution, execution.ratePercent)));
}

function goals(d) {
  return h('section.box.goals',
    h('h3', '年度总体目标'), h('p.text', d.goals.annual ?? '—'),
    h('h3', '实际完成情况'), h('p.text', d.achievements.text ?? '尚未填写。'));
}

function tasksTable(d, unit) {
  const rows = d.tasks.map((t, k) =>
    h('tr', { dataset: { task: t.id } },
      h('td.nowrap', `任务${k + 1}`),
      h('td.name', t.name),
      h('td', t.content ?? ''),
      h('td.num', t.budgetFen === null ? '—' : inUnit(t.budgetFen, unit),
        t.amounts.length > 1 ? h('div.sub', t.amounts.map((a) => `${a.name} ${inUnit(a.fen, unit)}`).join('；')) : null),
      h('td.num', inUnit(t.spentFen, unit)),
      h('td.num', percent(t.executionPercent))));
  if (d.unassignedSpentFen) rows.push(h('tr', { dataset: { task: '' } }, h('td'), h('td', { colspan: 3 }, '未归入任务的支出'), h('td.num', inUnit(d.unassignedSpentFen, unit)), h('td.num', '—')));
  return h('div.table-box', h('table.grid.tasks',
    h('caption', `年度主要任务（${d.tasks.length}）`),
    h('thead', h('tr', ['序号', '任务名称', '主要内容', `预算（${unit}）`, `已支出（${unit}）`, '执行率'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 6 }, '尚未申报年度主要任务。')))));
}

/** The department's indicators under their task (in task order), those of no task last. */
function indicatorsByTask(d, card) {
  const scores = new Map(card.indicators.map((s) => [s.id, s]));
  const groups = d.tasks.map((t, k) => ({ id: t.id, label: `任务${k + 1}：${t.name}`, indicators: d.indicators.filter((i) => i.task === t.id) }));
  const loose = d.indicators.filter((i) => !i.task || !d.tasks.some((t) => t.id === i.task));
  if (loose.length) groups.push({ id: '', label: d.tasks.length ? '不属于任何任务' : '部门整体指标', indicators: loose });
  const head = ['一级 / 二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差说明'];
  const body = groups.filter((g) => g.indicators.length).flatMap((g) => [
    h('tr.group', { dataset: { group: g.id } }, h('th', { colspan: head.length, scope: 'rowgroup' }, `${g.label}（${g.indicators.length}）`)),
    ...g.indicators.map((i) => {
      const s = scores.get(i.id);
      return h('tr', { dataset: { indicator: i.id, task: i.task ?? '' } },
        h('td', h('div', i.level1Name ?? i.level1), h('div.sub', i.level2)),
        h('td.name', i.name),
        h('td', i.targetText),
        h('td', s?.actual ?? '—'),
        h('td.num', s ? score(s.points) : '—'),
        h('td.num.score', s ? `${score(s.score)}${s.override ? '*' : ''}` : '—'),
        h('td', !s?.needsExplanation ? '—' : s.explained ? h('span.ok', '已说明') : h('span.warn', { title: s.explanationReason ?? '' }, '待说明')));
    }),
  ]);
  return h('div.table-box', h('table.grid.indicators.own-indicators',
    h('caption', `部门整体绩效指标（${d.indicators.length}）`),
    h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', body.length ? body : h('tr', h('td.empty', { colspan: head.length }, '尚未申报部门整体绩效指标。'))),
    h('tfoot', h('tr.total', h('th', { scope: 'row', colspan: 5 }, `预算执行 ${score(card.execution.score)} 分 + 指标得分，合计`), h('td.num', score(card.total)), h('td', card.grade)))));
}
