import { get, query } from '../api.js';
import { h, fill } from '../dom.js';
import { chip, percent, score } from '../format.js';
import { colourCounts, colourLegend, departmentApi, departmentHref, gradeCounts, inUnit, monthEnd, unitSwitch } from './department-parts.js';
import { departmentOwnPart } from './department-own.js';

/**
 * #/d/<name>/<year>?asOf=&unit= — a department's year: the roll-up of its projects (money, scores,
 * distributions, what to chase), then its own part (部门整体: budget by source, 年度主要任务, its
 * indicators by task, score, and its 自评表) when the department-year is registered.
 */
export async function departmentView(root, { name, year, params }) {
  const asOf = params.asOf ?? '';
  const point = query({ asOf });
  const [rollup, own] = await Promise.allSettled([
    get(`${departmentApi(name, year)}/rollup${point}`),
    get(`${departmentApi(name, year)}${point}`),
  ]);
  if (rollup.status === 'rejected') throw rollup.reason;
  const r = rollup.value;
  const d = own.status === 'fulfilled' ? own.value.department : undefined;
  const unit = params.unit === '万元' || params.unit === '元' ? params.unit : d?.displayUnit === '万元' ? '万元' : '元';
  const go = (change) => (location.hash = departmentHref(name, year, query({ asOf, unit: params.unit, ...change })));

  const dateInput = h('input', { type: 'date', id: 'department-asof', name: 'asOf', value: asOf || r.asOf });
  const controls = h('form.toolbar', { 'aria-label': '截至日期', onsubmit: (e) => (e.preventDefault(), go({ asOf: dateInput.value })) },
    h('label', { for: 'department-asof' }, '截至日期'), dateInput, h('button', { type: 'submit' }, '查看'),
    h('span.sep', '节点：'),
    [3, 6, 10, 12].map((m) => {
      const date = monthEnd(Number(year), m);
      return h('button.small.secondary', { type: 'button', 'aria-pressed': String(r.asOf === date), onclick: () => go({ asOf: date }) }, `${m}月底`);
    }),
    asOf ? h('button.small.secondary', { type: 'button', onclick: () => go({ asOf: '' }) }, '今天') : null,
    unitSwitch(unit, (u) => go({ unit: u })));

  fill(root,
    h('nav.crumbs', h('a', { href: `#/departments${query({ year })}` }, '部门汇总'), ' › ', r.department),
    h('h1', `${r.department} · ${year}年度`),
    controls,
    rollupSummary(r, unit),
    chase(r),
    sourcesTable(r, unit),
    projectsTable(r, unit),
    colourLegend(),
    h('h2', '部门整体'),
    d ? departmentOwnPart(d, { name, year, asOf, unit }) : notRegistered(own.reason));
}

function rollupSummary(r, unit) {
  const item = (label, value, key) => h('div.kv', h('span.k', label), h('span.v', { dataset: { kv: key } }, value));
  return h('section.summary', { 'aria-label': '部门项目汇总' },
    h('div.sub', `截至 ${r.asOf}${r.names.length > 1 ? ` · 项目中的写法：${r.names.join('、')}` : ''}`),
    h('div.kvs',
      item('项目数', String(r.projectCount), 'projects'),
      item(`全年预算数（${unit}）`, inUnit(r.budgetFen, unit), 'budget'),
      item(`全年执行数（${unit}）`, inUnit(r.spentFen, unit), 'spent'),
      item('执行率', percent(r.executionPercent), 'execution'),
      h('div.kv.total', h('span.k', '加权平均分 / 等级'),
        h('span.v', h('span', { 'data-kv': 'score' }, score(r.weightedScore)), ' ', h('span.grade', { 'data-kv': 'grade' }, r.grade ?? '—'))),
      h('div.kv', h('span.k', '等级分布'), h('span.v', { dataset: { dist: 'grades' } }, gradeCounts(r.grades))),
      h('div.kv', h('span.k', '颜色分布'), h('span.v', { dataset: { dist: 'colours' } }, colourCounts(r.colours)))),
    h('div.sub', '加权平均分 = Σ(各项目得分 × 全年预算数) ÷ Σ 全年预算数；预算为 0 的项目不计权重。'));
}

