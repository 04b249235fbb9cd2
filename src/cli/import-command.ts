import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Clock } from '../clock.js';
import type { ImportParams } from '../../commands/import/read-target-tables.js';
import { importTables, type ImportResult } from '../import/import-service.js';
import type { Runtime } from '../runtime.js';

export async function runImport(
  runtime: Runtime,
  clock: Clock,
  options: { file: string; dryRun: boolean; actor: string; params: ImportParams },
): Promise<ImportResult> {
  return importTables(
    { store: runtime.store, clock, awaitProjections: (p) => runtime.runner.waitFor(p) },
    { fileName: basename(options.file), content: readFileSync(options.file) },
    { dryRun: options.dryRun, actor: options.actor, params: options.params },
  );
}
