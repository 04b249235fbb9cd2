import { get, query, withTokenClick } from '../api.js';
import { h, fill } from '../dom.js';
import { COLOURS, chip, money, percent, score, STATUS } from '../format.js';

/**
 * #/ — every project with its colour, budget, spending, score and forecast. Filters, search and sort
 * live in the hash (so a view can be shared) and are applied by the server, which also writes the
 * Excel file of exactly what is shown (GET /api/projects?…&format=xlsx).
 */

const COLUMNS = [
  { key: 'name', label: '项目名称 / 编码' },
  { key: 'department', label: '主管部门' },
  { key: 'year', label: '年度', num: true },
  { key: 'colour', label: '颜色', title: '按颜色排序：最差的在前' },
  { key: 'budget', label: '全年预算数', num: true },
  { key: 'spent', label: '全年执行数', num: true },
  { key: 'executionPercent', label: '执行率', num: true },
  { key: 'total', label: '总分 / 等级', num: true },
  { key: 'forecastTotal', label: '预计总分 / 等级', num: true, title: '按预计值计算的年末总分与等级' },
  { key: 'status', label: '状态' },
];

const STATE_KEYS = ['department', 'year', 'colour', 'q', 'sort', 'order'];

export async function listView(root, { params }) {
  const state = Object.fromEntries(STATE_KEYS.map((k) => [k, params[k] ?? '']));
  const all = await get('/api/projects');

  if (all.projects.length === 0) {
    fill(root,
      h('h1', '项目列表'),
      h('section.welcome', { 'aria-label': '开始' },
        h('h2', '还没有项目'),
        h('p', '把部门的绩效目标表（Excel 表格、制表符分隔的文本或从 Word 复制的文本）导入进来，或者逐个新建项目。'),
        h('div.actions', h('a.button', { href: '#/import' }, '导入绩效目标表'), h('a.button.secondary', { href: '#/new' }, '新建项目'))),
      legend(all.colourThresholds));
    return;
  }

  const departments = [...new Set(all.projects.map((p) => p.department))].sort();
  const years = [...new Set(all.projects.map((p) => p.year))].sort((a, b) => b - a);
  const select = (name, label, options) =>
    h('div.field.inline', h('label', { for: `filter-${name}` }, label),
      h('select', { id: `filter-${name}`, name },
        h('option', { value: '' }, '全部'),
        options.map(([value, text]) => h('option', { value: String(value) }, text))));
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', placeholder: '名称、编码或部门', autocomplete: 'off', size: 16 });
  const form = h('form.filters', { 'aria-label': '筛选与搜索', role: 'search' },
    h('div.field.inline', h('label', { for: 'filter-q' }, '搜索'), search),
    select('department', '主管部门', departments.map((d) => [d, d])),
    select('year', '年度', years.map((y) => [y, `${y}年`])),
    select('colour', '颜色', Object.entries(COLOURS).map(([k, c]) => [k, `${c.label}（${c.meaning}）`])),
    h('a.button.secondary', { href: '#/' }, '清除'),
  );
  for (const name of ['department', 'year', 'colour', 'q']) form.elements[name].value = state[name];
  form.addEventListener('submit', (e) => e.preventDefault());

  const caption = h('caption');
  const tbody = h('tbody');
  const headRow = h('tr');
  const exportLink = h('a.button.secondary', { download: '' }, '导出 Excel');
  const table = h('table.grid.projects', caption, h('thead', headRow), tbody);

  let ticket = 0;
  async function reload() {
    const mine = ++ticket;
    const shownQuery = query({ ...state, ...(state.sort ? {} : { order: '' }) });
    history.replaceState(null, '', `#/${shownQuery}`);
    const exportPath = `/api/projects${query({ ...state, ...(state.sort ? {} : { order: '' }), format: 'xlsx' })}`;
    exportLink.href = exportPath;
    exportLink.onclick = withTokenClick(exportPath, '项目列表.xlsx');
    const shown = await get(`/api/projects${shownQuery}`);
    if (mine !== ticket) return;
    drawHead();
    fill(caption, `共 ${shown.projects.length} 个项目${shown.projects.length !== all.projects.length ? `（全部 ${all.projects.length} 个）` : ''}`);
    fill(tbody, shown.projects.length ? shown.projects.map(row) : h('tr', h('td.empty', { colspan: COLUMNS.length }, '没有符合条件的项目。')));
  }

  function drawHead() {
    fill(headRow, COLUMNS.map((c) => {
      const sorted = state.sort === c.key;
      const arrow = sorted ? (state.order === 'desc' ? '▼' : '▲') : '';
      return h('th', { scope: 'col', 'aria-sort': sorted ? (state.order === 'desc' ? 'descending' : 'ascending') : undefined, class: c.num ? 'num' : undefined },
        h('button.sort', { type: 'button', dataset: { sort: c.key }, title: c.title ?? `按${c.label}排序`,
          onclick: () => {
            state.order = sorted && state.order !== 'desc' ? 'desc' : 'asc';
            state.sort = c.key;
            reload();
          } }, c.label, h('span.arrow', { 'aria-hidden': 'true' }, arrow)));
    }));
  }

  let typing;
  form.addEventListener('input', (e) => {
    if (e.target === search) {
      clearTimeout(typing);
      typing = setTimeout(() => { state.q = search.value.trim(); reload(); }, 250);
    }
  });
  form.addEventListener('change', (e) => {
    if (e.target === search) return;
    for (const n of ['department', 'year', 'colour']) state[n] = form.elements[n].value;
    reload();
  });

  fill(root,
    h('div.list-head',
      h('h1', '项目列表'),
      h('div.actions', h('a.button', { href: '#/import' }, '导入绩效目标表'), h('a.button.secondary', { href: '#/new' }, '新建项目'), exportLink)),
    form,
    legend(all.colourThresholds),
    h('div.table-box', table),
  );
  await reload();
}

