import { getActor, getToken, setActor, setToken } from './api.js';
import { h, fill } from './dom.js';
import { listView } from './views/list.js';
import { projectView } from './views/project.js';
import { monitoringView } from './views/monitoring.js';
import { historyView } from './views/history.js';
import { departmentsView } from './views/departments.js';
import { departmentView } from './views/department.js';
import { importView } from './views/import.js';
import { batchView } from './views/batch-entry.js';
import { newProjectView, targetsView } from './views/new-project.js';
import { askActorOnce } from './actor.js';
import { plainProblem } from './messages.js';
import { setWriteGuard } from './api.js';

/**
 * Hash routes: #/ (list, ?department=&year=&colour=), #/p/<id>, #/p/<id>/monitoring?asOf=,
 * #/p/<id>/history?asOf=&from=&to=, #/new (register), #/p/<id>/targets (the target grid), #/p/<id>/batch?asOf=, #/import,
 * #/departments?year=&asOf=&unit=, #/d/<department>/<year>?asOf=&unit=.
 */
export function parseRoute(hash) {
  const [path, search = ''] = hash.replace(/^#/, '').split('?');
  const params = Object.fromEntries(new URLSearchParams(search));
  const parts = (path || '/').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { view: 'new', params };
  if (parts[0] === 'p' && parts[1]) return { view: parts[2] ?? 'project', id: parts[1], params };
  if (parts[0] === 'import') return { view: 'import', params };
  if (parts[0] === 'departments') return { view: 'departments', params };
  if (parts[0] === 'd' && parts[1] && parts[2]) return { view: 'department', name: parts[1], year: parts[2], params };
  return { view: 'list', params };
}

const VIEWS = {
  list: listView,
  project: projectView,
  monitoring: monitoringView,
  history: historyView,
  new: newProjectView,
  targets: targetsView,
  batch: batchView,
  import: importView,
  departments: departmentsView,
  department: departmentView,
};

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
    fill(root, h('div.form-problem', { role: 'alert' }, h('strong', e.problem ? plainProblem(e.problem).summary : e.message ?? String(e))), h('p', h('a', { href: '#/' }, '返回项目列表')));
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
setWriteGuard(askActorOnce);
window.addEventListener('hashchange', render);
render();
