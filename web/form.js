import { ApiError } from './api.js';
import { h, fill } from './dom.js';
import { labelOf, plainProblem } from './messages.js';

let uid = 0;

/**
 * A form that sends one command. Fields: {name, label, type: text|date|number|select|textarea,
 * options: [[value, label]], placeholder, hint, keep}. On a refusal every typed value stays, each
 * `errors[].message` appears under the input whose name matches its `field`, and the detail (plus
 * anything without an input, or `linkFor(error)`: a link to where it is fixed) at the top, all in plain
 * Chinese (messages.js). `onRefused(error)` runs after a refusal is shown. `keep` fields survive a successful submit; others are cleared.
 */
export function commandForm({ id, title, fields, submitLabel, onSubmit, onRefused, intro, linkFor }) {
  const top = h('div.form-problem', { role: 'alert', tabindex: '-1', hidden: true });
  const status = h('p.form-status', { role: 'status' });
  const inputs = new Map();
  const errorSlots = new Map();

  const rows = fields.map((f) => {
    const inputId = `${id}-${f.name}-${++uid}`;
    const errorId = `${inputId}-error`;
    const common = { id: inputId, name: f.name, 'aria-describedby': errorId };
    let input;
    if (f.type === 'select') {
      input = h('select', common, (f.options ?? []).map(([value, label]) => h('option', { value }, label)));
    } else if (f.type === 'textarea') {
      input = h('textarea', { ...common, rows: f.rows ?? 2, placeholder: f.placeholder });
    } else {
      input = h('input', { ...common, type: f.type ?? 'text', placeholder: f.placeholder, step: f.step, autocomplete: 'off' });
    }
    if (f.value !== undefined) input.value = f.value;
    const slot = h('div.field-error', { id: errorId });
    inputs.set(f.name, input);
    errorSlots.set(f.name, slot);
    return h('div.field', { dataset: { field: f.name } }, h('label', { for: inputId }, f.label), input, f.hint ? h('div.hint', f.hint) : null, slot);
  });

  const button = h('button', { type: 'submit' }, submitLabel ?? '提交');
  const form = h('form.command', { id, novalidate: true, 'aria-label': title }, h('h3', title), intro ?? null, top, rows, h('div.actions', button, status));

  function clearErrors() {
    top.hidden = true;
    fill(top);
    for (const [name, slot] of errorSlots) {
      fill(slot);
      inputs.get(name).removeAttribute('aria-invalid');
    }
  }

  /** "indicators[0].target" → the input named so, else the one named after its first segment. */
  function slotFor(field) {
    if (!field) return undefined;
    if (errorSlots.has(field)) return field;
    const head = String(field).split(/[.[]/)[0];
    return errorSlots.has(head) ? head : undefined;
  }

  /** The refusal in plain Chinese (messages.js): each message under its input, the rest at the top. */
  function showProblem(problem) {
    const plain = plainProblem(problem);
    const unplaced = [];
    for (const e of plain.errors) {
      const name = slotFor(e.field);
      if (name) {
        errorSlots.get(name).append(h('div', e.message));
        inputs.get(name).setAttribute('aria-invalid', 'true');
      } else unplaced.push(e);
    }
    fill(
      top,
      h('strong', plain.summary || '提交失败'),
      unplaced.length ? h('ul', unplaced.map((e) => h('li', linkFor?.(e) ?? (labelOf(e.field) && !e.message.startsWith(labelOf(e.field)) ? `${labelOf(e.field)}：${e.message}` : e.message)))) : null,
    );
    top.hidden = false;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    clearErrors();
    fill(status);
    const values = Object.fromEntries([...inputs].map(([name, input]) => [name, input.value]));
    button.disabled = true;
    try {
      const message = await onSubmit(values);
      for (const f of fields) if (!f.keep) inputs.get(f.name).value = f.value ?? '';
      fill(status, message ?? '已保存');
    } catch (e) {
      if (e instanceof ApiError) showProblem(e.problem);
      else showProblem({ detail: `页面错误：${e.message}` });
      onRefused?.(e);
      const first = [...inputs.values()].find((i) => i.getAttribute('aria-invalid') === 'true');
      (first ?? top).focus?.();
    } finally {
      button.disabled = false;
    }
  });

  return {
    el: form,
    input: (name) => inputs.get(name),
    set(name, value) {
      const input = inputs.get(name);
      if (input) input.value = value;
    },
    /** Replaces a select's options, keeping the chosen value when it still exists. */
    setOptions(name, options) {
      const select = inputs.get(name);
      const chosen = select.value;
      fill(select, options.map(([value, label]) => h('option', { value }, label)));
      if (options.some(([value]) => value === chosen)) select.value = chosen;
    },
  };
}

/** The body of a command from form values: empty optional fields are left out. */
export function compact(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v !== 'string' || v.trim() !== ''));
}
