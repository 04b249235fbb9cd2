import { plainProblem } from '../messages.js';
import { query, upload } from '../api.js';
import { h, fill } from '../dom.js';
import { money } from '../format.js';

/**
 * #/import — a target table (xlsx, tab-separated text, Word text) uploaded, its dry run shown as
 * tables (each project, each indicator with its cell as written beside how it is read, warnings at
 * their cells, what was assumed), the import parameters (year, department, budget) fixed and the dry
 * run run again, then confirmed; the page ends on links to the projects recorded.
 */

const STATUS_WORDS = {
  'would-create': '将新建',
  'would-update': '将更新',
  unchanged: '无变化',
  created: '已新建',
  updated: '已更新',
  missing: '缺少信息',
  refused: '不能导入',
};
const RECORDABLE = new Set(['would-create', 'would-update']);
const FIELD_WORDS = { name: '项目名称', code: '项目编码', year: '年度', department: '主管部门', budget: '预算' };
const ACCEPT = '.xlsx,.txt,.tsv,.csv,.text';

/** What the page says about a parameter the API refused (the shared message layer can take this over). */
const PARAM_MESSAGES = {
  year: '年度应为 2000 至 2100 之间的四位数年份，如 2022',
  department: '请填写主管部门的全称',
  budget: '请写成金额，如 50万元 或 500000',
};

/**
 * The one place a refusal becomes text on this page: the shared plain-Chinese layer (messages.js),
 * with this page's own words for its three parameters.
 * {top: the headline and errors without a field here, fields: {year|department|budget: text}}.
 */
function problemText(problem) {
  const { summary, errors } = plainProblem(problem);
  const fields = {};
  const rest = [];
  for (const e of errors) {
    if (PARAM_MESSAGES[e.field]) fields[e.field] = PARAM_MESSAGES[e.field];
    else if (e.message) rest.push(e.message);
  }
  const headline = Object.keys(fields).length && !rest.length ? '请更正下面标出的信息' : summary || '导入失败';
  return { top: [headline, ...rest], fields };
}

/** A bilingual text's Chinese half ("中文 / English"). */
const chinesePart = (text) => String(text ?? '').split(' / ')[0];

