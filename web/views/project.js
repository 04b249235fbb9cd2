import { api, ApiError, get, getToken, openReport } from '../api.js';
import { h, fill } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { fenToYuan, timestamp } from '../format.js';
import { indicatorTable, projectPath, projectTabs, serverToday, summary, unavailable } from './parts.js';

/** A typed number goes as a number; anything else as typed, so the API names the field. */
const numberOrText = (text) => (/^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text);

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

/** #/p/<id> — the indicator table and the forms that record against it. */
export async function projectView(root, { id }) {
  const base = projectPath(id);
  const ctx = { revision: undefined, project: undefined };
  const summaryBox = h('div');
  const tableBox = h('div.table-box');
  const recordsBox = h('div.records');

  /** Sends a command with If-Match, so a page older than the stream is refused (412) rather than overwriting. */
  async function send(path, body) {
    const { data } = await api('POST', `${base}${path}`, body, { ifMatch: ctx.revision });
    try {
      await refresh();
    } catch (e) {
      return `已保存（版本 ${data.revision}），但刷新失败：${e.message}`;
    }
    return `已保存（版本 ${data.revision}）`;
  }
  /** On a 412 the page reloads the project, keeps the form as typed, and says why. */
  async function sendAndRefreshOnConflict(path, body) {
    try {
      return await send(path, body);
    } catch (e) {
      if (e.status !== 412) throw e;
      await refresh();
      throw new ApiError({ ...e.problem, detail: `项目已被他人更新，页面已刷新为最新数据（版本 ${ctx.revision}），请核对后再次提交。（${e.problem.detail}）` });
    }
  }

  const actual = commandForm({
    id: 'form-actual',
    title: '记录实际完成值',
    submitLabel: '记录',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'value', label: '实际完成值', placeholder: '如 1个、96%、45万元、2022-11-30' },
      { name: 'asOf', label: '截至日期', type: 'date', keep: true },
      { name: 'evidence', label: '佐证材料（可选）' },
      { name: 'note', label: '备注（可选）' },
    ],
    onSubmit: ({ indicatorId, ...v }) => sendAndRefreshOnConflict(`/indicators/${encodeURIComponent(indicatorId)}/actuals`, compact(v)),
  });

  const spending = commandForm({
    id: 'form-spending',
    title: '记录支出',
    submitLabel: '记录',
    fields: [
      { name: 'amount', label: '金额（元）', placeholder: '如 50000 或 5万元；负数为更正' },
      { name: 'date', label: '支出日期', type: 'date', keep: true },
      { name: 'note', label: '摘要（可选）' },
      { name: 'reference', label: '凭证号（可选）' },
      { name: 'reason', label: '更正原因（负数时必填）' },
    ],
    onSubmit: (v) => sendAndRefreshOnConflict('/spending', compact(v)),
  });

  const deviation = commandForm({
    id: 'form-deviation',
    title: '偏差原因分析及改进措施',
    fields: [
      { name: 'indicatorId', label: '对象', type: 'select', keep: true },
      { name: 'category', label: '原因类别', type: 'select', keep: true },
      { name: 'reason', label: '偏差原因', type: 'textarea' },
      { name: 'measure', label: '改进措施', type: 'textarea' },
      { name: 'likelihood', label: '完成可能性（可选）', type: 'select' },
    ],
    onSubmit: (v) => sendAndRefreshOnConflict('/deviations', compact(v)),
  });

  const assessment = commandForm({
    id: 'form-assessment',
    title: '定性评价',
    fields: [
      { name: 'indicatorId', label: '指标', type: 'select', keep: true },
      { name: 'grade', label: '评价', type: 'select' },
      { name: 'score', label: '得分（可选，须在等级区间内）', type: 'text', placeholder: '留空按默认分' },
      { name: 'comment', label: '说明（可选）', type: 'textarea' },
    ],
    onSubmit: ({ indicatorId, score, ...v }) =>
      sendAndRefreshOnConflict(`/indicators/${encodeURIComponent(indicatorId)}/assessment`, compact({ ...v, score: score.trim() ? numberOrText(score) : '' })),
  });

  /** The row button: qualitative indicators are assessed, the others get an actual. */
  function rowAction(indicator) {
    const qualitative = indicator.kind === 'qualitative';
    const target = qualitative ? assessment : actual;
    return h('button.small', {
      type: 'button',
      onclick: () => {
        target.set('indicatorId', indicator.id);
        target.el.scrollIntoView({ block: 'nearest' });
        target.input(qualitative ? 'grade' : 'value').focus();
      },
    }, qualitative ? '评价' : '记录');
  }

  let datesSet = false;
  async function refresh() {
    const data = await loadProject(id);
    ctx.project = data.project;
    ctx.revision = data.project.revision;
    const p = data.project;
    const label = (i) => `${i.id} · ${i.name}（${i.targetText}）`;
    actual.setOptions('indicatorId', p.indicators.map((i) => [i.id, label(i)]));
    deviation.setOptions('indicatorId', [['', '预算执行（整体）'], ...p.indicators.map((i) => [i.id, label(i)])]);
    assessment.setOptions('indicatorId', [...p.indicators].sort((a, b) => (b.kind === 'qualitative') - (a.kind === 'qualitative')).map((i) => [i.id, label(i)]));
    // The choices come with the project: the pages list no values of their own.
    const each = (values) => values.map((v) => [v, v]);
    deviation.setOptions('category', each(p.choices.deviationCategories));
    deviation.setOptions('likelihood', [['', '—'], ...each(p.choices.likelihoods)]);
    assessment.setOptions('grade', each(p.choices.grades));
    if (!datesSet) {
      const today = serverToday(data.monitoring);
      actual.set('asOf', today);
      spending.set('date', today);
      datesSet = true;
    }
    fill(summaryBox,
      summary(p, data.card, data.monitoring),
      data.cardError ? unavailable('得分', data.cardError) : null,
      data.monitoringError ? unavailable('监控', data.monitoringError) : null);
    fill(tableBox, indicatorTable(p, data.card, data.monitoring, rowAction));
    fill(recordsBox, spendingTable(p), deviationTable(p));
  }

  await refresh();
  fill(root,
    projectTabs(id, 'project'),
    summaryBox,
    h('div.downloads',
      h('span', '项目支出绩效自评表：'),
      h('a.button.secondary', { href: `${base}/self-evaluation?format=xlsx`, download: '', onclick: withToken(`${base}/self-evaluation?format=xlsx`, () => `${ctx.project.name}-绩效自评表-${ctx.project.year}.xlsx`, false) }, '下载 Excel（xlsx）'),
      h('a.button.secondary', { href: `${base}/self-evaluation?format=html`, target: '_blank', rel: 'noopener', onclick: withToken(`${base}/self-evaluation?format=html`, () => '', true) }, '打开网页版（html）')),
    tableBox,
    h('section.forms', { 'aria-label': '填报' }, actual.el, spending.el, deviation.el, assessment.el),
    recordsBox,
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

function spendingTable(p) {
  const rows = [...p.spending].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.revision - b.revision)).map((s) =>
    h('tr', h('td', s.date), h('td.num', fenToYuan(s.amountFen)), h('td', s.note ?? ''), h('td', s.reference ?? s.reason ?? ''), h('td', s.actor)));
  return h('table.grid.compact',
    h('caption', '支出记录'),
    h('thead', h('tr', ['日期', '金额（元）', '摘要', '凭证号 / 原因', '记录人'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 5 }, '暂无支出。'))));
}

function deviationTable(p) {
  const names = new Map(p.indicators.map((i) => [i.id, `${i.id} ${i.name}`]));
  const rows = p.deviations.map((d) =>
    h('tr', h('td', d.indicatorId ? names.get(d.indicatorId) ?? d.indicatorId : '预算执行'), h('td', d.category), h('td', d.reason), h('td', d.measure), h('td', d.likelihood ?? '—'), h('td', `${d.actor} ${timestamp(d.recordedAt)}`)));
  return h('table.grid.compact',
    h('caption', '偏差原因分析及改进措施'),
    h('thead', h('tr', ['对象', '类别', '原因', '措施', '可能性', '记录'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 6 }, '暂无记录。'))));
}
