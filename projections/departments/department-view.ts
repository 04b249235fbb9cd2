import type { DeclaredProject } from '../../domain/project/state.js';
import type { Scorecard } from '../../domain/scoring/scorecard-types.js';
import { projectView, type ProjectView } from '../project-view.js';
import { tasksExecution, type TaskExecution } from './task-execution.js';

/**
 * The answer of `GET /api/departments/:name/:year`: the department-year's own stream read as a project
 * is (budget by source, goals, indicators with their task, spending, judgments, history of each), plus
 * its 年度主要任务 with their execution, its score, and the roll-up of its projects.
 */
export type DepartmentView<Rollup> = ProjectView & {
  kind: 'department';
  tasks: TaskExecution[];
  /** Spending that names no task. */
  unassignedSpentFen: number;
  scorecard: Scorecard;
  /** The roll-up of the department's projects for the same year and point. */
  projects: Rollup;
};

export function departmentView<Rollup>(state: DeclaredProject, card: Scorecard, projects: Rollup): DepartmentView<Rollup> {
  const { tasks, unassignedSpentFen } = tasksExecution(state);
  return { ...projectView(state), kind: 'department', tasks, unassignedSpentFen, scorecard: card, projects };
}
