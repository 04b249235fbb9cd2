import { Refusal } from '../errors.js';
import { buildProject } from './build-project.js';
import { decodeText } from './decode-text.js';
import { detectBinary, detectText } from './detect-format.js';
import { collectWarnings, type Grid, type Warnings } from './grid.js';
import { gridFromTsv } from './grid-from-tsv.js';
import { gridFromWordLines } from './grid-from-word-lines.js';
import { gridsFromXlsx } from './grid-from-xlsx.js';
import { IMPORT_LIMITS, importTooLarge } from './limits.js';
import { readTables } from './read-tables.js';
import type { RawTable } from './raw-table.js';
import { checkXlsxBounds } from './zip-bounds.js';
import type { ImportParams, ImportResult, ImportSource } from './types.js';

export type { ImportedProject, ImportParams, ImportResult, ImportSource, ImportWarning, PreviewIndicator } from './types.js';

/**
 * Reads the target tables (绩效目标表) of one file — .xlsx, tab-separated text copied out of Excel or Word,
 * or Word's one-cell-per-line text — into the bodies of RegisterProject, DeclareTargets and SetSpendingPlan,
 * one per project found, with a warning (place and raw text) for every cell it could not use.
 * Pure apart from reading the given bytes: nothing is recorded here.
 */
export async function readTargetTables(source: ImportSource, params: ImportParams = {}): Promise<ImportResult> {
  const warnings = collectWarnings();
  const grids = await gridsOf(source, warnings);
  for (const grid of grids) boundGrid(grid, warnings);
  const tables = grids.flatMap((grid) => readTables(grid, warnings));
  boundTables(tables);
  const only = tables.length === 1;
  if (!only) {
    for (const field of ['code', 'budget'] as const) {
      if (params[field] !== undefined) {
        warnings.add('参数', String(params[field]), `文件含 ${tables.length} 个项目，参数 ${field} 只适用于单个项目，未使用 / param ${field} applies to a single-project file only`);
      }
    }
  }
  const projects = tables.map((table) => buildProject(table, params, only, warnings));
  if (projects.length === 0 && grids.length > 0) {
    warnings.add('文件', source.fileName, '未找到绩效目标表（需有项目名称等栏目或 一级指标/二级指标/三级指标 表头） / no target table found');
  }
  return { projects, warnings: warnings.list };
}

async function gridsOf(source: ImportSource, warnings: Warnings): Promise<Grid[]> {
  const binary = detectBinary(source.fileName, source.content);
  if (binary !== undefined && typeof binary === 'object') {
    warnings.add('文件', source.fileName, binary.unsupported);
    return [];
  }
  if (binary === 'xlsx') {
    try {
      checkXlsxBounds(source.content as Buffer);
      return await gridsFromXlsx(source.content as Buffer);
    } catch (e) {
      if (e instanceof Refusal && e.kind === 'too_large') throw e;
      warnings.add('文件', source.fileName, `无法读取 xlsx：${e instanceof Error ? e.message : String(e)} / could not read the xlsx file`);
      return [];
    }
  }
  const { text, note } = decodeText(source.content);
  if (note) warnings.add('文件', source.fileName, note);
  return [detectText(text) === 'tsv' ? gridFromTsv(text) : gridFromWordLines(text)];
}

/**
 * Refuses a sheet with more rows than an import reads; a cell longer than a form's cell is reported by its
 * place and read as empty, so no pattern ever scans it.
 */
function boundGrid(grid: Grid, warnings: Warnings): void {
  const rows = grid.rows.filter((row) => row.cells.some((c) => c.text !== ''));
  if (rows.length > IMPORT_LIMITS.rowsPerSheet) {
    const sheet = rows[0]?.sheet;
    throw importTooLarge(
      `${sheet !== undefined ? `工作表 ${sheet} ` : '文件'}有 ${rows.length} 行，最多 ${IMPORT_LIMITS.rowsPerSheet} 行 / ` +
        `${sheet !== undefined ? `sheet ${sheet}` : 'the file'} has ${rows.length} rows, at most ${IMPORT_LIMITS.rowsPerSheet}`,
    );
  }
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.text.length <= IMPORT_LIMITS.cellText) continue;
      warnings.add(
        cell.place,
        cell.text.slice(0, 40),
        `单元格过长（${cell.text.length} 个字符，最多 ${IMPORT_LIMITS.cellText}），未读取 / cell too long (${cell.text.length} characters, at most ${IMPORT_LIMITS.cellText}): not read`,
      );
      cell.text = '';
      delete cell.num;
    }
  }
}

/** Refuses a file with more projects, or a project with more indicators, than one import records. */
function boundTables(tables: RawTable[]): void {
  if (tables.length > IMPORT_LIMITS.projectsPerFile) {
    throw importTooLarge(`文件含 ${tables.length} 个项目表，最多 ${IMPORT_LIMITS.projectsPerFile} 个 / the file holds ${tables.length} tables, at most ${IMPORT_LIMITS.projectsPerFile}`);
  }
  for (const table of tables) {
    if (table.indicators.length > IMPORT_LIMITS.indicatorsPerProject) {
      throw importTooLarge(
        `${table.place}的项目有 ${table.indicators.length} 个指标，最多 ${IMPORT_LIMITS.indicatorsPerProject} 个 / ` +
          `the project at ${table.place} has ${table.indicators.length} indicators, at most ${IMPORT_LIMITS.indicatorsPerProject}`,
        table.place,
      );
    }
  }
}
