import type { Database } from 'better-sqlite3';
import { ZONE } from '../../domain/time-zone.js';
import { notFound } from '../../commands/errors.js';
import { refNoun, refOf, streamOfRef, type YearRef } from '../../domain/project/department-stream.js';
import { foldProject } from '../../domain/project/fold.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import { computeMonitoring } from '../../projections/monitoring/monitoring.js';
import { listProjectRows, type ProjectListFilter } from '../read-models/projects/project-rows.js';
import { ProjectStateCache } from '../read-models/projects/project-state-cache.js';
import { computeScorecard } from '../../domain/scoring/scorecard.js';
import type { Scorecard } from '../../domain/scoring/scorecard-types.js';
import type { Colour, Monitoring } from '../../projections/monitoring/types.js';
import { computeYearEndForecast } from '../../domain/forecast/year-end-forecast.js';
import type { YearEndForecast } from '../../domain/forecast/types.js';
import type { Clock } from '../clock.js';
import type { EventStore, RecordedEvent } from '../store/event-store.js';
import { businessDateOf, eventsAt, seesEveryEvent, type PointInTime } from './point-in-time.js';
import { StreamCache } from './stream-cache.js';

export type ProjectAt = { project: DeclaredProject; businessDate: string };

export type ProjectSummary = {
  id: string;
  code: string;
  year: number;
  name: string;
  department: string;
  revision: number;
  total: number;
  grade: Scorecard['grade'];
  colour: Colour;
  executionPercent: number;
  status: DeclaredProject['status'];
  /** The year-end forecast as of today: expected total and grade if the year ends as forecast. */
  forecastTotal: number;
  forecastGrade: Scorecard['grade'];
  /** 全年预算数, 全年执行数 as of today and 全年预计执行数, in 元 (decimal text). */
  budget: string;
  spent: string;
  expectedSpent: string;
  /** The money unit the project's forms print in. */
  displayUnit: DeclaredProject['displayUnit'];
};

export type ListFilter = ProjectListFilter & { colour?: Colour; forecastGrade?: Scorecard['grade'] };

/** Read side: the current state comes from the read model, past states from replaying the stream. */
export class ProjectQueries {
  /** List entries by stream, valid for one revision on one day (colours and deadlines move with the date). */
  private readonly summaries = new Map<string, { revision: number; day: string; summary: ProjectSummary }>();
  private readonly streams: StreamCache;

  constructor(
    store: EventStore,
    private readonly db: Database,
    private readonly clock: Clock,
    readonly states: ProjectStateCache = new ProjectStateCache(db, store),
  ) {
    this.streams = new StreamCache(store);
  }

  today(): string {
    return this.clock().setZone(ZONE).toISODate()!;
  }

  /** The project as it stood at a point; 404 when it did not exist then. */
  async at(target: string | YearRef, point: PointInTime): Promise<ProjectAt> {
    const stream = streamOfRef(target);
    const projectId = refOf(target).id;
    const noun = refNoun(target);
    const businessDate = businessDateOf(point, this.today());
    if (point.kind === 'now') {
      const project = await this.states.get(stream);
      if (project) return { project, businessDate };
    }
    const all = await this.streams.read(stream);
    if (all.length > 0 && seesEveryEvent(all, point)) {
      // A point after every event (a year-end date asked after the year) sees the current state: the
      // read model's, when it stands at the last event read here. No fold of the whole stream.
      const current = await this.states.get(stream);
      if (current?.revision === all[all.length - 1]!.revision) return { project: current, businessDate };
    }
    const state = foldProject(eventsAt(all, point));
    if (state.status === 'none') {
      throw notFound(
        'project-unknown',
        all.length === 0 ? `${noun} ${projectId} 不存在 / no such ${refOf(target).kind}` : `${noun} ${projectId} 在该时点尚未登记 / not registered at that point`,
      );
    }
    return { project: state, businessDate };
  }

  /** All events of a project's stream (for history and diff). */
  async events(target: string | YearRef): Promise<RecordedEvent[]> {
    const events = await this.streams.read(streamOfRef(target));
    if (events.length === 0) throw notFound('project-unknown', `${refNoun(target)} ${refOf(target).id} 不存在 / no such ${refOf(target).kind}`);
    return events;
  }

  async scorecard(projectId: string | YearRef, point: PointInTime): Promise<Scorecard> {
    const { project, businessDate } = await this.at(projectId, point);
    return computeScorecard(project, { asOf: businessDate });
  }

  async monitoring(projectId: string | YearRef, point: PointInTime): Promise<Monitoring> {
    const { project, businessDate } = await this.at(projectId, point);
    return computeMonitoring(project, businessDate);
  }

  async forecast(projectId: string | YearRef, point: PointInTime): Promise<YearEndForecast> {
    const { project, businessDate } = await this.at(projectId, point);
    return computeYearEndForecast(project, businessDate);
  }

  async list(filter: ListFilter): Promise<ProjectSummary[]> {
    const today = this.today();
    const out: ProjectSummary[] = [];
    for (const row of listProjectRows(this.db, filter)) {
      const hit = this.summaries.get(row.stream);
      const summary = hit && hit.revision === row.revision && hit.day === today ? hit.summary : await this.summary(row.stream, today);
      if (!summary || (filter.colour && summary.colour !== filter.colour)) continue;
      if (filter.forecastGrade && summary.forecastGrade !== filter.forecastGrade) continue;
      out.push(summary);
    }
    return out;
  }

  private async summary(stream: string, today: string): Promise<ProjectSummary | undefined> {
    const project = await this.states.get(stream);
    if (!project) return undefined;
    const card = computeScorecard(project, { asOf: today });
    const monitoring = computeMonitoring(project, today);
    const forecast = computeYearEndForecast(project, today, card);
    const summary: ProjectSummary = {
      id: project.id,
      code: project.code,
      year: project.year,
      name: project.name,
      department: project.department,
      revision: project.revision,
      total: card.total,
      grade: card.grade,
      colour: monitoring.colour,
      executionPercent: card.execution.ratePercent,
      status: project.status,
      forecastTotal: forecast.expected.total,
      forecastGrade: forecast.expected.grade,
      budget: card.execution.budget,
      spent: card.execution.spent,
      expectedSpent: forecast.execution.expectedSpent,
      displayUnit: project.displayUnit,
    };
    this.summaries.set(stream, { revision: project.revision, day: today, summary });
    return summary;
  }
}
