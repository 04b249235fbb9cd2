import { monitoringFormHtml } from './monitoring-form-html.js';
import type { MonitoringFormTable } from './monitoring-form-table.js';
import { monitoringFormXlsx } from './monitoring-form-xlsx.js';

export const MONITORING_FORM_FORMATS = ['json', 'xlsx', 'html'] as const;
export type MonitoringFormFormat = (typeof MONITORING_FORM_FORMATS)[number];

export type MonitoringFormFile = {
  format: Exclude<MonitoringFormFormat, 'json'>;
  mediaType: string;
  /** `<project name>-绩效监控表-<year>年1-N月.<ext>`. */
  fileName: string;
  body: string | Buffer;
};

export async function monitoringFormFile(table: MonitoringFormTable, format: MonitoringFormFile['format']): Promise<MonitoringFormFile> {
  const fileName = `${table.header.projectName}-绩效监控表-${table.header.year}年1-${table.month}月.${format}`;
  if (format === 'xlsx') {
    return { format, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName, body: await monitoringFormXlsx(table) };
  }
  return { format, mediaType: 'text/html; charset=utf-8', fileName, body: monitoringFormHtml(table) };
}
