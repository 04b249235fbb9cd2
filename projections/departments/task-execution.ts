import type { Task } from '../../domain/project/events.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import { round2 } from '../../domain/scoring/round.js';

/**
 * A 年度主要任务 with its money: the amounts declared for it by source, and what was spent on it — the
 * spending that names the task (a payment may name none: it counts for the department only).
 */
export type TaskExecution = {
  id: string;
  name: string;
  content: string | null;
  amounts: { name: string; fen: number }[];
  /** Sum of the amounts declared; null when none was. */
  budgetFen: number | null;
  /** Spending that names this task. */
  spentFen: number;
  /** spentFen / budgetFen × 100, rounded to 2 decimals; null without a budget. */
  executionPercent: number | null;
};

export type TasksExecution = {
  tasks: TaskExecution[];
  /** Spending that names no task. */
  unassignedSpentFen: number;
};

export function tasksExecution(state: Pick<DeclaredProject, 'tasks' | 'spending'>): TasksExecution {
  const byTask = new Map<string, number>();
  let unassigned = 0;
  for (const s of state.spending) {
    if (s.task === undefined) unassigned += s.amountFen;
    else byTask.set(s.task, (byTask.get(s.task) ?? 0) + s.amountFen);
  }
  return { tasks: (state.tasks ?? []).map((t) => taskExecution(t, byTask.get(t.id) ?? 0)), unassignedSpentFen: unassigned };
}

function taskExecution(task: Task, spentFen: number): TaskExecution {
  const amounts = task.amounts ?? [];
  const budgetFen = amounts.length === 0 ? null : amounts.reduce((a, s) => a + s.fen, 0);
  return {
    id: task.id,
    name: task.name,
    content: task.content ?? null,
    amounts: amounts.map((a) => ({ name: a.name, fen: a.fen })),
    budgetFen,
    spentFen,
    executionPercent: budgetFen ? round2((spentFen / budgetFen) * 100) : null,
  };
}
