import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportParams } from '../../commands/import/read-target-tables.js';
import type { ProjectService } from '../application/project-service.js';
import type { ImportResult } from '../import/import-service.js';

export function runImport(
  service: ProjectService,
  options: { file: string; dryRun: boolean; actor: string; params: ImportParams },
): Promise<ImportResult> {
  return service.importTables(
    { fileName: basename(options.file), content: readFileSync(options.file) },
    { dryRun: options.dryRun, actor: options.actor, params: options.params },
  );
}