export async function importView(root) {
  let file;
  let dry;

  const input = h('input', { id: 'import-file', type: 'file', accept: ACCEPT, class: 'visually-hidden' });
  const chosen = h('span.chosen', { 'aria-live': 'polite' }, '尚未选择文件');
  const drop = h('label.dropzone', { for: 'import-file', tabindex: '-1' },
    h('strong', '把表格文件拖到这里'),
    h('span', '或 ', h('span.button.secondary', '选择文件')),
    h('span.sub', 'Excel（.xlsx）、制表符分隔的文本（.txt，从 Excel/WPS 另存或复制）、从 Word 复制的表格文本；最大 20 MB'),
    chosen);

  const progress = h('progress', { max: 1, value: 0 });
  const progressText = h('span.progress-text');
  const progressBox = h('div.progress-box', { role: 'status', 'aria-live': 'polite', hidden: true }, progressText, progress);
  const problemBox = h('div.form-problem', { role: 'alert', tabindex: '-1', hidden: true });

  const yearInput = h('input', { id: 'import-year', name: 'year', inputmode: 'numeric', size: 6, placeholder: '如 2022', autocomplete: 'off', 'aria-describedby': 'import-year-error' });
  const deptInput = h('input', { id: 'import-department', name: 'department', maxlength: 100, placeholder: '如 黔南州工商业联合会', autocomplete: 'off', 'aria-describedby': 'import-department-error' });
  const budgetInput = h('input', { id: 'import-budget', name: 'budget', maxlength: 200, placeholder: '如 50万元', autocomplete: 'off', 'aria-describedby': 'import-budget-error' });
  const paramInputs = { year: yearInput, department: deptInput, budget: budgetInput };
  const paramErrors = Object.fromEntries(Object.keys(paramInputs).map((k) => [k, h('div.field-error', { id: `import-${k}-error` })]));
  const budgetHint = h('div.hint');
  const rerun = h('button', { type: 'submit' }, '按这些信息重新试导入');
  const paramsForm = h('form.import-params', { 'aria-label': '导入参数', novalidate: true },
    h('h2', '补充或更正'),
    h('p.sub', '表中没有写、或写得不对的信息在这里补上；填了的年度只用于没写年度的表，填了的主管部门用于所有项目。'),
    h('div.param-row',
      h('div.field', { dataset: { field: 'year' } }, h('label', { for: 'import-year' }, '年度'), yearInput, paramErrors.year),
      h('div.field', { dataset: { field: 'department' } }, h('label', { for: 'import-department' }, '主管部门'), deptInput, paramErrors.department),
      h('div.field', { dataset: { field: 'budget' } }, h('label', { for: 'import-budget' }, '预算（年初预算数）'), budgetInput, budgetHint, paramErrors.budget),
      h('div.field.button-field', rerun)));

  const previewBox = h('section.import-preview', { 'aria-label': '试导入结果', hidden: true });
  const resultBox = h('section.import-result', { 'aria-label': '导入结果', hidden: true });
  const confirm = h('button.confirm', { type: 'button' }, '确认导入');
  const confirmNote = h('span.sub');

  function params() {
    return { year: yearInput.value.trim(), department: deptInput.value.trim(), budget: budgetInput.disabled ? '' : budgetInput.value.trim() };
  }

  function busy(on) {
    rerun.disabled = on;
    confirm.disabled = on || !dry || !dry.projects.some((p) => RECORDABLE.has(p.outcome.status));
    input.disabled = on;
  }

  function showProblem(problem) {
    const { top, fields } = problemText(problem);
    fill(problemBox, h('strong', top[0]), top.length > 1 ? h('ul', top.slice(1).map((m) => h('li', m))) : null);
    problemBox.hidden = false;
    for (const [name, text] of Object.entries(fields)) {
      fill(paramErrors[name], text);
      paramInputs[name].setAttribute('aria-invalid', 'true');
    }
    (Object.keys(fields).length ? paramInputs[Object.keys(fields)[0]] : problemBox).focus();
  }

  function clearProblem() {
    problemBox.hidden = true;
    for (const [name, slot] of Object.entries(paramErrors)) {
      fill(slot);
      paramInputs[name].removeAttribute('aria-invalid');
    }
  }

  async function send(dryRun) {
    clearProblem();
    progressBox.hidden = false;
    progress.value = 0;
    fill(progressText, `正在上传 ${file.name}…`);
    busy(true);
    try {
      const path = `/api/import${query({ dryRun: String(dryRun), ...params() })}`;
      const { data } = await upload(path, file, {
        onProgress(loaded, total) {
          progress.value = total ? loaded / total : 0;
          fill(progressText, `正在上传 ${file.name}：${Math.floor((100 * loaded) / (total || 1))}%（${kb(loaded)} / ${kb(total)}）`);
        },
        onSent() {
          progress.removeAttribute('value');
          fill(progressText, dryRun ? '已上传，正在读取表格…' : '正在导入…');
          root.dataset.state = 'parsing';
        },
      });
      return data;
    } catch (e) {
      showProblem(e.problem ?? { detail: `页面错误：${e.message}` });
      return undefined;
    } finally {
      progressBox.hidden = true;
      delete root.dataset.state;
      busy(false);
    }
  }

  async function dryRun() {
    const answer = await send(true);
    if (!answer) return;
    dry = answer;
    resultBox.hidden = true;
    showPreview();
    busy(false);
  }

  function choose(f) {
    if (!f) return;
    file = f;
    fill(chosen, `已选择：${f.name}（${kb(f.size)}）`);
    dryRun();
  }

  input.addEventListener('change', () => choose(input.files?.[0]));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    choose(e.dataTransfer?.files?.[0]);
  });
  paramsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (file) dryRun();
  });
  confirm.addEventListener('click', async () => {
    const answer = await send(false);
    if (!answer) return;
    showResult(answer);
  });

  function showPreview() {
    const several = dry.projects.length > 1;
    budgetInput.disabled = several;
    fill(budgetHint, several ? '文件有多个项目：表中没有预算的按 0 元登记，导入后在项目页做预算调整。' : '');
    const recordable = dry.projects.filter((p) => RECORDABLE.has(p.outcome.status)).length;
    fill(confirm, recordable ? `确认导入 ${recordable} 个项目` : '确认导入');
    fill(confirmNote, recordable
      ? '导入后，每个项目按上表登记，指标按“读作”一栏申报。'
      : dry.projects.length ? '没有可以导入的项目：请先补上缺少的信息。' : '文件中没有找到绩效目标表。');
    const byPlace = new Map();
    for (const w of dry.warnings) byPlace.set(w.place, [...(byPlace.get(w.place) ?? []), w]);
    const placed = new Set();
    const cards = dry.projects.map((p, n) => projectCard(p, n, byPlace, placed, several));
    const others = dry.warnings.filter((w) => !placed.has(w));
    fill(previewBox,
      h('h2', '试导入结果'),
      h('p.summary-line', { dataset: { summary: '' } }, chinesePart(dry.message)),
      projectsTable(dry.projects),
      others.length ? warningsTable(others) : null,
      paramsForm,
      h('div.actions.confirm-bar', confirm, confirmNote),
      cards);
    previewBox.hidden = false;
  }

  function showResult(answer) {
    const done = answer.projects.filter((p) => ['created', 'updated', 'unchanged'].includes(p.outcome.status) && p.outcome.id);
    previewBox.hidden = true;
    fill(resultBox,
      h('h2', '导入完成'),
      h('p.summary-line', chinesePart(answer.message)),
      h('table.grid.compact',
        h('thead', h('tr', ['项目', '结果', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', answer.projects.map((p) =>
          h('tr', { dataset: { status: p.outcome.status } },
            h('td', p.outcome.id && p.outcome.status !== 'missing' && p.outcome.status !== 'refused'
              ? h('a', { href: `#/p/${encodeURIComponent(p.outcome.id)}` }, p.register.name)
              : p.register.name),
            h('td', STATUS_WORDS[p.outcome.status] ?? p.outcome.status),
            h('td', p.outcome.error ? chinesePart(p.outcome.error.detail) : p.outcome.missing.length ? `缺少：${p.outcome.missing.map((m) => FIELD_WORDS[m] ?? m).join('、')}` : ''))))),
      h('div.actions', h('a.button', { href: '#/' }, '查看项目列表'), h('a.button.secondary', { href: '#/import' }, '再导入一个文件')));
    resultBox.hidden = false;
    if (done.length === 1) location.hash = `#/p/${encodeURIComponent(done[0].outcome.id)}`;
  }

  fill(root,
    h('h1', '导入绩效目标表'),
    h('p', h('a', { href: '#/' }, '← 返回项目列表')),
    h('p.sub', '先试导入：页面显示从表中读到的项目和指标，确认无误后再导入。导入的每一项都以你的名义记录。'),
    drop, input, progressBox, problemBox, previewBox, resultBox);
  busy(false);
}

