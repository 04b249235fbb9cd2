import { api, ApiError, query } from '../api.js';
import { h, fill } from '../dom.js';
import { plainProblem, rowOf } from '../messages.js';
import { dateInYear, projectPath, projectTabs, serverToday } from './parts.js';
import { loadProject } from './project.js';

/** The last day of a month, "2022-06-30" for (2022, 6). */
const monthEnd = (year, month) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** What a value looks like for each kind of target. */
const HINTS = { qualitative: '达成 / 部分达成 / 未达成', deadline: '完成日期，如 2022-11-30' };

const COLUMNS = [
  ['actual', '实际完成值'],
  ['forecast', '预计全年完成值'],
  ['note', '备注'],
];

/**
 * #/p/<id>/batch?asOf= — every indicator's actual (and forecast) as of one checkpoint in one grid,
 * saved as ONE command (record-actuals): all rows or none. A refusal is shown at each row it is
 * about and every typed value stays; a block pasted from Excel fills the rows below.
 */
export async function batchView(root, { id, params }) {
  const data = await loadProject(id);
  let project = data.project;
  let revision = project.revision;
  const today = dateInYear(serverToday(data.monitoring), project.year);
  const months = [...new Set(project.policy?.checkpoints ?? [3, 6, 10, 12])].sort((a, b) => a - b);
  // The latest checkpoint already passed, else today.
  const passed = months.map((m) => monthEnd(project.year, m)).filter((d) => d <= today);
  const asOfInput = h('input', { type: 'date', id: 'batch-asof', name: 'asOf', value: params.asOf ?? passed.at(-1) ?? today, min: `${project.year}-01-01`, max: `${project.year}-12-31` });
  const asOfError = h('div.field-error', { id: 'batch-asof-error' });
  const top = h('div.form-problem', { role: 'alert', tabindex: '-1', hidden: true });
  const status = h('p.form-status', { role: 'status' });
  const button = h('button', { type: 'submit' }, '整批保存');

  const cells = new Map(); // indicatorId → {actual, forecast, note, error, row}
  const body = h('tbody');
  function renderRows() {
    fill(body, project.indicators.map((i) => {
      const kept = cells.get(i.id);
      const inputs = Object.fromEntries(COLUMNS.map(([name, label]) => {
        const input = h('input', { name, 'aria-label': `${i.id} ${i.name} ${label}`, autocomplete: 'off', value: kept?.[name].value ?? '', placeholder: name === 'note' ? '' : HINTS[i.kind] });
        input.addEventListener('paste', (e) => pasteBlock(e, i.id, name));
        return [name, input];
      }));
      const error = h('div.field-error.row-error');
      const latest = i.latestActual;
      const row = h('tr', { dataset: { indicator: i.id } },
        h('td', i.id),
        h('td', h('div', i.level1Name), h('div.sub', i.level2)),
        h('td.name', i.name),
        h('td.target', i.targetText),
        h('td.actual', latest ? [h('div', latest.text), h('div.sub', `截至 ${latest.asOf}`)] : '—'),
        h('td.input', inputs.actual, error),
        h('td.input', inputs.forecast),
        h('td.input', inputs.note));
      cells.set(i.id, { ...inputs, error, row });
      return row;
    }));
  }

  /** Tab-separated lines pasted into a cell fill that column and the ones to its right, row by row downward. */
  function pasteBlock(event, indicatorId, column) {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/[\t\n]/.test(text.trim())) return;
    event.preventDefault();
    const ids = project.indicators.map((i) => i.id);
    const start = ids.indexOf(indicatorId);
    const first = COLUMNS.findIndex(([name]) => name === column);
    text.replace(/\r/g, '').replace(/\n$/, '').split('\n').forEach((line, r) => {
      const target = cells.get(ids[start + r]);
      if (!target) return;
      line.split('\t').forEach((value, c) => {
        const name = COLUMNS[first + c]?.[0];
        if (name) target[name].value = value.trim();
      });
    });
  }

  function clearErrors() {
    top.hidden = true;
    fill(asOfError);
    asOfInput.removeAttribute('aria-invalid');
    for (const c of cells.values()) {
      fill(c.error);
      c.row.classList.remove('refused');
      for (const [name] of COLUMNS) c[name].removeAttribute('aria-invalid');
    }
  }

  async function save(event) {
    event.preventDefault();
    if (button.disabled) return;
    clearErrors();
    fill(status);
    const sent = [];
    for (const i of project.indicators) {
      const c = cells.get(i.id);
      const v = Object.fromEntries(COLUMNS.map(([name]) => [name, c[name].value.trim()]));
      if (!v.actual && !v.forecast && !v.note) continue;
      sent.push({ indicatorId: i.id, ...(v.actual ? { actual: v.actual } : {}), ...(v.forecast ? { forecast: v.forecast } : {}), ...(v.note ? { note: v.note } : {}) });
    }
    if (sent.length === 0) {
      fill(top, h('strong', '请至少填写一个指标的实际完成值或预计值'));
      top.hidden = false;
      return;
    }
    button.disabled = true;
    try {
      const { data: reply } = await api('POST', `${projectPath(id)}/actuals/batch`, { asOf: asOfInput.value, rows: sent }, { ifMatch: revision });
      project = (await loadProject(id)).project;
      revision = project.revision;
      cells.clear();
      renderRows();
      fill(status, `已保存 ${sent.length} 个指标（版本 ${reply.revision}）`);
    } catch (e) {
      showRefusal(e, sent);
    } finally {
      button.disabled = false;
    }
  }

  function showRefusal(e, sent) {
    const plain = plainProblem(e instanceof ApiError ? e.problem : { detail: `页面错误：${e.message}` });
    const rest = [];
    for (const err of plain.errors) {
      const index = rowOf(err.field);
      const c = index === undefined ? undefined : cells.get(sent[index]?.indicatorId);
      if (c) {
        const column = COLUMNS.find(([name]) => err.field.endsWith(`.${name}`))?.[0] ?? 'actual';
        const label = COLUMNS.find(([name]) => name === column)[1];
        c.error.append(h('div', err.message.startsWith(label) ? err.message : `${label}：${err.message}`));
        c[column].setAttribute('aria-invalid', 'true');
        c.row.classList.add('refused');
      } else if (err.field === 'asOf') {
        asOfError.append(h('div', err.message));
        asOfInput.setAttribute('aria-invalid', 'true');
      } else rest.push(err.message);
    }
    const rows = new Set(plain.errors.map((x) => rowOf(x.field)).filter((x) => x !== undefined)).size;
    fill(top,
      h('strong', rows > 0 ? `${rows} 行未通过，整批未保存（其他行也未写入），已填写的内容保留，请修改标红的行后再保存` : plain.summary),
      rest.length ? h('ul', rest.map((m) => h('li', m))) : null);
    top.hidden = false;
    (root.querySelector('[aria-invalid="true"]') ?? top).focus();
  }

  renderRows();
  const go = (date) => (location.hash = `#/p/${encodeURIComponent(id)}/batch${query({ asOf: date })}`);
  fill(root,
    projectTabs(id, 'batch'),
    h('h1', `${project.name} · 批量填报`),
    h('form.batch', { id: 'form-batch', novalidate: true, onsubmit: save },
      h('div.toolbar',
        h('label', { for: 'batch-asof' }, '截至日期'), asOfInput,
        h('span.sep', '监控时点：'),
        months.map((m) => h('button.small.secondary', { type: 'button', 'aria-pressed': String(asOfInput.value === monthEnd(project.year, m)), onclick: () => go(monthEnd(project.year, m)) }, `${m}月底`)),
        asOfError),
      h('p.sub', '只填写需要记录的行；可从 Excel / WPS 复制一列或多列粘贴到第一个单元格。保存时整批校验：任何一行未通过，整批都不写入，问题显示在该行。'),
      top,
      h('div.table-box', h('table.grid.batch-grid',
        h('caption', '各指标的完成情况'),
        h('thead', h('tr', ['编号', '一级 / 二级指标', '三级指标', '年度指标值', '最近实际完成值', '实际完成值', '预计全年完成值', '备注'].map((t) => h('th', { scope: 'col' }, t)))),
        body)),
      h('div.actions', button, status)));
}
