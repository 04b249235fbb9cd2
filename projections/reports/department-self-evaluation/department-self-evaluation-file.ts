import { formGridHtml } from '../self-evaluation-html.js';
import { formGridXlsx } from '../self-evaluation-xlsx.js';
import { departmentSelfEvaluationGrid } from './department-self-evaluation-grid.js';
import type { DepartmentSelfEvaluationTable } from './department-self-evaluation-table.js';

export const DEPARTMENT_SELF_EVALUATION_FORMATS = ['json', 'xlsx', 'html'] as const;
export type DepartmentSelfEvaluationFormat = (typeof DEPARTMENT_SELF_EVALUATION_FORMATS)[number];

export type DepartmentSelfEvaluationFile = {
  format: Exclude<DepartmentSelfEvaluationFormat, 'json'>;
  mediaType: string;
  /** `<department>-部门整体支出绩效自评表-<year>.<ext>`. */
  fileName: string;
  body: string | Buffer;
};

/** The department's 自评表 as a workbook or a printable page, by the project form's writers. */
export async function departmentSelfEvaluationFile(table: DepartmentSelfEvaluationTable, format: DepartmentSelfEvaluationFile['format']): Promise<DepartmentSelfEvaluationFile> {
  const grid = departmentSelfEvaluationGrid(table);
  const h = table.header;
  const body =
    format === 'xlsx'
      ? await formGridXlsx(grid, table.title)
      : formGridHtml(grid, { title: table.title, year: h.year, moneyUnit: table.moneyUnit, name: h.department });
  return {
    format,
    mediaType: format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/html; charset=utf-8',
    fileName: `${h.department}-部门整体支出绩效自评表-${h.year}.${format}`,
    body,
  };
}
