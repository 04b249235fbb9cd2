import { buildProject } from './build-project.js';
import { decodeText } from './decode-text.js';
import { detectBinary, detectText } from './detect-format.js';
import { collectWarnings, type Grid, type Warnings } from './grid.js';
import { gridFromTsv } from './grid-from-tsv.js';
import { gridFromWordLines } from './grid-from-word-lines.js';
import { gridsFromXlsx } from './grid-from-xlsx.js';
import { readTables } from './read-tables.js';
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
  const tables = grids.flatMap((grid) => readTables(grid, warnings));
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
      return await gridsFromXlsx(source.content as Buffer);
    } catch (e) {
      warnings.add('文件', source.fileName, `无法读取 xlsx：${e instanceof Error ? e.message : String(e)} / could not read the xlsx file`);
      return [];
    }
  }
  const { text, note } = decodeText(source.content);
  if (note) warnings.add('文件', source.fileName, note);
  return [detectText(text) === 'tsv' ? gridFromTsv(text) : gridFromWordLines(text)];
}
