import { ApiError } from '../api.js';
import { h, fill } from '../dom.js';
import { plainProblem, rowOf } from '../messages.js';

/**
 * 资金支出计划: a row per month, the cumulative % planned by its end (leave a month empty to skip it).
 * Sent as one command; a refusal shows at the month it is about, the typed values stay.
 */
export function spendingPlanForm(session) {
  const inputs = new Map();
  const slots = new Map();
  const rows = [];
  for (let month = 1; month <= 12; month += 1) {
    const input = h('input', { type: 'text', inputmode: 'decimal', name: `m${month}`, 'aria-label': `${month}月底累计支出计划（%）`, size: 5, autocomplete: 'off' });
    const slot = h('div.field-error');
    inputs.set(month, input);
    slots.set(month, slot);
    rows.push(h('tr', { dataset: { month } }, h('th', { scope: 'row' }, `${month}月底`), h('td', input, ' %', slot)));
  }
  const reason = h('input', { name: 'reason', id: 'plan-reason', autocomplete: 'off', placeholder: '已有支出记录后修改计划须说明' });
  const reasonSlot = h('div.field-error');
  const top = h('div.form-problem', { role: 'alert', tabindex: '-1', hidden: true });
  const status = h('p.form-status', { role: 'status' });
  const button = h('button', { type: 'submit' }, '保存计划');
  const form = h('form.command.plan', { id: 'form-spending-plan', novalidate: true, 'aria-label': '资金支出计划' },
    h('h3', '资金支出计划（累计 %）'), top,
    h('table.grid.compact.months', h('tbody', rows)),
    h('div.field', h('label', { for: 'plan-reason' }, '修改原因（可选）'), reason, reasonSlot),
    h('div.actions', button, status));

  function clear() {
    top.hidden = true;
    for (const slot of [...slots.values(), reasonSlot]) fill(slot);
    for (const input of [...inputs.values(), reason]) input.removeAttribute('aria-invalid');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear();
    fill(status);
    const checkpoints = [...inputs].filter(([, i]) => i.value.trim() !== '').map(([month, i]) => ({ month, cumulativePercent: Number(i.value.trim().replace(/%$/, '')) }));
    const bad = checkpoints.filter((c) => Number.isNaN(c.cumulativePercent));
    if (bad.length) {
      for (const c of bad) fill(slots.get(c.month), '请填写数字，如 30');
      return;
    }
    button.disabled = true;
    try {
      const body = { checkpoints, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) };
      fill(status, await session.send('/spending-plan', body, 'PUT'));
      reason.value = '';
    } catch (e) {
      const plain = plainProblem(e instanceof ApiError ? e.problem : { detail: e.message });
      const rest = [];
      for (const err of plain.errors) {
        const index = rowOf(err.field, 'checkpoints');
        const month = index === undefined ? undefined : checkpoints[index]?.month;
        if (month !== undefined) {
          slots.get(month).append(h('div', err.message));
          inputs.get(month).setAttribute('aria-invalid', 'true');
        } else if (err.field === 'reason') {
          reasonSlot.append(h('div', err.message));
          reason.setAttribute('aria-invalid', 'true');
        } else rest.push(err.message);
      }
      fill(top, h('strong', plain.summary), rest.length ? h('ul', rest.map((m) => h('li', m))) : null);
      top.hidden = false;
    } finally {
      button.disabled = false;
    }
  });

  return {
    el: form,
    update(project) {
      const planned = new Map(project.spendingPlan.map((c) => [c.month, c.cumulativePercent]));
      for (const [month, input] of inputs) if (input.getAttribute('aria-invalid') !== 'true') input.value = planned.has(month) ? String(planned.get(month)) : '';
    },
  };
}