/** The lists a finance officer chases: explanations missing, self-evaluations not submitted. */
function chase(r) {
  const link = (p, view) => h('li', h('a', { href: `#/p/${encodeURIComponent(p.id)}${view}` }, p.name));
  const monitoring = `/monitoring${query({ asOf: r.asOf })}`;
  return h('section.box.chase', { 'aria-label': '待跟进' },
    h('div', { 'data-chase': 'explain' }, h('h3', `待说明偏差的项目（${r.needingExplanation.length}）`),
      r.needingExplanation.length ? h('ul', r.needingExplanation.map((p) => link(p, monitoring))) : h('p.sub', '没有。')),
    h('div', { 'data-chase': 'unsubmitted' }, h('h3', `未提交自评的项目（${r.notSubmitted.length}）`),
      r.notSubmitted.length ? h('ul', r.notSubmitted.map((p) => link(p, ''))) : h('p.sub', '全部已提交。')));
}

function sourcesTable(r, unit) {
  const row = (label, m, count) =>
    h('tr', { dataset: { source: label } }, h('td', label), h('td.num', String(count)), h('td.num', inUnit(m.budgetFen, unit)), h('td.num', inUnit(m.spentFen, unit)), h('td.num', percent(m.executionPercent)));
  const rows = r.sources.map((s) => row(s.name, s, s.projects));
  if (r.withoutSources.projects > 0) rows.push(row('未分来源', r.withoutSources, r.withoutSources.projects));
  return h('table.grid.sources.dept-sources',
    h('caption', '预算与执行（按资金来源）'),
    h('thead', h('tr', ['资金来源', '项目数', `全年预算数（${unit}）`, `全年执行数（${unit}）`, '执行率'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows),
    h('tfoot', h('tr.total', h('th', { scope: 'row' }, '合计'), h('td.num', String(r.projectCount)), h('td.num', inUnit(r.budgetFen, unit)), h('td.num', inUnit(r.spentFen, unit)), h('td.num', percent(r.executionPercent)))));
}

function projectsTable(r, unit) {
  const head = ['项目名称 / 编码', `全年预算数（${unit}）`, `全年执行数（${unit}）`, '执行率', '得分', '等级', '颜色', '待说明偏差', '自评'];
  const rows = r.projects.map((p) =>
    h('tr', { dataset: { project: p.id } },
      h('td.name', h('a', { href: `#/p/${encodeURIComponent(p.id)}` }, p.name), h('div.sub', p.code)),
      h('td.num', inUnit(p.budgetFen, unit)),
      h('td.num', inUnit(p.spentFen, unit)),
      h('td.num', percent(p.executionPercent)),
      h('td.num', { dataset: { col: 'score' } }, score(p.score)),
      h('td', { dataset: { col: 'grade' } }, p.grade),
      h('td', chip(p.colour)),
      h('td.num', p.missingExplanations
        ? h('a.warn', { href: `#/p/${encodeURIComponent(p.id)}/monitoring${query({ asOf: r.asOf })}` }, `${p.missingExplanations} 项`)
        : '—'),
      h('td', p.submitted ? h('span.ok', '已提交') : '未提交')));
  return h('div.table-box', h('table.grid.dept-projects',
    h('caption', `所属项目（${r.projectCount}）`),
    h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: head.length }, '这一年度没有该部门的项目。')))));
}

function notRegistered(reason) {
  if (reason?.status && reason.status !== 404) return h('p.notice', { role: 'status' }, `部门整体暂不可用：${reason.message}`);
  return h('p.notice', { role: 'status', 'data-own': 'none' },
    '这一年度尚未登记部门整体（年度主要任务、部门整体预算与指标）。导入部门整体支出绩效目标表后，这里显示其任务、指标、得分和部门整体支出绩效自评表。');
}
