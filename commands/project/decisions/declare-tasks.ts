import { invalidMany, refuse, type FieldError } from '../../errors.js';
import type { Task } from '../../../domain/project/events.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { DeclareTasksInput } from '../inputs.js';
import type { Decided, DecisionContext } from '../command.js';
import { declarationEffectiveAt, money, requireOpen } from './guards.js';
import { requireDepartment } from './tasks.js';

/**
 * Declares the 年度主要任务 of a department-year, the whole list. Declared again it replaces the list:
 * freely until something is recorded, then with a reason; a task an indicator or a payment names cannot
 * be dropped (the history keeps every declaration).
 */
export function declareTasks(state: ProjectState, input: DeclareTasksInput, ctx: DecisionContext): Decided[] {
  const department = requireDepartment(requireOpen(state));
  if ((department.tasks?.length ?? 0) > 0 && department.targetsLocked && !input.reason) {
    throw refuse('reason-required', '已有执行记录，重新申报年度主要任务须说明原因（reason） / declaring the tasks again after facts were recorded needs a reason', [
      { field: 'reason', message: '必填' },
    ]);
  }
  const errors: FieldError[] = [];
  const sources = department.budget.sources.map((s) => s.name);
  const tasks: Task[] = input.tasks.map((raw, i) => {
    const id = raw.id ?? `t${i + 1}`;
    if (input.tasks.findIndex((o, j) => (o.id ?? `t${j + 1}`) === id) !== i) errors.push({ field: `tasks[${i}].id`, message: `任务标识 ${id} 重复 / duplicate id` });
    const amounts = (raw.amounts ?? []).map((a, k) => {
      if (sources.length > 0 && !sources.includes(a.name)) {
        errors.push({ field: `tasks[${i}].amounts[${k}].name`, message: `资金来源「${a.name}」未登记；已登记：${sources.join('、')}` });
      }
      const fen = money(`tasks[${i}].amounts[${k}].amount`, a.amount);
      if (fen < 0) errors.push({ field: `tasks[${i}].amounts[${k}].amount`, message: '金额不能为负 / cannot be negative' });
      return { name: a.name, fen };
    });
    return { id, name: raw.name, ...(raw.content ? { content: raw.content } : {}), ...(raw.amounts ? { amounts } : {}) };
  });
  const ids = new Set(tasks.map((t) => t.id));
  department.indicators.forEach((indicator) => {
    if (indicator.task !== undefined && !ids.has(indicator.task)) {
      errors.push({ field: 'tasks', message: `指标「${indicator.name}」（${indicator.id}）属于任务 ${indicator.task}，不能删去该任务` });
    }
  });
  for (const task of new Set(department.spending.map((s) => s.task).filter((t): t is string => t !== undefined))) {
    if (!ids.has(task)) errors.push({ field: 'tasks', message: `已有支出记在任务 ${task} 下，不能删去该任务` });
  }
  if (errors.length > 0) throw invalidMany(errors);
  return [
    {
      type: 'TasksDeclared',
      data: { tasks, ...(input.reason ? { reason: input.reason } : {}) },
      effectiveAt: declarationEffectiveAt(department.year, ctx),
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}
