import type { Database } from 'better-sqlite3';
import { invalid } from '../../commands/errors.js';
import type { ImportSource } from '../../commands/import/read-target-tables.js';
import type { ProjectCommand } from '../../commands/project/command.js';
import { departmentRef, refOf, streamOfRef, type YearRef } from '../../domain/project/department-stream.js';
import { departmentView, type DepartmentView } from '../../projections/departments/department-view.js';
import {
  departmentSelfEvaluationFile,
  type DepartmentSelfEvaluationFile,
  type DepartmentSelfEvaluationFormat,
} from '../../projections/reports/department-self-evaluation/department-self-evaluation-file.js';
import {
  departmentSelfEvaluationTable,
  type DepartmentSelfEvaluationTable,
} from '../../projections/reports/department-self-evaluation/department-self-evaluation-table.js';
import { foldProject } from '../../domain/project/fold.js';
import type { ProjectState } from '../../domain/project/state.js';
import { computeScorecard } from '../../domain/scoring/scorecard.js';
import type { Scorecard } from '../../domain/scoring/scorecard-types.js';
import { parseDate } from '../../domain/values/parse-date.js';
import type { Colour, Monitoring } from '../../projections/monitoring/types.js';
import { projectView, type ProjectView } from '../../projections/project-view.js';
import { diffProjects } from '../../projections/reports/diff.js';
import { historyEntries, recordedBetween, type HistoryEntry } from '../../projections/reports/history.js';
import { selfEvaluationFile, type SelfEvaluationFile, type SelfEvaluationFormat } from '../../projections/reports/self-evaluation-file.js';
import { selfEvaluationTable, type SelfEvaluationTable } from '../../projections/reports/self-evaluation-table.js';
import type { Clock } from '../clock.js';
import { handleCommand, loadFromStream, type CommandDeps, type CommandOptions, type CommandResult } from '../commands/handle-command.js';
import { importTables, type ImportResult } from '../import/import-service.js';
import { eventsAt, pointFromText, pointOf, type PointInTime } from '../queries/point-in-time.js';
import { ProjectQueries, type ListFilter, type ProjectSummary } from '../queries/project-queries.js';
import type { YearEndForecast } from '../../domain/forecast/types.js';
import { checkpointDate } from '../../domain/project/checkpoints.js';
import { monitoringFormFile, type MonitoringFormFile, type MonitoringFormFormat } from '../../projections/reports/monitoring-form/monitoring-form-file.js';
import { monitoringFormTable, type MonitoringFormTable } from '../../projections/reports/monitoring-form/monitoring-form-table.js';
import type { ProjectionRunner } from '../read-models/projection-runner.js';
import type { ProjectListFilter } from '../read-models/projects/project-rows.js';
import { ProjectStateCache } from '../read-models/projects/project-state-cache.js';
import type { EventStore } from '../store/event-store.js';
import { DepartmentRollups } from '../queries/department-rollups.js';
import type { DepartmentRollup, DepartmentSummary } from '../../projections/departments/rollup-types.js';

export type ServiceDeps = {
  store: EventStore;
  /** The local SQLite database holding the read models and their checkpoints. */
  readDb: Database;
  runner: ProjectionRunner;
  /** Shared with the projection, which steps them forward; absent: a cache of this service's own. */
  states?: ProjectStateCache;
  clock: Clock;
  /** Longest wait of a written command for its events to reach the read models (default 2000 ms); then its result says they lag. */
  readModelWaitMs?: number;
};

const READ_MODEL_WAIT_MS = 2000;

/** The roll-up of a department's projects in its department-year view (null until the roll-up is joined in). */
export type DepartmentProjects = DepartmentRollup;

export type DepartmentSelfEvaluationAnswer = { format: 'json'; table: DepartmentSelfEvaluationTable } | DepartmentSelfEvaluationFile;

export type SelfEvaluationAnswer = { format: 'json'; table: SelfEvaluationTable } | SelfEvaluationFile;

export type MonitoringFormAnswer = { format: 'json'; table: MonitoringFormTable } | MonitoringFormFile;

export type DiffAnswer = {
  projectId: string;
  from: PointInTime;
  to: PointInTime;
  changes: ReturnType<typeof diffProjects>;
};

/**
 * The application service: every command and every query of the product, once, for the HTTP routes
 * and the CLI alike (they only translate their own input and output). It holds the current project
 * states (shared with the projection), knows each project's department, carries commands out
 * (read, decide, append, wait for the read models) and answers the reports.
 */
