import { get, query } from '../api.js';
import { h, fill } from '../dom.js';
import { commandForm } from '../form.js';
import { plainProblem } from '../messages.js';
import { score, timestamp, yuan } from '../format.js';
import { loadProject } from './project.js';
import { indicatorTable, projectPath, projectTabs, summary, unavailable } from './parts.js';

/**
 * #/p/<id>/history?asOf=|revision= — the project as it stood at a past date (or after a revision),
 * the diff between two points, and the audit trail.
 */
export async function historyView(root, { id, params }) {
  const base = projectPath(id);
  const point = params.revision ? { revision: params.revision } : params.knownAt ? { knownAt: params.knownAt } : params.asOf ? { asOf: params.asOf } : {};
  const href = (p) => `#/p/${encodeURIComponent(id)}/history${query(p)}`;
  const [history, current] = await Promise.all([get(`${base}/history`), get(base)]);
  const project = current.project;

  // Business time (what had happened by a date) beside record time (what the system said on a day).
  const dateInput = h('input', { type: 'date', id: 'history-asof', name: 'asOf', value: params.asOf ?? '' });
  const knownInput = h('input', { type: 'date', id: 'history-knownat', name: 'knownAt', value: params.knownAt ?? '' });
  const controls = h('div.toolbar',
    h('form.toolbar', { id: 'form-history-asof', onsubmit: (e) => (e.preventDefault(), (location.hash = href({ asOf: dateInput.value }))) },
      h('label', { for: 'history-asof' }, '业务截至日期'), dateInput, h('button', { type: 'submit' }, '查看')),
    h('form.toolbar', { id: 'form-history-knownat', onsubmit: (e) => (e.preventDefault(), (location.hash = href({ knownAt: knownInput.value }))) },
      h('label', { for: 'history-knownat', title: '只看当天结束前已录入系统的记录（后补的记录不算）' }, '系统在该日所知'), knownInput, h('button', { type: 'submit' }, '查看')),
    h('a.button.secondary', { href: href({}) }, '当前状态'));

  const stateBox = h('section.as-of', { 'aria-label': '时点状态' });
  await renderState(stateBox, id, point);

  fill(root,
    projectTabs(id, 'history'),
    h('h1', `${project.name} · 历史与回放`),
    controls,
    stateBox,
    diffSection(id, params),
    eventsTable(history.entries, point, href));
}

async function renderState(box, id, point) {
  const heading = point.revision !== undefined
    ? `版本 ${point.revision} 时的项目状态`
    : point.knownAt ? `系统在 ${point.knownAt} 所知的项目状态（当日结束前录入的记录）` : point.asOf ? `截至 ${point.asOf} 的项目状态` : '当前状态';
  let data;
  try {
    data = await loadProject(id, query(point));
  } catch (e) {
    fill(box, h('h2', heading), h('p.notice', { role: 'status' }, e.status === 404 ? '该时点项目尚未登记。' : e.problem ? plainProblem(e.problem).summary : e.message));
    return;
  }
  fill(box,
    h('h2', { dataset: { point: point.asOf ?? point.knownAt ?? point.revision ?? 'now' } }, heading),
    summary(data.project, data.card, data.monitoring),
    data.cardError ? unavailable('得分', data.cardError) : null,
    indicatorTable(data.project, data.card, data.monitoring));
}

/** The diff form keeps what was typed when the API refuses a point (errors land under from / to). */
function diffSection(id, params) {
  const result = h('div.diff-result', { 'aria-live': 'polite' });
  const form = commandForm({
    id: 'form-diff',
    title: '两个时点之间的变化',
    submitLabel: '比较',
    fields: [
      { name: 'from', label: '起点', placeholder: '日期 2022-06-30、版本号或时间', value: params.from ?? '', keep: true },
      { name: 'to', label: '终点', placeholder: '日期、版本号或时间', value: params.to ?? '', keep: true },
    ],
    onSubmit: async ({ from, to }) => {
      // A refused comparison must not leave the previous one on screen as if it answered this one.
      fill(result);
      const diff = await get(`${projectPath(id)}/diff${query({ from, to })}`);
      fill(result, changesView(diff.changes));
      return `${from} → ${to}`;
    },
  });
  if (params.from && params.to) queueMicrotask(() => form.el.requestSubmit());
  return h('section.diff', form.el, result);
}

