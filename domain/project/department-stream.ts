import { departmentKey } from '../department/department-key.js';
import { projectStream } from './events.js';

export { departmentKey };

/**
 * A department-year (部门整体) lives in the stream `department-<key>-<year>`, where key is the
 * department's name NFKC-normalised with all whitespace removed: readable in audits, stable, no hashing
 * ("成都市 工商业联合会" and "成都市工商业联合会" are one department). Names holding `/` or control
 * characters are refused; in URLs the id is the name itself (percent-encoded by clients).
 */
export const DEPARTMENT_STREAM_PREFIX = 'department-';

/** Why a department name cannot name a stream; undefined when it can. */
export function departmentNameProblem(name: string): string | undefined {
  const key = departmentKey(name);
  if (key === '') return '部门名称不能为空 / the department name is empty';
  // eslint-disable-next-line no-control-regex
  if (/[/\u0000-\u001f\u007f-\u009f]/u.test(key)) return '部门名称不能包含 / 或控制字符 / the name holds "/" or a control character';
  return undefined;
}

/** The id of a department-year: `<key>-<year>` (its stream is `department-<id>`). */
export const departmentYearId = (name: string, year: number): string => `${departmentKey(name)}-${year}`;

/** Which stream a command or a query is about: a project-year (by its id) or a department-year. */
export type YearRef = { kind: 'project' | 'department'; id: string };

/** A bare string is a project id (every caller written before department-years). */
export const refOf = (target: string | YearRef): YearRef => (typeof target === 'string' ? { kind: 'project', id: target } : target);

export const departmentRef = (name: string, year: number): YearRef => ({ kind: 'department', id: departmentYearId(name, year) });

export const streamOfRef = (target: string | YearRef): string => {
  const ref = refOf(target);
  return ref.kind === 'department' ? `${DEPARTMENT_STREAM_PREFIX}${ref.id}` : projectStream(ref.id);
};

/** 项目 / 部门整体, for messages. */
export const refNoun = (target: string | YearRef): string => (refOf(target).kind === 'department' ? '部门整体' : '项目');