export class ProjectService {
  readonly states: ProjectStateCache;
  private readonly queries: ProjectQueries;
  private readonly commands: CommandDeps;
  private readonly rollups: DepartmentRollups;

  constructor(private readonly deps: ServiceDeps) {
    this.states = deps.states ?? new ProjectStateCache(deps.readDb, deps.store);
    this.queries = new ProjectQueries(deps.store, deps.readDb, deps.clock, this.states);
    this.rollups = new DepartmentRollups(deps.readDb, this.queries);
    this.commands = {
      store: deps.store,
      clock: deps.clock,
      loadState: (stream) => this.currentState(stream),
      heldState: (stream) => this.states.held(stream),
      awaitProjections: (position) => deps.runner.waitFor(position, deps.readModelWaitMs ?? READ_MODEL_WAIT_MS),
    };
  }

  /** Today's business date (Asia/Shanghai) by the injected clock. */
  today(): string {
    return this.queries.today();
  }

  /**
   * The department of an existing project (for access control), undefined when there is none: from
   * a state held or the read model, else (a CLI write a moment ago, not yet in the read model) from
   * the stream's first event.
   */
  async departmentOf(projectId: string | YearRef): Promise<string | undefined> {
    const stream = streamOfRef(projectId);
    const known = this.states.department(stream);
    if (known !== undefined) return known;
    const [first] = await this.deps.store.readStream(stream, { maxCount: 1 });
    const registered = first ? foldProject([first]) : undefined;
    return registered && registered.status !== 'none' ? registered.department : undefined;
  }

  // Commands

  execute(target: string | YearRef, command: ProjectCommand, options: CommandOptions): Promise<CommandResult> {
    // Department-years have no read model of their own (the projections read project- streams only): nothing to wait for.
    const deps = refOf(target).kind === 'department' ? { ...this.commands, awaitProjections: undefined } : this.commands;
    return handleCommand(deps, target, command, options);
  }

  /** The revision written by the events of an earlier attempt carrying `correlationId`, if any (a retried request). */
  async committedRevision(projectId: string | YearRef, correlationId: string): Promise<number | undefined> {
    // Recent events only: a retry follows its request closely.
    const recent = await this.deps.store.readStream(streamOfRef(projectId), { direction: 'backwards', maxCount: 200 });
    const mine = recent.filter((e) => e.metadata.correlationId === correlationId);
    return mine.length === 0 ? undefined : Math.max(...mine.map((e) => e.revision));
  }

  importTables(
    source: ImportSource,
    options: Parameters<typeof importTables>[2],
  ): Promise<ImportResult> {
    return importTables(this.commands, source, options);
  }

  /** Replays every projection from position 0. */
  rebuild(): Promise<{ events: number; position: bigint }> {
    return this.deps.runner.rebuild();
  }

  // Queries

  /** The answer of GET /api/projects/:id: the project as a reader sees it at a point. */
  async project(projectId: string | YearRef, point: PointInTime): Promise<{ point: PointInTime; project: ProjectView }> {
    const { project } = await this.queries.at(projectId, point);
    return { point, project: projectView(project) };
  }

  scorecard(projectId: string | YearRef, point: PointInTime): Promise<Scorecard> {
    return this.queries.scorecard(projectId, point);
  }

  monitoring(projectId: string | YearRef, point: PointInTime): Promise<Monitoring> {
    return this.queries.monitoring(projectId, point);
  }

  /** The year-end forecast as of a point: expected total and grade, the basis of each row, what it takes. */
  forecast(projectId: string | YearRef, point: PointInTime): Promise<YearEndForecast> {
    return this.queries.forecast(projectId, point);
  }

  list(filter: ListFilter): Promise<ProjectSummary[]> {
    return this.queries.list(filter);
  }

  /**
   * The roll-up of a department's projects of `year` as of a point (`now`, `asOf` or `knownAt`): the
   * projects whose department matches `name` once both are NFKC-normalised with whitespace removed.
   */
  departmentRollup(name: string, year: number, point: PointInTime): Promise<DepartmentRollup> {
    return this.rollups.rollup(name, year, point);
  }

  /** One row per department with projects in `year`, as of a point. */
  departments(year: number, point: PointInTime): Promise<DepartmentSummary[]> {
    // Seam (issue 17 part A): department-years recorded without projects join the list here, by name.
    const withoutProjects: string[] = [];
    return this.rollups.list(year, point, withoutProjects);
  }

