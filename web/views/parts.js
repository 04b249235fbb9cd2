import { h } from '../dom.js';
import { chip, percent, score, STATUS, yuan } from '../format.js';

/** The pieces the project, monitoring and history pages share. */

export const projectPath = (id) => `/api/projects/${encodeURIComponent(id)}`;

/** Tabs of one project; `current` is the active view. */
export function projectTabs(id, current) {
  const href = (view) => `#/p/${encodeURIComponent(id)}${view === 'project' ? '' : `/${view}`}`;
  const tab = (view, label) => h('a.tab', { href: href(view), 'aria-current': view === current ? 'page' : undefined }, label);
  return h('nav.tabs', { 'aria-label': '项目页面' }, tab('project', '指标与填报'), tab('batch', '批量填报'), tab('monitoring', '运行监控'), tab('history', '历史与回放'));
}

/** Name, department, budget, execution, total and grade. `card` and `monitoring` may be missing. */
export function summary(project, card, monitoring) {
  const item = (label, value, attrs = {}) => h('div.kv', h('span.k', label), h('span.v', attrs, value));
  return h('section.summary', { 'aria-label': '项目概况' },
    h('div.title-block',
      h('h1', project.name),
      h('div.sub', `${project.code} · ${project.year}年度 · ${project.department}${project.unit && project.unit !== project.department ? ` · 实施单位：${project.unit}` : ''} · ${STATUS[project.status] ?? project.status}`)),
    h('div.kvs',
      item('年初预算数（元）', yuan(project.budget.initial)),
      item('全年预算数（元）', yuan(project.budget.total)),
      item('全年执行数（元）', yuan(card ? card.execution.spent : project.budget.spent)),
      item('执行率', card ? percent(card.execution.ratePercent) : '—'),
      item('监控颜色', monitoring ? chip(monitoring.colour) : '—'),
      h('div.kv.total', h('span.k', '总分 / 等级'),
        h('span.v', card ? [h('span', { 'data-total': '' }, score(card.total)), ' ', h('span.grade', { 'data-grade': '' }, card.grade)] : '—'))),
  );
}

function explanationCell(s) {
  if (!s || !s.needsExplanation) return '—';
  return s.explained ? h('span.ok', '已说明') : h('span.warn', { title: s.explanationReason ?? '' }, `待说明${s.explanationReason ? `：${s.explanationReason}` : ''}`);
}

function actualCell(indicator) {
  const latest = indicator.latestActual;
  const parts = [];
  if (latest) parts.push(h('div', latest.text), h('div.sub', `截至 ${latest.asOf}`));
  if (indicator.assessment) parts.push(h('div', `评价：${indicator.assessment.grade}`));
  return parts.length ? parts : '—';
}

/**
 * The indicator table: target (and the original when revised), latest actual, achievement, points,
 * score, monitoring colour, whether a deviation note is due. `action(indicator)` adds a last column.
 */
export function indicatorTable(project, card, monitoring, action) {
  const scores = new Map((card?.indicators ?? []).map((s) => [s.id, s]));
  const colours = new Map((monitoring?.indicators ?? []).map((m) => [m.id, m]));
  const head = ['编号', '一级 / 二级指标', '三级指标', '年度指标值', '实际完成值', '完成率', '分值', '得分', '监控', '偏差说明'];
  if (action) head.push('操作');
  const rows = project.indicators.map((i) => {
    const s = scores.get(i.id);
    const m = colours.get(i.id);
    const revised = i.revisions.length > 0;
    return h('tr', { dataset: { indicator: i.id } },
      h('td', i.id),
      h('td', h('div', i.level1Name ?? i.level1), h('div.sub', i.level2)),
      h('td.name', i.name),
      h('td.target', h('span', { 'data-target': '' }, i.targetText), revised ? h('div.sub', `原：${i.originalTargetText}`) : null),
      h('td.actual', actualCell(i)),
      h('td.num', s ? percent(s.achievementPercent) : '—'),
      h('td.num', s ? score(s.points) : '—'),
      h('td.num.score', s ? h('span', { title: s.override ? `人工调整：${s.override.reason}（计算得分 ${score(s.computedScore)}）` : undefined }, score(s.score), s.override ? '*' : '') : '—'),
      h('td', m ? chip(m.colour) : '—'),
      h('td', explanationCell(s)),
      action ? h('td', action(i)) : null,
    );
  });
  return h('table.grid.indicators',
    h('caption', '绩效指标'),
    h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: head.length }, '尚未申报绩效指标。'))),
  );
}

/** A notice that part of the page could not be loaded (e.g. scoring unavailable), with the API's detail. */
export function unavailable(what, error) {
  return h('p.notice', { role: 'status' }, `${what}暂不可用：${error?.message ?? error}`);
}

/** Today's business date as the server sees it (its clock may differ from the browser's). */
export function serverToday(monitoring) {
  return monitoring?.asOf ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A business date inside the project year: today, or the year's first or last day when today is outside it. */
export function dateInYear(today, year) {
  if (!year) return today;
  if (today < `${year}-01-01`) return `${year}-01-01`;
  if (today > `${year}-12-31`) return `${year}-12-31`;
  return today;
}

/** Indicators often share a name (平台建设工作 as 数量, 质量, 时效 …): the label says its id and 二级指标 too. */
export function indicatorLabel(i) {
  return `${i.id} · ${i.level2} · ${i.name}（${i.targetText}）`;
}
