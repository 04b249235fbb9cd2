import { api, get, query } from '../api.js';
import { h, fill } from '../dom.js';
import { chip, percent, yuan } from '../format.js';
import { projectPath, projectTabs, unavailable } from './parts.js';

/** The last day of a month, "2022-06-30" for (2022, 6). */
const monthEnd = (year, month) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** #/p/<id>/monitoring?asOf= — 绩效运行监控 at a date, with one button per checkpoint of the plan. */
export async function monitoringView(root, { id, params }) {
  const asOf = params.asOf ?? '';
  const base = projectPath(id);
  const [state, monitoring] = await Promise.allSettled([api('GET', `${base}${query({ asOf })}`), get(`${base}/monitoring${query({ asOf })}`)]);
  if (state.status === 'rejected') throw state.reason;
  const project = state.value.data.project;
  const m = monitoring.status === 'fulfilled' ? monitoring.value : undefined;
  const go = (date) => (location.hash = `#/p/${encodeURIComponent(id)}/monitoring${query({ asOf: date })}`);

  const dateInput = h('input', { type: 'date', id: 'monitoring-asof', name: 'asOf', value: m?.asOf ?? asOf });
  const months = [...new Set(project.policy?.checkpoints ?? [3, 6, 10, 12])].sort((a, b) => a - b);
  const controls = h('form.toolbar', { onsubmit: (e) => (e.preventDefault(), go(dateInput.value)) },
    h('label', { for: 'monitoring-asof' }, '监控日期'), dateInput, h('button', { type: 'submit' }, '查看'),
    h('span.sep', '节点：'),
    months.map((month) => {
      const date = monthEnd(project.year, month);
      return h('button.small.secondary', { type: 'button', 'aria-pressed': String(m?.asOf === date), onclick: () => go(date) }, `${month}月底`);
    }));

  const body = m ? monitoringBody(project, m) : unavailable('监控', monitoring.reason);
  fill(root, projectTabs(id, 'monitoring'), h('h1', `${project.name} · 运行监控`), controls, body);
}

function monitoringBody(project, m) {
  const e = m.execution;
  const planText = project.spendingPlan.length ? project.spendingPlan.map((c) => `${c.month}月底 ${c.cumulativePercent}%`).join('，') : '未设定（按时间进度 月份/12）';
  return [
    h('section.summary', { 'aria-label': '监控概况' },
      h('div.kvs',
        h('div.kv', h('span.k', '截至'), h('span.v', m.asOf)),
        h('div.kv', h('span.k', '项目颜色'), h('span.v', { 'data-colour': m.colour }, chip(m.colour))),
        h('div.kv', h('span.k', '全年预算数（元）'), h('span.v', yuan(e.budget))),
        h('div.kv', h('span.k', '已支出（元）'), h('span.v', yuan(e.spent))),
        h('div.kv', h('span.k', '实际 / 计划进度'), h('span.v', `${percent(e.actualPercent)} / ${percent(e.plannedPercent)}`)),
        h('div.kv', h('span.k', '进度比'), h('span.v', e.ratio === null ? '—' : percent(e.ratio), ' ', chip(e.colour)))),
      h('div.sub', `支出计划：${planText}`)),
    h('div.two-col',
      h('table.grid.checkpoints',
        h('caption', '各节点预算执行'),
        h('thead', h('tr', ['节点', '日期', '计划累计', '实际累计', '进度比', '颜色'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', m.checkpoints.length
          ? m.checkpoints.map((c) => h('tr', { dataset: { month: c.month } }, h('td', `${c.month}月底`), h('td', c.date), h('td.num', percent(c.plannedPercent)), h('td.num', percent(c.actualPercent)), h('td.num', c.ratio === null ? '—' : percent(c.ratio)), h('td', chip(c.colour))))
          : h('tr', h('td.empty', { colspan: 6 }, '尚未到第一个节点。')))),
      deviationsBox(m)),
    h('table.grid.indicators',
      h('caption', '指标监控'),
      h('thead', h('tr', ['编号', '三级指标', '年度指标值', '实际', '进度比', '颜色'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', m.indicators.map((i) =>
        h('tr', { dataset: { indicator: i.id } }, h('td', i.id), h('td.name', i.name), h('td', i.target), h('td', i.actual ?? i.grade ?? '—'), h('td.num', i.ratio === null ? '—' : percent(i.ratio)), h('td', chip(i.colour)))))),
  ];
}

function deviationsBox(m) {
  if (m.deviations.length === 0) return h('section.box', h('h3', '偏差'), h('p', '没有红色或黄色项目。'));
  return h('section.box', h('h3', '需说明的偏差'),
    h('ul.deviations', m.deviations.map((d) =>
      h('li', chip(d.colour), ' ', d.name,
        d.records.length
          ? h('ul', d.records.map((r) => h('li', `${r.category ?? ''}：${r.reason ?? ''}；措施：${r.measure ?? ''}${r.likelihood ? `；${r.likelihood}` : ''}`)))
          : h('div.warn', '尚无偏差原因分析，请在“指标与填报”页记录。')))));
}