function kb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function statusChip(status) {
  return h(`span.status.status-${status}`, STATUS_WORDS[status] ?? status);
}

function budgetText(p) {
  const fen = p.preview.budgetFen;
  if (fen !== undefined) return money(`${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`, p.register.displayUnit ?? '元');
  return '—';
}

/** One line per project: what will happen to it. */
function projectsTable(projects) {
  return h('table.grid.compact.import-projects',
    h('caption', `项目（${projects.length} 个）`),
    h('thead', h('tr', ['#', '项目名称', '项目编码', '年度', '主管部门', '预算', '指标', '结果'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', projects.length === 0 ? h('tr', h('td.empty', { colspan: 8 }, '没有找到项目：请看下面的警告。')) : projects.map((p, n) => {
      const miss = new Set(p.outcome.missing.length ? p.outcome.missing : p.missing);
      const cell = (field, text) => h(miss.has(field) && p.outcome.status === 'missing' ? 'td.missing' : 'td', text ?? h('span.missing-word', '缺少'));
      return h('tr', { dataset: { index: String(n), status: p.outcome.status } },
        h('td.num', String(n + 1)),
        h('td', h('a', { href: `#import-project-${n}`, onclick: (e) => { e.preventDefault(); document.getElementById(`import-project-${n}`)?.scrollIntoView(); } }, p.register.name)),
        cell('code', p.register.code),
        cell('year', p.register.year !== undefined ? String(p.register.year) : undefined),
        cell('department', p.register.department),
        h('td.num', budgetText(p)),
        h('td.num', String(p.preview.indicators.length)),
        h('td', statusChip(p.outcome.status)));
    })));
}

