import { api, ApiError, get, getToken, openReport } from '../api.js';
import { h, fill } from '../dom.js';
import { budgetForms } from './budget-forms.js';
import { evaluationForms } from './evaluation-forms.js';
import { indicatorForms } from './indicator-forms.js';
import { spendingForms } from './spending-forms.js';
import { dateInYear, indicatorTable, projectPath, projectTabs, serverToday, summary, unavailable } from './parts.js';

/** Loads the project now, with its scorecard and monitoring; the last two may fail without hiding the rest. */
export async function loadProject(id, params = '') {
  const [state, card, monitoring] = await Promise.allSettled([
    api('GET', `${projectPath(id)}${params}`),
    get(`${projectPath(id)}/scorecard${params}`),
    get(`${projectPath(id)}/monitoring${params}`),
  ]);
  if (state.status === 'rejected') throw state.reason;
  return {
    project: state.value.data.project,
    card: card.status === 'fulfilled' ? card.value : undefined,
    cardError: card.status === 'rejected' ? card.reason : undefined,
    monitoring: monitoring.status === 'fulfilled' ? monitoring.value : undefined,
    monitoringError: monitoring.status === 'rejected' ? monitoring.reason : undefined,
  };
}

/**
 * One project as the forms see it: the revision they send as If-Match, a refresh after each command,
 * and the date a new form starts with (today, kept inside the project year).
 */
export function projectSession(id, onData) {
  const base = projectPath(id);
  const session = {
    id,
    base,
    revision: undefined,
    project: undefined,
    today: undefined,
    async refresh() {
      const data = await loadProject(id);
      session.project = data.project;
      session.revision = data.project.revision;
      session.today ??= dateInYear(serverToday(data.monitoring), data.project.year);
      onData(data);
      return data;
    },
    /** Sends a command with If-Match, so a page older than the stream is refused (412) rather than overwriting. */
    async send(path, body, method = 'POST') {
      let data;
      try {
        ({ data } = await api(method, `${base}${path}`, body, { ifMatch: session.revision }));
      } catch (e) {
        if (e.status !== 412) throw e;
        // The page reloads the project, keeps the form as typed, and says why.
        await session.refresh();
        throw new ApiError({ ...e.problem, detail: `项目已被他人更新，页面已刷新为最新数据（版本 ${session.revision}），请核对后再次提交。` });
      }
      try {
        await session.refresh();
      } catch (e) {
        return `已保存（版本 ${data.revision}），但刷新失败：${e.message}`;
      }
      return `已保存（版本 ${data.revision}）`;
    },
  };
  return session;
}

/** A section of forms under a heading. */
export const formSection = (label, ...forms) => h('section.form-group', { 'aria-label': label }, h('h2', label), h('div.forms', forms));

/** #/p/<id> — the indicator table and every command on the project, grouped by what it is about. */
export async function projectView(root, { id }) {
  const summaryBox = h('div');
  const tableBox = h('div.table-box');
  const links = h('div.toolbar');
  let parts = [];
  const session = projectSession(id, (data) => {
    const p = data.project;
    fill(summaryBox,
      summary(p, data.card, data.monitoring),
      data.cardError ? unavailable('得分', data.cardError) : null,
      data.monitoringError ? unavailable('监控', data.monitoringError) : null);
    fill(tableBox, indicatorTable(p, data.card, data.monitoring, indicators.rowAction));
    fill(links,
      h('a.button.secondary', { href: `#/p/${encodeURIComponent(id)}/batch` }, '批量填报实际完成值'),
      p.targetsLocked ? h('span.sub', '指标表已有实际记录：如需修改目标值，请用“目标调整”') : h('a.button.secondary', { href: `#/p/${encodeURIComponent(id)}/targets` }, '编辑指标表'));
    for (const part of parts) part.update(data);
  });
  const indicators = indicatorForms(session);
  const spending = spendingForms(session);
  const budget = budgetForms(session);
  const evaluation = evaluationForms(session);
  parts = [indicators, spending, budget, evaluation];
  await session.refresh();
  const base = session.base;
  fill(root,
    projectTabs(id, 'project'),
    summaryBox,
    h('div.downloads',
      h('span', '项目支出绩效自评表：'),
      h('a.button.secondary', { href: `${base}/self-evaluation?format=xlsx`, download: '', onclick: withToken(`${base}/self-evaluation?format=xlsx`, () => `${session.project.name}-绩效自评表-${session.project.year}.xlsx`, false) }, '下载 Excel（xlsx）'),
      h('a.button.secondary', { href: `${base}/self-evaluation?format=html`, target: '_blank', rel: 'noopener', onclick: withToken(`${base}/self-evaluation?format=html`, () => '', true) }, '打开网页版（html）')),
    links,
    tableBox,
    formSection('指标填报', indicators.forms),
    formSection('资金与支出', spending.forms),
    spending.records,
    formSection('预算调整与资金来源', budget.forms),
    formSection('自评表与提交', evaluation.forms),
    evaluation.records,
  );
}

/** Links work as they are in single-user mode; with a bearer token the report is fetched with it. */
function withToken(path, fileName, inNewTab) {
  return (event) => {
    if (!getToken()) return;
    event.preventDefault();
    openReport(path, fileName(), inNewTab).catch((e) => alert(e.message));
  };
}
