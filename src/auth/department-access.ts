import { departmentKey } from '../../domain/department/department-key.js';
import { allows, readableDepartments } from './access-rules.js';
import type { Principal } from './principal.js';

/**
 * Reading a department's roll-up: the role's read rule (access-rules.ts), with the department named
 * by its key, as the roll-up matches projects: a recorder of "成都市工商业联合会" reads "成都市 工商业联合会".
 */
export function readsDepartment(principal: Principal, name: string): boolean {
  const key = departmentKey(name);
  const own = principal.departments.find((d) => departmentKey(d) === key);
  return allows(principal, 'read', own ?? name);
}

/** Keys of the departments whose rows a principal may list; undefined: all. */
export function listableDepartmentKeys(principal: Principal): Set<string> | undefined {
  const names = readableDepartments(principal);
  return names === undefined ? undefined : new Set(names.map(departmentKey));
}
