import { getActor, getToken, setActor, setToken } from './api.js';
import { h, fill } from './dom.js';
import { listView } from './views/list.js';
import { projectView } from './views/project.js';
import { monitoringView } from './views/monitoring.js';
import { historyView } from './views/history.js';
import { departmentsView } from './views/departments.js';
import { departmentView } from './views/department.js';

/**
 * Hash routes: #/ (list, ?department=&year=&colour=), #/p/<id>, #/p/<id>/monitoring?asOf=,
 * #/p/<id>/history?asOf=&from=&to=, #/departments?year=&asOf=&unit=, #/d/<department>/<year>?asOf=&unit=.
 */
export function parseRoute(hash) {
  const [path, search = ''] = hash.replace(/^#/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(search));
  const parts = (path || '/').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'p' && parts[1]) return { view: parts[2] ?? 'project', id: parts[1], params };
  if (parts[0] === 'departments') return { view: 'departments', params };
  if (parts[0] === 'd' && parts[1] && parts[2]) return { view: 'department', name: parts[1], year: parts[2], params };
  return { view: 'list', params };
}

const VIEWS = { list: listView, project: projectView, monitoring: monitoringView, history: historyView };
VIEWS.departments = departmentsView;
VIEWS.department = departmentView;

let renderCount = 0;

async function render() {
  const main = document.getElementById('main');
  const route = parseRoute(location.hash);
  const view = VIEWS[route.view];
  const ticket = ++renderCount;
  const root = h('div.view');
  fill(main, root);
  if (!view) {
    fill(root, h('p.notice', '没有这个页面。'), h('a', { href: '#/' }, '返回项目列表'));
    return;
  }
  try {
    await view(root, route);
  } catch (e) {
    if (ticket !== renderCount) return;
    fill(root, h('div.form-problem', { role: 'alert' }, h('strong', e.message ?? String(e))), h('p', h('a', { href: '#/' }, '返回项目列表')));
  }
}

function actorField() {
  const input = document.getElementById('actor');
  const saved = document.getElementById('actor-saved');
  input.value = getActor();
  const save = () => {
    setActor(input.value);
    saved.textContent = input.value.trim() ? '已保存' : '';
    setTimeout(() => (saved.textContent = ''), 1500);
  };
  input.addEventListener('change', save);
  const token = document.getElementById('token');
  token.value = getToken();
  token.addEventListener('change', () => {
    if (token.value.trim() === getToken()) return;
    setToken(token.value);
    render();
  });
  document.getElementById('actor-form').addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
}

actorField();
window.addEventListener('hashchange', render);
render();
