import { h, fill } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { score, STATUS, timestamp } from '../format.js';
import { numberOrText } from './indicator-forms.js';
import { indicatorLabel } from './parts.js';

/**
 * The 自评表's own entries — 偏差原因分析 per checkpoint, 年度总体目标, 实际完成情况, 项目实施期, the
 * money unit, the execution score override — and submit / reopen. A refused submit lists each gap
 * as a link that opens the deviation form on it.
 */
export function evaluationForms(session) {
  const send = (path, body, method) => session.send(path, body, method);

  const deviation = commandForm({
    id: 'form-deviation',
    title: '偏差原因分析及改进措施',
    fields: [
      { name: 'indicatorId', label: '对象', type: 'select', keep: true },
      { name: 'checkpoint', label: '监控时点', type: 'select', keep: true },
      { name: 'category', label: '原因类别', type: 'select', keep: true },
      { name: 'reason', label: '偏差原因', type: 'textarea' },
      { name: 'measure', label: '改进措施', type: 'textarea' },
      { name: 'likelihood', label: '完成可能性（可选）', type: 'select' },
    ],
    onSubmit: ({ checkpoint, ...v }) => send('/deviations', compact({ ...v, ...(checkpoint === '' ? {} : { checkpoint: checkpoint === 'year-end' ? checkpoint : Number(checkpoint) }) })),
  });

  /** Where a gap of a refused submit is fixed: the deviation form, on that indicator (or on execution), at year end. */
  function openGap(field) {
    const indicatorId = field.startsWith('indicators.') ? field.slice('indicators.'.length) : '';
    deviation.set('indicatorId', indicatorId);
    deviation.set('checkpoint', 'year-end');
    deviation.el.scrollIntoView({ block: 'center' });
    deviation.input('reason').focus();
  }
  const submit = commandForm({
    id: 'form-submit',
    title: '提交自评',
    submitLabel: '提交自评',
    intro: h('p.sub', '提交后不能再修改，除非重新打开。未完全达成的指标与低于 90% 的执行率须先填写偏差说明。'),
    fields: [{ name: 'comment', label: '说明（可选）', type: 'textarea' }],
    onSubmit: (v) => send('/evaluation/submit', compact(v)),
    linkFor: (e) => (e.field === 'execution' || String(e.field).startsWith('indicators.')
      ? h('a.gap', { href: location.hash, onclick: (event) => (event.preventDefault(), openGap(e.field)) }, `${e.message}：去填写`)
      : undefined),
  });
  const reopen = commandForm({
    id: 'form-reopen',
    title: '重新打开自评（须说明原因）',
    submitLabel: '重新打开',
    fields: [{ name: 'reason', label: '原因', type: 'textarea' }],
    onSubmit: (v) => send('/evaluation/reopen', compact(v)),
  });

  const goals = commandForm({
    id: 'form-goals',
    title: '年度总体目标（修改须说明原因）',
    submitLabel: '保存',
    fields: [
      { name: 'annual', label: '年度总体目标', type: 'textarea', rows: 3, keep: true },
      { name: 'longTerm', label: '长期目标（可选）', type: 'textarea', rows: 2, keep: true },
      { name: 'reason', label: '修改原因', type: 'textarea' },
    ],
    onSubmit: (v) => send('/goals', compact(v)),
  });
  const achievements = commandForm({
    id: 'form-achievements',
    title: '实际完成情况',
    submitLabel: '保存',
    fields: [
      { name: 'text', label: '实际完成情况（自评表“年度总体目标”一栏的对照）', type: 'textarea', rows: 4, keep: true },
      { name: 'reason', label: '修改原因（已填写过时必填）' },
    ],
    onSubmit: (v) => send('/achievements', compact(v), 'PUT'),
  });
  const period = commandForm({
    id: 'form-period',
    title: '项目实施期',
    submitLabel: '保存',
    fields: [
      { name: 'period', label: '实施期', placeholder: '如 2022.1-2022.12', keep: true },
      { name: 'reason', label: '修改原因（已登记过时必填）' },
    ],
    onSubmit: (v) => send('/implementation-period', compact(v), 'PUT'),
  });
  const unit = commandForm({
    id: 'form-display-unit',
    title: '报表金额单位',
    submitLabel: '保存',
    fields: [{ name: 'unit', label: '自评表、监控表的金额单位', type: 'select', options: [['元', '元'], ['万元', '万元']], keep: true }],
    onSubmit: (v) => send('/display-unit', v, 'PUT'),
  });
  const execution = commandForm({
    id: 'form-execution-override',
    title: '人工调整预算执行率得分（须说明理由）',
    submitLabel: '调整',
    fields: [
      { name: 'score', label: '得分', placeholder: '不超过预算执行率分值' },
      { name: 'reason', label: '理由', type: 'textarea' },
    ],
    onSubmit: ({ score: s, ...v }) => send('/execution/score-override', compact({ ...v, score: s.trim() ? numberOrText(s) : '' })),
  });

  const records = h('div.records');
  let filled = false;
  return {
    forms: [deviation.el, submit.el, reopen.el, goals.el, achievements.el, period.el, unit.el, execution.el],
    records,
    update({ project: p }) {
      const each = (values) => values.map((v) => [v, v]);
      deviation.setOptions('indicatorId', [['', '预算执行（整体）'], ...p.indicators.map((i) => [i.id, indicatorLabel(i)])]);
      deviation.setOptions('checkpoint', [['', '按今天所在的监控时点'], ...[...new Set(p.policy.checkpoints ?? [])].sort((a, b) => a - b).map((m) => [String(m), `${m}月`]), ['year-end', '年末自评']]);
      deviation.setOptions('category', each(p.choices.deviationCategories));
      deviation.setOptions('likelihood', [['', '—'], ...each(p.choices.likelihoods)]);
      submit.el.hidden = p.status === 'submitted';
      reopen.el.hidden = p.status !== 'submitted';
      if (!filled) {
        goals.set('annual', p.goals.annual ?? '');
        goals.set('longTerm', p.goals.longTerm ?? '');
        achievements.set('text', p.achievements.text ?? '');
        period.set('period', p.implementationPeriod?.text ?? (p.implementationPeriod ? `${p.implementationPeriod.start} 至 ${p.implementationPeriod.end}` : ''));
        filled = true;
      }
      unit.set('unit', p.displayUnit);
      fill(records, deviationTable(p), evaluationBox(p));
    },
  };
}

