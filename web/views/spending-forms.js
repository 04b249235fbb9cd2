import { h, fill } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { fenToYuan } from '../format.js';
import { spendingPlanForm } from './spending-plan.js';

/**
 * 支出: a payment (a negative amount corrects one, with its reason — the row's 更正 button fills it in),
 * the payments with their 合计, the spending plan and 全年预计执行数.
 */
export function spendingForms(session) {
  const spending = commandForm({
    id: 'form-spending',
    title: '记录支出',
    submitLabel: '记录',
    fields: [
      { name: 'amount', label: '金额（元）', placeholder: '如 50000 或 5万元；负数为更正' },
      { name: 'date', label: '支出日期', type: 'date', keep: true },
      { name: 'source', label: '资金来源', type: 'select', keep: true },
      { name: 'note', label: '摘要（可选）' },
      { name: 'reference', label: '凭证号（可选）' },
      { name: 'reason', label: '更正原因（负数时必填）' },
    ],
    onSubmit: (v) => session.send('/spending', compact(v)),
  });

  const forecast = commandForm({
    id: 'form-spending-forecast',
    title: '全年预计执行数',
    submitLabel: '记录',
    fields: [
      { name: 'amount', label: '预计全年执行数（元）', placeholder: '如 48万元' },
      { name: 'asOf', label: '预计日期', type: 'date', keep: true },
      { name: 'source', label: '资金来源', type: 'select', keep: true },
      { name: 'note', label: '依据（可选）' },
    ],
    onSubmit: (v) => session.send('/spending-forecasts', compact(v)),
  });

  const plan = spendingPlanForm(session);
  const records = h('div.records-one');

  /** Fills the form with the payment reversed: same date and source, the reason left to the user. */
  function correct(s) {
    spending.set('amount', fenToYuan(-s.amountFen).replace(/,/g, ''));
    spending.set('date', s.date);
    if (s.source) spending.set('source', s.source);
    spending.set('note', `更正 ${s.date}${s.note ? ` ${s.note}` : ''}`);
    spending.set('reference', s.reference ?? '');
    spending.el.scrollIntoView({ block: 'nearest' });
    spending.input('reason').focus();
  }

  let datesSet = false;
  return {
    forms: [spending.el, plan.el, forecast.el],
    records,
    update({ project: p }) {
      const sources = p.budget.sources.map((s) => [s.name, s.name]);
      spending.setOptions('source', [['', sources.length ? `（默认：${sources[0][0]}）` : '（未分来源）'], ...sources]);
      forecast.setOptions('source', [['', '（整个项目）'], ...sources]);
      if (!datesSet) {
        spending.set('date', session.today);
        forecast.set('asOf', session.today);
        datesSet = true;
      }
      plan.update(p);
      fill(records, spendingTable(p, correct));
    },
  };
}

/** The payments in date order, each with its 更正 button, and the 合计 row. */
function spendingTable(p, correct) {
  const sorted = [...p.spending].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.revision - b.revision));
  const withSources = p.budget.sources.length > 1;
  const rows = sorted.map((s) =>
    h('tr', { dataset: { revision: s.revision } },
      h('td.nowrap', s.date),
      h('td.num', { class: s.amountFen < 0 ? 'negative' : undefined }, fenToYuan(s.amountFen)),
      withSources ? h('td', s.source ?? p.budget.sources[0]?.name ?? '') : null,
      h('td', s.note ?? ''),
      h('td', s.reference ?? ''),
      h('td', s.reason ?? ''),
      h('td.nowrap', s.actor),
      h('td', s.amountFen > 0 ? h('button.small.secondary', { type: 'button', onclick: () => correct(s) }, '更正') : '')));
  const head = ['日期', '金额（元）', withSources ? '资金来源' : null, '摘要', '凭证号', '更正原因', '记录人', ''].filter((x) => x !== null);
  const total = p.spending.reduce((sum, s) => sum + s.amountFen, 0);
  return h('table.grid.compact.spending',
    h('caption', '支出记录'),
    h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: head.length }, '暂无支出。'))),
    h('tfoot', h('tr.total', h('th', { scope: 'row' }, '合计'), h('td.num', { 'data-spending-total': '' }, fenToYuan(total)), h('td', { colspan: head.length - 2 }, `共 ${p.spending.length} 笔`))));
}
