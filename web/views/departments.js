import { get, query } from '../api.js';
import { h, fill } from '../dom.js';
import { percent, score } from '../format.js';
import { colourCounts, colourLegend, departmentHref, gradeCounts, inUnit, unitSwitch } from './department-parts.js';

/**
 * #/departments?year=&asOf=&unit= — one row per department of a year: its projects' budget, spending,
 * execution, budget-weighted score and grade, colours, and what is still to chase; each row opens the
 * department's page.
 */
export async function departmentsView(root, { params }) {
  const all = await get('/api/projects');
  const years = [...new Set(all.projects.map((p) => p.year))].sort((a, b) => b - a);
  const year = Number(params.year) || years[0] || new Date().getFullYear();
  const asOf = params.asOf ?? '';
  const unit = params.unit === '万元' ? '万元' : '元';
  const go = (change) => (location.hash = `#/departments${query({ year, asOf, unit: unit === '元' ? '' : unit, ...change })}`);
  const list = await get(`/api/departments${query({ year, asOf })}`);

  const yearSelect = h('select', { id: 'departments-year', name: 'year', onchange: (e) => go({ year: e.target.value }) },
    (years.includes(year) ? years : [year, ...years]).map((y) => h('option', { value: String(y) }, `${y}年`)));
  yearSelect.value = String(year);
  const dateInput = h('input', { type: 'date', id: 'departments-asof', name: 'asOf', value: asOf });
  const controls = h('form.toolbar', { 'aria-label': '年度与截至日期', onsubmit: (e) => (e.preventDefault(), go({ asOf: dateInput.value })) },
    h('label', { for: 'departments-year' }, '年度'), yearSelect,
    h('label', { for: 'departments-asof' }, '截至日期'), dateInput, h('button', { type: 'submit' }, '查看'),
    asOf ? h('button.secondary', { type: 'button', onclick: () => go({ asOf: '' }) }, '今天') : null,
    unitSwitch(unit, (u) => go({ unit: u === '元' ? '' : u })));

  const head = ['主管部门', '项目数', `全年预算数（${unit}）`, `全年执行数（${unit}）`, '执行率', '加权平均分', '等级', '颜色分布', '待说明偏差', '未提交自评'];
  const rows = list.departments.map((d) =>
    h('tr', { dataset: { department: d.key } },
      h('td.name', h('a', { href: departmentHref(d.department, year, query({ asOf, unit: unit === '元' ? '' : unit })) }, d.department),
        d.names.length > 1 ? h('div.sub', `写法：${d.names.join('、')}`) : null),
      h('td.num', String(d.projectCount)),
      h('td.num', { dataset: { col: 'budget' } }, inUnit(d.budgetFen, unit)),
      h('td.num', { dataset: { col: 'spent' } }, inUnit(d.spentFen, unit)),
      h('td.num', { dataset: { col: 'execution' } }, percent(d.executionPercent)),
      h('td.num', { dataset: { col: 'score' } }, score(d.weightedScore)),
      h('td', { dataset: { col: 'grade' } }, d.grade ?? '—'),
      h('td', colourCounts(d.colours)),
      h('td.num', { dataset: { col: 'explain' } }, d.needingExplanation ? h('span.warn', `${d.needingExplanation} 个项目`) : '0'),
      h('td.num', { dataset: { col: 'unsubmitted' } }, d.notSubmitted ? `${d.notSubmitted} 个项目` : '0')));

  fill(root,
    h('h1', '部门汇总'),
    controls,
    colourLegend(),
    h('div.table-box',
      h('table.grid.departments',
        h('caption', `${year}年度，截至 ${list.departments[0]?.asOf ?? (asOf || '今天')}，共 ${list.departments.length} 个部门`),
        h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: head.length }, `${year}年度还没有项目。`))),
        rows.length > 1 ? totalRow(list.departments, unit) : null)),
    h('p', h('a', { href: '#/' }, '返回项目列表')));
}

/** 合计 over the departments: sums of fen, execution on the sums. */
function totalRow(departments, unit) {
  const sum = (key) => departments.reduce((a, d) => a + d[key], 0);
  const budget = sum('budgetFen');
  const spent = sum('spentFen');
  return h('tfoot', h('tr.total',
    h('th', { scope: 'row' }, '合计'),
    h('td.num', String(sum('projectCount'))),
    h('td.num', { dataset: { col: 'budget' } }, inUnit(budget, unit)),
    h('td.num', { dataset: { col: 'spent' } }, inUnit(spent, unit)),
    h('td.num', { dataset: { col: 'execution' } }, budget ? percent(Math.round((spent / budget) * 10000) / 100) : '—'),
    h('td', { colspan: 3 }),
    h('td.num', `${sum('needingExplanation')} 个项目`),
    h('td.num', `${sum('notSubmitted')} 个项目`)));
}
