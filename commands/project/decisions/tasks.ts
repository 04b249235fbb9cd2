import { notFound, refuse } from '../../errors.js';
import type { DeclaredProject } from '../../../domain/project/state.js';

/** Tasks belong to department-years only. */
export function requireDepartment(state: DeclaredProject): DeclaredProject {
  if (state.kind !== 'department') throw refuse('not-a-department', '年度主要任务只属于部门整体 / tasks belong to a department-year');
  return state;
}

/** The id of a task the state declares, else a refusal naming the field and the tasks there are. */
export function requireTask(state: DeclaredProject, id: string, field: string): string {
  if (state.tasks?.some((t) => t.id === id)) return id;
  const known = state.tasks?.map((t) => t.id).join(', ') || '（尚未申报年度主要任务）';
  if (state.kind !== 'department') throw refuse('not-a-department', `${field}: 只有部门整体的指标与支出可以属于任务 / only a department-year has tasks`, [{ field, message: '项目没有年度主要任务' }]);
  throw notFound('task-unknown', `${field}: 任务 ${id} 不存在；已有任务：${known} / no such task`, field);
}