const STATUS_TEXT = { open: '填报中', submitted: '已提交自评' };
const show = (v) => (v === null || v === undefined ? '—' : String(v));
const actualText = (a) => (a ? `${a.text}（截至 ${a.asOf}）` : '—');

/** The diff (projections/reports/diff.ts ProjectDiff) as rows of 项目 | 起点 | 终点. */
function changesView(d) {
  if (!d || d.changed === false) return h('p', '两个时点之间没有变化。');
  const rows = [];
  const row = (what, from, to) => rows.push([what, from, to]);
  if (d.status) row('状态', STATUS_TEXT[d.status.from] ?? show(d.status.from), STATUS_TEXT[d.status.to] ?? show(d.status.to));
  if (d.budget) row('全年预算数（元）', yuan(d.budget.from), yuan(d.budget.to));
  for (const i of d.indicatorsAdded ?? []) row(`新增指标 ${i.indicatorId} ${i.name}`, '—', i.target);
  for (const i of d.indicatorsRemoved ?? []) row(`删除指标 ${i.indicatorId} ${i.name}`, i.target, '—');
  for (const t of d.targets ?? []) row(`目标值 ${t.indicatorId} ${t.name}`, t.from, t.to);
  for (const a of d.actuals ?? []) row(`实际完成值 ${a.indicatorId} ${a.name}`, actualText(a.from), actualText(a.to));
  if (d.spending?.total) row('累计支出（元）', yuan(d.spending.total.from), yuan(d.spending.total.to));
  for (const s of d.spending?.added ?? []) row(`新增支出 ${s.date}${s.note ? ` ${s.note}` : ''}（${s.actor}）`, '—', yuan(s.amount));
  for (const s of d.scores?.indicators ?? []) row(`得分 ${s.indicatorId} ${s.name}`, score(s.from), score(s.to));
  if (d.scores?.execution) row('预算执行得分', score(d.scores.execution.from), score(d.scores.execution.to));
  if (d.scores?.total) row('总分', score(d.scores.total.from), score(d.scores.total.to));
  if (d.scores?.grade) row('等级', show(d.scores.grade.from), show(d.scores.grade.to));
  return h('table.grid.compact.changes',
    h('caption', `共 ${rows.length} 处变化`),
    h('thead', h('tr', ['项目', '起点', '终点'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.map((r) => h('tr', r.map((c) => h('td', c))))));
}

/** The audit trail; entries after the chosen point are marked so, and each links to the state after it. */
function eventsTable(entries, point, href) {
  const after = (e) =>
    point.revision !== undefined
      ? e.revision > Number(point.revision)
      : point.knownAt ? e.recordedAt.slice(0, 10) > point.knownAt : point.asOf ? (e.effectiveAt ?? e.recordedAt).slice(0, 10) > point.asOf : false;
  return h('table.grid.compact.events',
    h('caption', `审计轨迹（${entries.length} 条）`),
    h('thead', h('tr', ['版本', '记录时间', '生效日期', '操作人', '内容', '原因', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', entries.map((e) =>
      h('tr', { class: after(e) ? 'later' : undefined, dataset: { revision: e.revision } },
        h('td.num', String(e.revision)),
        h('td.nowrap', timestamp(e.recordedAt)),
        h('td.nowrap', e.effectiveAt ? e.effectiveAt.slice(0, 10) : '—'),
        h('td.nowrap', e.actor),
        h('td', e.summary, after(e) ? h('span.sub', '（在所选时点之后）') : null),
        h('td', e.reason ?? ''),
        h('td.nowrap', h('a', { href: href({ revision: e.revision }) }, '查看此版本'))))));
}
