import { get, query } from '../api.js';
import { h, fill } from '../dom.js';
import { COLOURS, chip, percent, score, STATUS } from '../format.js';

/** #/ — every project with its colour, execution and score; filters live in the hash so a view can be shared. */
export async function listView(root, { params }) {
  const filters = { department: params.department ?? '', year: params.year ?? '', colour: params.colour ?? '' };
  const [all, shown] = await Promise.all([
    get('/api/projects'),
    get(`/api/projects${query(filters)}`),
  ]);

  const departments = [...new Set(all.projects.map((p) => p.department))].sort();
  const years = [...new Set(all.projects.map((p) => p.year))].sort((a, b) => b - a);

  const select = (name, label, options) =>
    h('div.field.inline', h('label', { for: `filter-${name}` }, label),
      h('select', { id: `filter-${name}`, name },
        h('option', { value: '' }, '全部'),
        options.map(([value, text]) => h('option', { value: String(value) }, text))));

  const form = h('form.filters', { 'aria-label': '筛选' },
    select('department', '主管部门', departments.map((d) => [d, d])),
    select('year', '年度', years.map((y) => [y, `${y}年`])),
    select('colour', '颜色', Object.entries(COLOURS).map(([k, c]) => [k, `${c.label}（${c.meaning}）`])),
    h('a.button.secondary', { href: '#/' }, '清除筛选'),
  );
  for (const [name, value] of Object.entries(filters)) form.elements[name].value = value;
  form.addEventListener('change', () => {
    const next = Object.fromEntries(['department', 'year', 'colour'].map((n) => [n, form.elements[n].value]));
    location.hash = `#/${query(next)}`;
  });

  const rows = shown.projects.map((p) =>
    h('tr', { dataset: { project: p.id } },
      h('td', h('a', { href: `#/p/${encodeURIComponent(p.id)}` }, p.name), h('div.sub', p.code)),
      h('td', p.department),
      h('td.num', String(p.year)),
      h('td', chip(p.colour)),
      h('td.num', percent(p.executionPercent)),
      h('td.num', score(p.total)),
      h('td', p.grade),
      h('td', STATUS[p.status] ?? p.status),
    ));

  fill(root,
    h('h1', '项目列表'),
    form,
    h('table.grid.projects',
      h('caption', `共 ${shown.projects.length} 个项目${shown.projects.length !== all.projects.length ? `（全部 ${all.projects.length} 个）` : ''}`),
      h('thead', h('tr', ['项目名称 / 编码', '主管部门', '年度', '颜色', '预算执行率', '总分', '等级', '状态'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', rows.length ? rows : h('tr', h('td.empty', { colspan: 8 }, '没有符合条件的项目。')))),
  );
}
