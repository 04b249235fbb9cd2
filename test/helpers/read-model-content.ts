import { loadProjectState } from '../../src/read-models/projects/project-rows.js';
import type { Runtime } from '../../src/runtime.js';

/**
 * What the read models say, independent of how they store it: each project row with the state it stands
 * for (its snapshot plus the stream after it, loaded afresh, not from the in-memory cache), and the
 * checkpoints, as written to the file (what live batches hold in memory is persisted first). Two read
 * models with equal content answer every query alike.
 */
export async function readModelContent(runtime: Pick<Runtime, 'readDb' | 'store' | 'runner'>) {
  runtime.runner.persist();
  type Row = { stream: string; id: string | null; department: string | null; year: number | null; revision: number };
  const rows = runtime.readDb.prepare('SELECT stream, id, department, year, revision FROM rm_projects ORDER BY stream').all() as Row[];
  const projects = [];
  for (const row of rows) {
    const state = await loadProjectState(runtime.readDb, row.stream, (stream, fromRevision) => runtime.store.readStream(stream, { fromRevision }));
    projects.push({ ...row, state });
  }
  const checkpoints = runtime.readDb.prepare('SELECT name, position FROM rm_checkpoints ORDER BY name').all();
  return { projects, checkpoints };
}
