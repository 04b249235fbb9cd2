import { api, ApiError } from '../api.js';
import { h, fill } from '../dom.js';
import { commandForm, compact } from '../form.js';
import { parseSourceLines } from './budget-forms.js';
import { projectPath, projectTabs } from './parts.js';
import { targetGrid } from './target-grid.js';

/** The body's field → the input it came from: budget.initial → initial, goals.annual → annual … */
const formField = (field) =>
  String(field)
    .replace(/^budget\.sources.*/, 'sources')
    .replace(/^budget\.initial$|^budget$/, 'initial')
    .replace(/^goals\./, '')
    .replace(/^implementationPeriod.*/, 'period');

const projectHref = (id) => `#/p/${encodeURIComponent(id)}`;

/** Saves the grid as ONE declare-targets command; a refusal stays on the grid at its cells and is rethrown. */
async function saveGrid(grid, id, ifMatch) {
  grid.clearErrors();
  const { filled, body } = grid.indicators();
  try {
    return await api('PUT', `${projectPath(id)}/targets`, { indicators: body }, ifMatch === undefined ? {} : { ifMatch });
  } catch (e) {
    if (e instanceof ApiError) grid.showProblem(e.problem, filled);
    throw e;
  }
}

/**
 * #/new — 绩效目标申报: the registration form and the indicator grid on one page. 保存 registers the
 * project (once) and then declares the grid; if the grid is refused the project stays registered, the
 * grid keeps what was typed with each problem at its cell, and the next 保存 only declares it.
 */
export async function newProjectView(root) {
  let registered;
  const yearNow = String(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
  const form = commandForm({
    id: 'form-register',
    title: '项目登记',
    submitLabel: '登记项目并保存指标表',
    fields: [
      { name: 'code', label: '项目编码', placeholder: '如 52270022P00430210142W', keep: true },
      { name: 'year', label: '年度', value: yearNow, keep: true },
      { name: 'name', label: '项目名称', keep: true },
      { name: 'department', label: '主管部门', keep: true },
      { name: 'unit', label: '实施单位（可选）', keep: true },
      { name: 'initial', label: '年初预算数（元）', placeholder: '如 50万元', keep: true },
      { name: 'sources', label: '资金来源（可选，每行“来源 金额”）', type: 'textarea', rows: 2, placeholder: '财政拨款 40万元\n其他资金 10万元', keep: true },
      { name: 'displayUnit', label: '报表金额单位', type: 'select', options: [['元', '元'], ['万元', '万元']], keep: true },
      { name: 'period', label: '项目实施期（可选）', placeholder: '如 2022.1-2022.12', keep: true },
      { name: 'annual', label: '年度总体目标（可选）', type: 'textarea', rows: 3, keep: true },
      { name: 'longTerm', label: '长期目标（可选）', type: 'textarea', rows: 2, keep: true },
    ],
    onSubmit: async (v) => {
      if (!registered) {
        const year = /^\d{4}$/.test(v.year.trim()) ? Number(v.year.trim()) : v.year;
        const goals = compact({ annual: v.annual, longTerm: v.longTerm });
        const budget = { initial: v.initial, ...(v.sources.trim() ? { sources: parseSourceLines(v.sources) } : {}) };
        const body = compact({ code: v.code, year, name: v.name, department: v.department, unit: v.unit, displayUnit: v.displayUnit, implementationPeriod: v.period });
        try {
          ({ data: registered } = await api('POST', '/api/projects', { ...body, budget, ...(Object.keys(goals).length ? { goals } : {}) }));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          throw new ApiError({ ...e.problem, errors: e.errors.map((x) => ({ ...x, field: formField(x.field) })) });
        }
        for (const name of ['code', 'year']) form.input(name).disabled = true;
      }
      if (grid.indicators().body.length > 0) {
        try {
          await saveGrid(grid, registered.id);
        } catch (e) {
          throw new ApiError({ status: 422, detail: `项目已登记（${registered.id}），指标表未保存：请修改表格中标红的单元格后再次保存。` });
        }
      }
      location.hash = projectHref(registered.id);
      return '已保存';
    },
  });
  const grid = targetGrid({ year: () => Number(form.input('year').value) || undefined });
  fill(root,
    h('h1', '新建项目（绩效目标申报）'),
    h('div.new-project', form.el, grid.el),
    h('p', h('a', { href: '#/' }, '返回项目列表')));
}

/** #/p/<id>/targets — the indicator table of a project whose table has no facts yet, in the grid. */
export async function targetsView(root, { id }) {
  const { data } = await api('GET', projectPath(id));
  const p = data.project;
  if (p.targetsLocked) {
    fill(root, projectTabs(id, 'targets'),
      h('p.notice', '指标表已有实际记录，不能整表替换：请在项目页对单个指标提交“目标调整”（须批准文号）。'),
      h('a', { href: projectHref(id) }, '返回项目'));
    return;
  }
  const grid = targetGrid({
    year: () => p.year,
    rows: p.indicators.map((i) => ({ level1: i.level1Name, level2: i.level2, name: i.name, target: i.targetText, points: i.points === undefined ? '' : String(i.points), standard: i.standard ?? '' })),
  });
  const status = h('p.form-status', { role: 'status' });
  const button = h('button', { type: 'button' }, '保存指标表');
  button.addEventListener('click', async () => {
    button.disabled = true;
    fill(status);
    try {
      if (grid.indicators().body.length === 0) {
        grid.showMessage('请至少填写一个指标');
        return;
      }
      await saveGrid(grid, id, p.revision);
      location.hash = projectHref(id);
    } catch {
      // Shown on the grid.
    } finally {
      button.disabled = false;
    }
  });
  fill(root,
    projectTabs(id, 'targets'),
    h('h1', `${p.name} · 编辑指标表`),
    grid.el,
    h('div.actions', button, h('a', { href: projectHref(id) }, '取消'), status));
}
