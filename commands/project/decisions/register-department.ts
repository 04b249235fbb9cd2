import { Refusal, invalid } from '../../errors.js';
import type { RegisterDepartmentInput } from '../inputs.js';
import { departmentKey, departmentNameProblem } from '../../../domain/project/department-stream.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
import { registerProject } from './register-project.js';

/**
 * A department-year is registered by the project's rule (budget and sources, policy, display unit),
 * as a ProjectRegistered of kind 'department' whose code is the department's key and whose
 * department is its name as given.
 */
export function registerDepartment(state: ProjectState, input: RegisterDepartmentInput, ctx: DecisionContext): Decided[] {
  const problem = departmentNameProblem(input.name);
  if (problem) throw invalid('name', problem);
  if (state.status !== 'none') {
    throw new Refusal('conflict', 'department-year-exists', `部门整体「${state.department}」${input.year} 年度已登记 / the department-year already exists`);
  }
  const decided = registerProject(state, { ...input, code: departmentKey(input.name), department: input.name }, ctx);
  return decided.map((d) => (d.type === 'ProjectRegistered' ? { ...d, data: { kind: 'department' as const, ...d.data } } : d));
}
