import type { DeclareTasksInput, IndicatorInput } from '../project/inputs.js';
import { TEXT_LIMITS } from '../project/limits.js';
import type { Warnings } from './grid.js';
import type { RawTable } from './raw-table.js';
import type { ImportedProject } from './types.js';

/** "任务1：非公经济信息建设" / "任务1: 系统故障率": the task number and the rest. */
const TASK_PREFIX = /^任务\s*(\d{1,3})\s*[:：]\s*/u;

/**
 * A 部门整体支出绩效目标表 as a department-year: the department's name (its 部门名称 without the
 * trailing 部门), the budget with its sources, the 年度总体目标 alone as goals, each 年度主要任务 as a
 * task (`任务N：` gives its id tN), and each indicator tied to its task by its `任务N:` prefix, which is
 * kept out of its name. `project` is what buildProject read from the same table.
 */
export function asDepartment(project: ImportedProject, table: RawTable, warnings: Warnings): ImportedProject {
  const name = project.register.department;
  const tasks = tasksOf(table, warnings);
  const known = new Set(tasks.map((t) => t.id));
  const indicators = project.targets.indicators.map((i): IndicatorInput => {
    const m = TASK_PREFIX.exec(i.name);
    if (!m) return i;
    const id = `t${Number(m[1])}`;
    const rest = i.name.slice(m[0].length);
    if (!known.has(id)) {
      warnings.add(table.place, i.name, `指标名称前缀「任务${m[1]}」没有对应的年度主要任务，指标不归属任何任务 / no such task: the indicator belongs to none`);
      return { ...i, name: rest };
    }
    return { ...i, name: rest, task: id };
  });
  const preview = project.preview.indicators.map((p) => {
    const m = TASK_PREFIX.exec(p.name);
    return m ? { ...p, name: p.name.slice(m[0].length), task: `t${Number(m[1])}` } : p;
  });
  const goals = [table.goalsAnnual.join('\n'), table.goalsLongTerm.join('\n')];
  const { code: _code, unit: _unit, implementationPeriod: _period, goals: _goals, ...register } = project.register;
  return {
    ...project,
    kind: 'department',
    register: {
      ...register,
      name: name ?? project.register.name,
      ...(goals[0] || goals[1] ? { goals: { ...(goals[0] ? { annual: goals[0] } : {}), ...(goals[1] ? { longTerm: goals[1] } : {}) } } : {}),
    },
    ...(tasks.length > 0 ? { tasks: { tasks } } : {}),
    targets: { indicators },
    // A department-year has no code: its name and year name it.
    missing: [...project.missing.filter((m) => m !== 'code' && m !== 'department'), ...(name === undefined ? ['department'] : [])],
    preview: { ...project.preview, indicators: preview },
  };
}

function tasksOf(table: RawTable, warnings: Warnings): DeclareTasksInput['tasks'] {
  const tasks: DeclareTasksInput['tasks'] = [];
  const ids = new Set<string>();
  table.tasks.forEach((raw, i) => {
    const m = TASK_PREFIX.exec(raw.name);
    let id = m ? `t${Number(m[1])}` : `t${i + 1}`;
    if (ids.has(id)) {
      warnings.add(table.place, raw.name, `任务编号重复，按顺序编为 t${i + 1} / task number given twice: numbered by position`);
      id = `t${i + 1}`;
    }
    ids.add(id);
    const name = (m ? raw.name.slice(m[0].length) : raw.name).trim();
    if (name === '') {
      warnings.add(table.place, raw.content.slice(0, 40), '年度主要任务没有任务名称，未导入 / a task without a name: not imported');
      return;
    }
    tasks.push({
      id,
      name: name.slice(0, TEXT_LIMITS.name),
      ...(raw.content !== '' ? { content: raw.content.slice(0, TEXT_LIMITS.goals) } : {}),
    });
  });
  return tasks;
}
