import { h, fill } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { fenToYuan, timestamp } from '../format.js';

/** "财政拨款 40万元" per line → [{name, amount}]; a line without an amount is sent as is so the API names it. */
export function parseSourceLines(text) {
  return text
    .split(/\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.+?)[\s:：,，\t]+(-?[\d,.]+\s*(?:亿元|万元|元)?)$/.exec(line);
      return m ? { name: m[1].trim(), amount: m[2].replace(/,/g, '').trim() } : { name: line, amount: '' };
    });
}

/**
 * 预算调整 (全年预算数, with its approval) and 资金来源: the amount of each source after the adjustment,
 * one per line; the sources and adjustments so far in a table beside.
 */
export function budgetForms(session) {
  const adjust = commandForm({
    id: 'form-budget',
    title: '预算调整（须批准文号）',
    submitLabel: '调整',
    fields: [
      { name: 'total', label: '调整后全年预算数（元）', placeholder: '如 60万元' },
      { name: 'effectiveDate', label: '生效日期', type: 'date', keep: true },
      { name: 'approvalRef', label: '批准文号' },
      { name: 'reason', label: '调整原因', type: 'textarea' },
      { name: 'sources', label: '各资金来源调整后金额（可选，每行“来源 金额”，合计须等于全年预算数）', type: 'textarea', rows: 3, placeholder: '财政拨款 50万元\n其他资金 10万元' },
    ],
    onSubmit: ({ sources, ...v }) => session.send('/budget-adjustments', compact({ ...v, ...(sources.trim() ? { sources: parseSourceLines(sources) } : {}) })),
  });
  const records = h('div.box.budget-records');

  let dateSet = false;
  return {
    forms: [adjust.el, records],
    focus: () => adjust.el.scrollIntoView({ block: 'nearest' }),
    update({ project: p }) {
      if (!dateSet) {
        adjust.set('effectiveDate', session.today);
        dateSet = true;
      }
      fill(records, budgetTable(p));
    },
  };
}

function budgetTable(p) {
  const sources = p.budget.sources.map((s) => h('tr', h('td', s.name), h('td.num', fenToYuan(s.fen)), h('td.num', fenToYuan(s.totalFen))));
  const adjustments = p.budget.adjustments.map((a) =>
    h('li', `${a.effectiveDate ?? ''} ${fenToYuan(a.previousFen)} → ${fenToYuan(a.totalFen)} 元（${a.approvalRef}，${a.reason}；${a.actor} ${timestamp(a.recordedAt)}）`));
  return [
    h('table.grid.compact.sources',
      h('caption', '资金来源'),
      h('thead', h('tr', ['来源', '年初预算数（元）', '全年预算数（元）'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', sources.length ? sources : h('tr', h('td.empty', { colspan: 3 }, '未分资金来源'))),
      h('tfoot', h('tr.total', h('th', { scope: 'row' }, '合计'), h('td.num', fenToYuan(p.budget.initialFen)), h('td.num', fenToYuan(p.budget.totalFen))))),
    h('h3', '预算调整记录'),
    adjustments.length ? h('ul.adjustments', adjustments) : h('p.sub', '暂无预算调整。'),
  ];
}
