import type { Database } from 'better-sqlite3';
import { invalid, Refusal } from '../../commands/errors.js';
import { departmentKey } from '../../domain/department/department-key.js';
import { departmentRollup, departmentSummary } from '../../projections/departments/department-rollup.js';
import { projectRollupLine } from '../../projections/departments/project-line.js';
import type { DepartmentRollup, DepartmentSummary, ProjectRollupLine } from '../../projections/departments/rollup-types.js';
import { listDepartmentNames, listProjectRows, type ProjectRow } from '../read-models/projects/project-rows.js';
import { businessDateOf, type PointInTime } from './point-in-time.js';
import type { ProjectQueries } from './project-queries.js';

const PROJECT_PREFIX = 'project-';

/** Keys of names already seen: NFKC of every row on every request costs more than the lookup. */
const keys = new Map<string, string>();
const keyOf = (name: string): string => {
  let key = keys.get(name);
  if (key === undefined) {
    key = departmentKey(name);
    if (keys.size > 100_000) keys.clear();
    keys.set(name, key);
  }
  return key;
};

/**
 * Department roll-ups from the projects read model: the rows of the year (no state read) matched on
 * the department key, and each project's line at the point, cached per point by the project's
 * revision (a line changes only when its project does, or, for "now", when the day does). A missed
 * line folds the project to the point as every point-in-time query does (ProjectQueries.at).
 */
export class DepartmentRollups {
  /** point key → stream → the line at a revision; the least recently asked points go first. */
  private readonly byPoint = new Map<string, Map<string, { revision: number; line: ProjectRollupLine | null }>>();

  constructor(
    private readonly db: Database,
    private readonly queries: ProjectQueries,
    private readonly maxPoints = 8,
  ) {}

  async rollup(name: string, year: number, point: PointInTime): Promise<DepartmentRollup> {
    const key = keyOf(name);
    const spellings = listDepartmentNames(this.db, year).filter((n) => keyOf(n) === key);
    const rows = spellings.flatMap((department) => listProjectRows(this.db, { department, year })).filter((r) => r.stream.startsWith(PROJECT_PREFIX));
    return this.rollupOfRows(name, year, point, rows);
  }

  /**
   * One summary per department with projects in `year`, and one per name of `alsoDepartments`
   * (department-years without projects) not among them.
   */
  async list(year: number, point: PointInTime, alsoDepartments: readonly string[] = []): Promise<DepartmentSummary[]> {
    const groups = new Map<string, ProjectRow[]>();
    for (const row of listProjectRows(this.db, { year })) {
      if (!row.stream.startsWith(PROJECT_PREFIX)) continue;
      const key = keyOf(row.department);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    for (const name of alsoDepartments) if (!groups.has(keyOf(name))) groups.set(keyOf(name), []);
    const out: DepartmentSummary[] = [];
    for (const [key, rows] of groups) {
      const name = rows.length > 0 ? commonestSpelling(rows) : alsoDepartments.find((n) => keyOf(n) === key)!;
      out.push(departmentSummary(await this.rollupOfRows(name, year, point, rows)));
    }
    return out.sort((a, b) => (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  }

  private async rollupOfRows(name: string, year: number, point: PointInTime, rows: readonly ProjectRow[]): Promise<DepartmentRollup> {
    if (point.kind === 'revision') throw invalid('revision', '部门汇总没有单一的版本号：请用 asOf 或 knownAt / a roll-up has no single revision');
    const today = this.queries.today();
    const asOf = businessDateOf(point, today);
    const cache = this.linesAt(point.kind === 'now' ? `now ${today}` : point.kind === 'asOf' ? `asOf ${point.date}` : `knownAt ${point.untilMs}`);
    const lines: ProjectRollupLine[] = [];
    for (const row of rows) {
      let hit = cache.get(row.stream);
      if (hit === undefined || hit.revision !== row.revision) {
        hit = { revision: row.revision, line: await this.lineAt(row.stream, point, asOf) };
        cache.set(row.stream, hit);
      }
      if (hit.line) lines.push(hit.line);
    }
    return departmentRollup({ department: name, year, asOf }, lines);
  }

  /** The project's line, or null when it was not registered at the point (knownAt before it). */
  private async lineAt(stream: string, point: PointInTime, asOf: string): Promise<ProjectRollupLine | null> {
    try {
      const { project } = await this.queries.at(stream.slice(PROJECT_PREFIX.length), point);
      return projectRollupLine(project, asOf);
    } catch (error) {
      if (error instanceof Refusal && error.kind === 'not_found') return null;
      throw error;
    }
  }

  private linesAt(pointKey: string): Map<string, { revision: number; line: ProjectRollupLine | null }> {
    let lines = this.byPoint.get(pointKey);
    if (lines) this.byPoint.delete(pointKey);
    else lines = new Map();
    this.byPoint.set(pointKey, lines);
    if (this.byPoint.size > this.maxPoints) this.byPoint.delete(this.byPoint.keys().next().value!);
    return lines;
  }
}

/** The spelling most of a department's projects use (ties: the first in code-point order). */
function commonestSpelling(rows: readonly ProjectRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.department, (counts.get(r.department) ?? 0) + 1);
  let best = '';
  let most = 0;
  for (const [name, n] of counts) if (n > most || (n === most && name < best)) (best = name, (most = n));
  return best;
}