function projectCard(p, n, byPlace, placed, several) {
  const o = p.outcome;
  const notes = [];
  if (o.status === 'missing') notes.push(h('li.missing', `缺少：${(o.missing.length ? o.missing : p.missing).map((m) => FIELD_WORDS[m] ?? m).join('、')}。请在上面的“补充或更正”中填写后重新试导入。`));
  for (const a of o.assumed) notes.push(h('li.assumed', `假定：${chinesePart(a)}`));
  if (o.error) notes.push(h('li.refused', chinesePart(o.error.detail)));
  const headerWarnings = (byPlace.get(p.source.place) ?? []).filter((w) => !placed.has(w));
  for (const w of headerWarnings) {
    placed.add(w);
    notes.push(h('li.warn', `${w.place}：${chinesePart(w.message)}`));
  }
  const rows = p.preview.indicators.map((i, k) => {
    const here = (byPlace.get(i.place) ?? []).filter((w) => !placed.has(w));
    for (const w of here) placed.add(w);
    return h('tr', { class: here.length ? 'has-warning' : undefined, dataset: { indicator: String(k) } },
      h('td.num', String(k + 1)),
      h('td', i.level1), h('td', i.level2), h('td.name', i.name),
      h('td.raw', h('span.cell-text', i.target || '（空）'), h('div.sub', i.place)),
      h('td.read', i.display ?? h('span.warn', '读不出'), here.map((w) => h('div.cell-warning', { role: 'note' }, `⚠ ${chinesePart(w.message)}`))),
      h('td', i.standard ?? ''));
  });
  const body = h('table.grid.compact.import-indicators',
    h('thead', h('tr', ['#', '一级指标', '二级指标', '三级指标', '表中所写（位置）', '读作', '指标值确定依据'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 7 }, '此表没有可导入的指标。'))));
  const plan = p.spendingPlan ? h('p.sub', `资金支出计划：${p.spendingPlan.checkpoints.map((c) => `${c.month}月底 ${c.cumulativePercent}%`).join('，')}`) : null;
  return h('details.import-project', { id: `import-project-${n}`, open: !several || n === 0 ? true : undefined, dataset: { index: String(n) } },
    h('summary', h('span.project-name', `${n + 1}. ${p.register.name}`), ' ', statusChip(o.status), h('span.sub', ` ${p.source.place} · ${p.preview.indicators.length} 个指标`)),
    notes.length ? h('ul.import-notes', notes) : null,
    plan,
    h('div.table-box', body));
}

function warningsTable(warnings) {
  return h('table.grid.compact.import-warnings',
    h('caption', `其他警告（${warnings.length} 条）`),
    h('thead', h('tr', ['位置', '表中所写', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', warnings.map((w) => h('tr', h('td.nowrap', w.place), h('td', w.raw), h('td', chinesePart(w.message))))));
}