function row(p) {
  return h('tr', { dataset: { project: p.id } },
    h('td.name', h('a', { href: `#/p/${encodeURIComponent(p.id)}` }, p.name), h('div.sub', p.code)),
    h('td', p.department),
    h('td.num', String(p.year)),
    h('td', chip(p.colour)),
    h('td.num', { dataset: { col: 'budget' } }, money(p.budget, p.displayUnit)),
    h('td.num', { dataset: { col: 'spent' } }, money(p.spent, p.displayUnit),
      h('div.sub', { title: '全年预计执行数' }, `预计 ${money(p.expectedSpent, p.displayUnit)}`)),
    h('td.num', percent(p.executionPercent)),
    h('td.num', { dataset: { col: 'total' } }, score(p.total), ' ', h('span.grade', p.grade)),
    h('td.num', { dataset: { col: 'forecast' } }, score(p.forecastTotal), ' ', h('span.grade', p.forecastGrade)),
    h('td.nowrap', STATUS[p.status] ?? p.status),
  );
}

/** What the colours mean, with the thresholds the server uses (its default policy). */
function legend(t = { red: 60, yellow: 80, blue: 120 }) {
  return h('section.legend', { 'aria-label': '颜色说明' },
    h('span.legend-title', '颜色说明：'),
    h('span', chip('red'), ` 进度比低于 ${t.red}`),
    h('span', chip('yellow'), ` 进度比 ${t.red} 至 ${t.yellow} 以下`),
    h('span', chip('green'), ` 进度比 ${t.yellow} 及以上`),
    h('span', chip('blue'), ` 指标进度比 ${t.blue} 及以上（目标可能定低了）`),
    h('span.sub', '进度比 = 实际完成比例 ÷ 计划比例 × 100；项目取预算执行和各指标中最差的颜色。以上为默认阈值，项目可以自定。'),
  );
}
