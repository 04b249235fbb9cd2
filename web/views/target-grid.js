import { api } from '../api.js';
import { h, fill } from '../dom.js';
import { plainProblem, rowOf } from '../messages.js';

/** The columns of a 绩效指标表 as copied from Excel / WPS, in their order. */
export const GRID_COLUMNS = [
  ['level1', '一级指标', 6],
  ['level2', '二级指标', 7],
  ['name', '三级指标', 14],
  ['target', '指标值', 8],
  ['points', '分值', 3],
  ['standard', '评分标准', 10],
];

const KIND = { quantitative: '定量', deadline: '完成时限', qualitative: '定性', 'not-applicable': '不适用' };

/** A header row pasted along with the block is skipped. */
const isHeader = (cells) => cells.some((c) => /^(一级指标|二级指标|三级指标|指标值|年度指标值)$/.test(c.trim()));

/**
 * The indicator table as an editable grid: rows added, removed and moved; a block pasted from Excel
 * fills rows from the cell it lands in (empty 一级/二级 cells — merged in the sheet — take the value
 * above); each 指标值 shows how the system reads it as one types (POST /api/read/targets, nothing
 * recorded); a refusal of declare-targets shows at its cell (indicators[3].target → row 4, 指标值).
 */
export function targetGrid({ year, rows: initial = [] }) {
  const rows = [];
  const body = h('tbody');
  const top = h('div.form-problem', { role: 'alert', tabindex: '-1', hidden: true });

  function addRow(values = {}, at = rows.length) {
    const errors = {};
    const inputs = Object.fromEntries(GRID_COLUMNS.map(([name, label, size]) => {
      const input = h('input', { name, size, autocomplete: 'off', 'aria-label': label, value: values[name] ?? '' });
      input.addEventListener('paste', (e) => pasteBlock(e, row, name));
      // An edited cell is no longer the one refused: its message goes.
      input.addEventListener('input', () => (input.removeAttribute('aria-invalid'), fill(errors[name])));
      if (name === 'target' || name === 'name') input.addEventListener('input', scheduleReading);
      errors[name] = h('div.field-error');
      return [name, input];
    }));
    const reading = h('div.reading');
    const error = h('div.field-error');
    const tr = h('tr');
    const row = { inputs, errors, reading, error, tr };
    const button = (label, title, onclick) => h('button.small.secondary', { type: 'button', title, 'aria-label': title, onclick }, label);
    fill(tr,
      h('td.num.row-no'),
      GRID_COLUMNS.map(([name]) => h(`td.input.col-${name}`, inputs[name], name === 'target' ? reading : null, errors[name])),
      h('td.nowrap.row-actions',
        button('↑', '上移', () => move(row, -1)),
        button('↓', '下移', () => move(row, 1)),
        button('删除', '删除此行', () => remove(row)),
        error));
    rows.splice(at, 0, row);
    render();
    return row;
  }

  function render() {
    fill(body, rows.map((r, i) => {
      r.tr.dataset.row = String(i);
      r.tr.querySelector('.row-no').textContent = String(i + 1);
      return r.tr;
    }));
  }

  function move(row, by) {
    const i = rows.indexOf(row);
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    rows.splice(i, 1);
    rows.splice(j, 0, row);
    render();
  }

  function remove(row) {
    rows.splice(rows.indexOf(row), 1);
    render();
    scheduleReading();
  }

  function pasteBlock(event, row, column) {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.trim())) return;
    event.preventDefault();
    const lines = text.replace(/\r/g, '').split('\n').filter((l) => l.trim() !== '').map((l) => l.split('\t'));
    const block = lines.length > 0 && isHeader(lines[0]) ? lines.slice(1) : lines;
    const first = GRID_COLUMNS.findIndex(([name]) => name === column);
    let index = rows.indexOf(row);
    for (const cells of block) {
      const target = rows[index] ?? addRow();
      cells.forEach((value, c) => {
        const name = GRID_COLUMNS[first + c]?.[0];
        if (name) target.inputs[name].value = value.trim();
      });
      // Merged cells arrive empty: the 一级 / 二级 of the row above.
      const above = rows[index - 1];
      for (const name of ['level1', 'level2']) if (above && target.inputs[name].value === '') target.inputs[name].value = above.inputs[name].value;
      index += 1;
    }
    scheduleReading();
  }

  let timer;
  let ticket = 0;
  function scheduleReading() {
    clearTimeout(timer);
    timer = setTimeout(readAll, 250);
  }
  async function readAll() {
    const mine = ++ticket;
    const list = [...rows];
    const sent = list.map((r) => ({ target: r.inputs.target.value, name: r.inputs.name.value }));
    if (sent.length === 0) return;
    try {
      const { data } = await api('POST', '/api/read/targets', { ...(year() ? { year: year() } : {}), rows: sent }, { readOnly: true });
      if (mine !== ticket) return;
      data.readings.forEach((reading, i) => {
        const r = list[i];
        if (!r.inputs.target.value.trim() && !r.inputs.name.value.trim()) return fill(r.reading);
        if (reading.ok) fill(r.reading, `读作：${reading.reading}（${KIND[reading.kind]}）`);
        else fill(r.reading, h('span.warn', reading.error));
        r.reading.dataset.ok = String(reading.ok);
      });
    } catch {
      // The reading is a help while typing; the save says what is wrong.
    }
  }

  function clearErrors() {
    top.hidden = true;
    for (const r of rows) {
      fill(r.error);
      for (const slot of Object.values(r.errors)) fill(slot);
      r.tr.classList.remove('refused');
      for (const input of Object.values(r.inputs)) input.removeAttribute('aria-invalid');
    }
  }

  /** The rows with anything typed, as declare-targets takes them (a number of points as a number). */
  function indicators() {
    const filled = rows.filter((r) => Object.values(r.inputs).some((i) => i.value.trim() !== ''));
    return {
      filled,
      body: filled.map((r) => {
        const v = Object.fromEntries(GRID_COLUMNS.map(([name]) => [name, r.inputs[name].value.trim()]));
        return Object.fromEntries(Object.entries({ ...v, points: /^\d+(\.\d+)?$/.test(v.points) ? Number(v.points) : v.points }).filter(([, x]) => x !== ''));
      }),
    };
  }

  /** Shows a refusal of declare-targets at its cells; `sentRows` are the rows the body was built from. */
  function showProblem(problem, sentRows) {
    const plain = plainProblem(problem);
    const rest = [];
    for (const err of plain.errors) {
      const index = rowOf(err.field, 'indicators');
      const r = index === undefined ? undefined : sentRows[index];
      const column = String(err.field).split('.').pop();
      if (r && r.inputs[column]) {
        r.inputs[column].setAttribute('aria-invalid', 'true');
        r.errors[column].append(h('div', err.message));
        r.tr.classList.add('refused');
      } else if (r) {
        r.error.append(h('div', err.message));
        r.tr.classList.add('refused');
      } else rest.push(err.message);
    }
    fill(top, h('strong', plain.summary), rest.length ? h('ul', rest.map((m) => h('li', m))) : null);
    top.hidden = false;
  }

  for (const values of initial) addRow(values);
  if (rows.length === 0) for (let i = 0; i < 3; i += 1) addRow();
  scheduleReading();

  const el = h('section.target-grid', { 'aria-label': '绩效指标表' },
    h('h2', '绩效指标表'),
    h('p.sub', '可从 Excel / WPS 复制整块（一级指标、二级指标、三级指标、指标值、分值、评分标准）粘贴到任一单元格；表头行会被跳过，合并单元格留空的一级、二级指标沿用上一行。'),
    top,
    h('div.table-box', h('table.grid.compact.targets',
      h('thead', h('tr', h('th', '#'), GRID_COLUMNS.map(([, label]) => h('th', { scope: 'col' }, label)), h('th', { scope: 'col' }, '操作'))),
      body)),
    h('div.toolbar', h('button.secondary', { type: 'button', onclick: () => addRow().inputs.level1.focus() }, '添加一行')));

  return { el, indicators, clearErrors, showProblem, showMessage: (text) => (fill(top, h('strong', text)), (top.hidden = false)), rowCount: () => rows.length };
}