  /** The 项目支出绩效自评表 at a point: the table (json) or one of its files. */
  async selfEvaluation(projectId: string | YearRef, point: PointInTime, format: SelfEvaluationFormat): Promise<SelfEvaluationAnswer> {
    const { project, businessDate } = await this.queries.at(projectId, point);
    const table = selfEvaluationTable(project, computeScorecard(project, { asOf: businessDate }));
    return format === 'json' ? { format, table } : selfEvaluationFile(project, table, format);
  }

  /**
   * The 项目支出绩效目标执行监控表 for checkpoint month N (1–12) of the project's year: the project as of
   * that month's end, as the table (json) or one of its files.
   */
  async monitoringForm(projectId: string, month: number, format: MonitoringFormFormat): Promise<MonitoringFormAnswer> {
    const { project: current } = await this.queries.at(projectId, { kind: 'now' });
    const { project } = await this.queries.at(projectId, pointOf({ asOf: checkpointDate(current.year, month) }));
    const table = monitoringFormTable(project, month, current.deviations);
    return format === 'json' ? { format, table } : monitoringFormFile(table, format);
  }

  /** Every event with its summary; `from`/`to` keep those recorded on those days (inclusive). */
  async history(projectId: string | YearRef, range: { from?: string | undefined; to?: string | undefined } = {}): Promise<{ projectId: string; entries: HistoryEntry[] }> {
    const from = range.from ? dayOf(range.from, 'from') : undefined;
    const to = range.to ? dayOf(range.to, 'to') : undefined;
    const entries = historyEntries(await this.queries.events(projectId));
    return { projectId: refOf(projectId).id, entries: recordedBetween(entries, from, to) };
  }

  /** What changed between two points, each a revision, a business date or a record time. */
  async diff(projectId: string | YearRef, fromText: string, toText: string): Promise<DiffAnswer> {
    const events = await this.queries.events(projectId);
    const side = (text: string, field: string) => {
      const point = pointFromText(text, field);
      const state = foldProject(eventsAt(events, point));
      if (state.status === 'none') return { point, project: undefined, card: undefined };
      const asOf = point.kind === 'asOf' ? point.date : this.today();
      return { point, project: state, card: computeScorecard(state, { asOf }) };
    };
    const a = side(fromText, 'from');
    const b = side(toText, 'to');
    return { projectId: refOf(projectId).id, from: a.point, to: b.point, changes: diffProjects(a, b) };
  }

  // Department-years (部门整体): the same queries on the department's own stream.

  /** GET /api/departments/:name/:year: the department-year at a point, its own score, and the roll-up of its projects. */
  async department(name: string, year: number, point: PointInTime): Promise<{ point: PointInTime; department: DepartmentView<DepartmentProjects> }> {
    const { project, businessDate } = await this.queries.at(departmentRef(name, year), point);
    const card = computeScorecard(project, { asOf: businessDate });
    const projects = await this.departmentRollup(project.department, year, point);
    return { point, department: departmentView(project, card, projects) };
  }

  /**
   * The 部门整体支出绩效自评表 at a point: the department's own indicators by task, its tasks' execution,
   * goals and 实际完成情况, total and grade.
   */
  async departmentSelfEvaluation(name: string, year: number, point: PointInTime, format: DepartmentSelfEvaluationFormat): Promise<DepartmentSelfEvaluationAnswer> {
    const { project, businessDate } = await this.queries.at(departmentRef(name, year), point);
    const rollup = project.indicators.length === 0 ? await this.departmentRollup(project.department, year, point) : undefined;
    const table = departmentSelfEvaluationTable(project, computeScorecard(project, { asOf: businessDate }), rollup);
    return format === 'json' ? { format, table } : departmentSelfEvaluationFile(table, format);
  }

  /**
   * The read model's state, brought up to the store's own revision: another process (the CLI) may
   * have written since, and its events reach this process's read models only within a second.
   */
  private async currentState(stream: string): Promise<ProjectState> {
    const state = await this.states.get(stream);
    if (state === undefined) return loadFromStream(this.deps.store)(stream);
    const tail = await this.deps.store.readStream(stream, { fromRevision: state.revision + 1 });
    return tail.length === 0 ? state : foldProject(tail, state);
  }
}

function dayOf(text: string, field: string): string {
  const parsed = parseDate(text);
  if (!parsed.ok) throw invalid(field, parsed.error);
  return parsed.value;
}