const checkpointText = (c) => (c === 'year-end' ? '年末' : c ? `${c}月` : '—');

function deviationTable(p) {
  const names = new Map(p.indicators.map((i) => [i.id, `${i.id} · ${i.level2} · ${i.name}`]));
  const rows = p.deviations.map((d) =>
    h('tr', h('td', d.indicatorId ? names.get(d.indicatorId) ?? d.indicatorId : '预算执行'), h('td.nowrap', checkpointText(d.checkpoint)), h('td', d.category), h('td', d.reason), h('td', d.measure), h('td', d.likelihood ?? '—'), h('td', `${d.actor} ${timestamp(d.recordedAt)}`)));
  return h('table.grid.compact.deviations',
    h('caption', '偏差原因分析及改进措施'),
    h('thead', h('tr', ['对象', '时点', '类别', '原因', '措施', '可能性', '记录'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 7 }, '暂无记录。'))));
}

function evaluationBox(p) {
  const events = [
    ...p.evaluation.submissions.map((s) => [s.recordedAt, `提交自评：总分 ${score(s.total)}，等级 ${s.grade}（${s.actor}）`]),
    ...p.evaluation.reopenings.map((r) => [r.recordedAt, `重新打开：${r.reason}（${r.actor}）`]),
  ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return h('div.box.evaluation-state',
    h('h3', `自评状态：${STATUS[p.status] ?? p.status}`),
    events.length ? h('ul', events.map(([at, text]) => h('li', `${timestamp(at)} ${text}`))) : h('p.sub', '尚未提交自评。'));
}
