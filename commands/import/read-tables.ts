import { filled, rowPlace, rowsPlace, rowText, type Grid, type Row, type Warnings } from './grid.js';
import { TITLE_RE } from './grid-from-word-lines.js';
import { readHeadRow, type HeadState } from './head-rows.js';
import { headerOf, withSubHeader, type Header } from './indicator-header.js';
import { readIndicatorRow } from './indicator-rows.js';
import type { Carry } from './levels.js';
import { emptyTable, type RawTable } from './raw-table.js';
import { departmentNarrative } from './department-narrative.js';
import { isHeaderRow, isSubHeaderRow, labelOf, NOTES_RE } from './vocabulary.js';

/**
 * Splits a grid into target tables and reads each. A table starts at a title ("…绩效目标表"), at a field
 * label such as 项目名称 when no table is open, or at a second 项目名称 once the open table has one; its
 * indicator block starts at the header row (一级指标 … 三级指标) and ends at the next table or a 备注 line.
 * Rows outside every table are reported as one warning per run.
 */
export function readTables(grid: Grid, warnings: Warnings): RawTable[] {
  const tables: RawTable[] = [];
  let table: RawTable | null = null;
  let header: Header | null = null;
  let expectSubHeader = false;
  let carry: Carry = {};
  let head: HeadState = { pending: [] };
  let outside: Row[] = [];

  const flushOutside = () => {
    const first = outside[0];
    const last = outside[outside.length - 1];
    const narrative = departmentNarrative(outside, warnings);
    if (narrative) tables.push(narrative);
    else if (first && last) {
      warnings.add(
        rowsPlace(first, last),
        rowText(first),
        `表格之外的文字（${outside.length} 行），未导入 / ${outside.length} row(s) of text outside the tables, not imported`,
      );
    }
    outside = [];
  };
  const open = (row: Row, title?: string): RawTable => {
    flushOutside();
    const opened = emptyTable(rowPlace(row), title);
    tables.push(opened);
    header = null;
    carry = {};
    head = { pending: [] };
    return opened;
  };

  for (const row of grid.rows) {
    const cells = filled(row);
    if (cells.length === 0) continue;
    const texts = row.cells.map((c) => c.text);
    const single = cells.length === 1 ? cells[0]!.text : undefined;
    if (single !== undefined && single.length <= 60 && TITLE_RE.test(single)) {
      table = open(row, single);
      continue;
    }
    if (isHeaderRow(texts)) {
      table ??= open(row);
      header = headerOf(row);
      expectSubHeader = true;
      continue;
    }
    const startsProject = cells.some((c) => {
      const label = labelOf(c.text);
      return label?.kind === 'field' && label.field === 'name';
    });
    if (!table) {
      if (!cells.some((c) => labelOf(c.text)?.kind === 'field')) {
        outside.push(row);
        continue;
      }
      table = open(row);
    } else if (startsProject && (table.name !== undefined || table.indicators.length > 0)) {
      table = open(row);
    }
    if (header === null || startsProject) {
      readHeadRow(row, table, head, warnings);
      continue;
    }
    if (expectSubHeader && isSubHeaderRow(texts)) {
      header = withSubHeader(header, row);
      expectSubHeader = false;
      continue;
    }
    expectSubHeader = false;
    if (single !== undefined && NOTES_RE.test(single)) {
      table = null;
      header = null;
      outside.push(row);
      continue;
    }
    const indicator = readIndicatorRow(row, header, carry, warnings);
    if (indicator) table.indicators.push(indicator);
  }
  flushOutside();
  // A narrative department part names no department: the body the next table reports for names it.
  tables.forEach((t, i) => {
    if (t.kind !== 'department' || t.deptName || t.reportingBody) return;
    const body = tables.slice(i + 1).find((next) => next.reportingBody)?.reportingBody;
    if (body) t.reportingBody = body;
  });
  return tables;
}
