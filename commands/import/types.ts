import type { DeclareTargetsInput, DeclareTasksInput, RegisterProjectInput, SpendingPlanInput } from '../project/inputs.js';
import type { Target } from '../../domain/values/types.js';
import type { ImportWarning } from './grid.js';

export type { ImportWarning } from './grid.js';

export type ImportSource = { fileName: string; content: Buffer | string };

/**
 * What the user adds where the tables are silent. year applies to every project that lacks one;
 * department to every project, above what a table names (docs/domain.md §10); code and budget only
 * when the file holds a single project (one code for many projects is wrong).
 */
export type ImportParams = { year?: number; department?: string; code?: string; budget?: string | number };

export type PreviewIndicator = {
  level1: string;
  level2: string;
  name: string;
  /** The target as printed. */
  target: string;
  /** Where the target cell is in the file ("第12行", "Sheet1!D7"), as the warnings name it. */
  place: string;
  parsed: Target | null;
  display: string | null;
  standard?: string;
  /** The 年度主要任务 (id) of a department's indicator, read from its `任务N:` prefix. */
  task?: string;
};

export type ImportedProject = {
  /** A 部门整体 table: a department-year (register-department: name, year, budget, goals, displayUnit), with its tasks. */
  kind?: 'department';
  /** The body of RegisterProject (of RegisterDepartment for a department-year: name is the department's), as far as the table (and params) tell it. */
  register: Partial<RegisterProjectInput> & { name: string };
  /** 年度主要任务 of a department-year. */
  tasks?: DeclareTasksInput;
  targets: DeclareTargetsInput;
  spendingPlan?: SpendingPlanInput;
  /** Fields RegisterProject needs that neither the table nor the params gave: name, code, year, department, budget. */
  missing: string[];
  preview: { indicators: PreviewIndicator[]; budgetFen?: number };
  source: { place: string };
};

export type ImportResult = { projects: ImportedProject[]; warnings: ImportWarning[] };
