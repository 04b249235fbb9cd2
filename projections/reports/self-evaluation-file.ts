import type { DeclaredProject } from '../../domain/project/state.js';
import { selfEvaluationCsv } from './self-evaluation-csv.js';
import { selfEvaluationHtml } from './self-evaluation-html.js';
import type { SelfEvaluationTable } from './self-evaluation-table.js';
import { selfEvaluationXlsx } from './self-evaluation-xlsx.js';

export const SELF_EVALUATION_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type SelfEvaluationFormat = (typeof SELF_EVALUATION_FORMATS)[number];

/** The 自评表 in one of its file forms, with the name and media type it is handed out under. */
export type SelfEvaluationFile = {
  format: Exclude<SelfEvaluationFormat, 'json'>;
  mediaType: string;
  /** `<project name>-绩效自评表-<year>.<ext>`. */
  fileName: string;
  body: string | Buffer;
};

const MEDIA_TYPES: Record<SelfEvaluationFile['format'], string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export async function selfEvaluationFile(
  project: Pick<DeclaredProject, 'name' | 'year'>,
  table: SelfEvaluationTable,
  format: SelfEvaluationFile['format'],
): Promise<SelfEvaluationFile> {
  const body = format === 'csv' ? selfEvaluationCsv(table) : format === 'xlsx' ? await selfEvaluationXlsx(table) : selfEvaluationHtml(table);
  return { format, mediaType: MEDIA_TYPES[format], fileName: `${project.name}-绩效自评表-${project.year}.${format}`, body };
}
