import type { Principal } from './principal.js';

/**
 * What a role may do (pure):
 * - recorder: read and record in its departments;
 * - reviewer: also approve (target revisions, budget adjustments, reopening) in its departments;
 * - finance, auditor: read every department, write nothing.
 */
export type Action = 'read' | 'record' | 'approve';

export function allows(principal: Principal, action: Action, department: string | undefined): boolean {
  // "*" stands for every department (e.g. a provincial reviewer, or the development tokens).
  const ownDepartment = department !== undefined && (principal.departments.includes(department) || principal.departments.includes('*'));
  switch (principal.role) {
    case 'finance':
    case 'auditor':
      return action === 'read';
    case 'recorder':
      return action !== 'approve' && ownDepartment;
    case 'reviewer':
      return ownDepartment;
  }
}

/** Departments whose projects a principal may list; undefined means all. */
export function readableDepartments(principal: Principal): string[] | undefined {
  if (principal.role === 'finance' || principal.role === 'auditor' || principal.departments.includes('*')) return undefined;
  return principal.departments;
}

const APPROVALS = new Set(['ReviseTarget', 'AdjustBudget', 'ReopenEvaluation']);

export const actionOfCommand = (commandType: string): Action => (APPROVALS.has(commandType) ? 'approve' : 'record');
