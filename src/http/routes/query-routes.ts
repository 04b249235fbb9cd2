import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../../commands/errors.js';
import { computeScorecard } from '../../../projections/scoring/scorecard.js';
import { diffProjects } from '../../../projections/reports/diff.js';
import { historyEntries } from '../../../projections/reports/history.js';
import {
  selfEvaluationCsv,
  selfEvaluationHtml,
  selfEvaluationTable,
  selfEvaluationXlsx,
} from '../../../projections/reports/self-evaluation.js';
import { foldProject } from '../../../commands/project/fold.js';
import { parseDate } from '../../../commands/values/parse-date.js';
import { pointOf, eventsAt, type PointInTime } from '../../queries/point-in-time.js';
import type { ProjectQueries } from '../../queries/project-queries.js';
import { etagOf } from '../request-context.js';
import { sendJson } from '../json-answer.js';
import { listableDepartments } from '../access.js';
import { ProjectIdParam } from './command-routes.js';
import { DiffSchema } from '../schemas/diff.js';
import { HistorySchema } from '../schemas/history.js';
import { MonitoringSchema } from '../schemas/monitoring.js';
import { problems, QUERY_PROBLEMS } from '../schemas/problem.js';
import { ProjectListSchema } from '../schemas/project-list.js';
import { ProjectAtSchema } from '../schemas/project-state.js';
import { ScorecardSchema } from '../schemas/scorecard.js';
import { SelfEvaluationResponse } from '../schemas/self-evaluation.js';

const Params = z.object({ id: ProjectIdParam });
const PointQuerySchema = z.object({
  asOf: z.string().optional().describe('business date: facts effective by the end of that day (Asia/Shanghai)'),
  knownAt: z.string().optional().describe('record time: only events recorded by then (ISO timestamp or date)'),
  revision: z.string().optional().describe('the stream up to this revision'),
});

/** A diff endpoint: a number is a revision, a date a business date (asOf), a timestamp a record time (knownAt). */
function pointFromText(text: string, field: string): PointInTime {
  const t = text.trim();
  if (/^\d+$/.test(t)) return pointOf({ revision: t });
  if (/T\d{2}:/.test(t)) return pointOf({ knownAt: t });
  if (!parseDate(t).ok) throw invalid(field, `应为版本号、日期（2022-06-30）或时间（2022-07-01T09:00:00+08:00），收到 "${text}"`);
  return pointOf({ asOf: t });
}

export function queryRoutes(app: FastifyInstance, queries: ProjectQueries): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/projects',
    {
      schema: {
        tags: ['queries'],
        operationId: 'list',
        summary: '项目列表（总分、等级、颜色、执行率）',
        querystring: z.object({
          department: z.string().optional(),
          year: z.coerce.number().int().optional(),
          colour: z.enum(['green', 'yellow', 'red', 'blue']).optional(),
        }),
        response: { 200: ProjectListSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request) => {
      const { department, year, colour } = request.query;
      const allowed = listableDepartments(request);
      const projects = await queries.list({ ...(department ? { department } : {}), ...(year ? { year } : {}), ...(colour ? { colour } : {}) });
      return { projects: allowed ? projects.filter((p) => allowed.includes(p.department)) : projects };
    },
  );

  typed.get(
    '/api/projects/:id',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'state',
        summary: '项目在某时点的完整状态',
        params: Params,
        querystring: PointQuerySchema,
        response: { 200: ProjectAtSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const point = pointOf(request.query);
      const { project } = await queries.at(request.params.id, point);
      if (point.kind === 'now') reply.header('etag', etagOf(project.revision));
      return sendJson(reply, { point, project });
    },
  );

  typed.get(
    '/api/projects/:id/scorecard',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'scorecard',
        summary: '自评得分（每个指标的完成率与得分）',
        params: Params,
        querystring: PointQuerySchema,
        response: { 200: ScorecardSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request) => queries.scorecard(request.params.id, pointOf(request.query)),
  );

  typed.get(
    '/api/projects/:id/monitoring',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'monitoring',
        summary: '绩效运行监控（各节点进度与颜色）',
        params: Params,
        querystring: PointQuerySchema,
        response: { 200: MonitoringSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request) => queries.monitoring(request.params.id, pointOf(request.query)),
  );

  typed.get(
    '/api/projects/:id/self-evaluation',
    { config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'self-evaluation',
        summary: '项目支出绩效自评表（json / csv / xlsx / html）',
        params: Params,
        querystring: PointQuerySchema.extend({ format: z.enum(['json', 'csv', 'xlsx', 'html']).default('json') }),
        response: { 200: SelfEvaluationResponse, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { format, ...pointQuery } = request.query;
      const { project, businessDate } = await queries.at(request.params.id, pointOf(pointQuery));
      const table = selfEvaluationTable(project, computeScorecard(project, { asOf: businessDate }));
      const fileName = encodeURIComponent(`${project.name}-绩效自评表-${project.year}`);
      const attach = (ext: string) => reply.header('content-disposition', `attachment; filename*=UTF-8''${fileName}.${ext}`);
      switch (format) {
        case 'csv':
          return attach('csv').type('text/csv; charset=utf-8').send(selfEvaluationCsv(table));
        case 'xlsx':
          return attach('xlsx')
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .send(await selfEvaluationXlsx(table));
        case 'html':
          return reply.type('text/html; charset=utf-8').send(selfEvaluationHtml(table));
        default:
          return table;
      }
    },
  );

  typed.get(
    '/api/projects/:id/history',
    { config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'history',
        summary: '审计轨迹：每个事件及其中文摘要',
        params: Params,
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: HistorySchema, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const entries = historyEntries(await queries.events(request.params.id));
      const from = request.query.from ? dayOf(request.query.from, 'from') : undefined;
      const to = request.query.to ? dayOf(request.query.to, 'to') : undefined;
      const shown = entries.filter((e: { recordedAt: string }) => {
        const day = recordedDay(e.recordedAt);
        return (from === undefined || day >= from) && (to === undefined || day <= to);
      });
      return sendJson(reply, { projectId: request.params.id, entries: shown });
    },
  );

  typed.get(
    '/api/projects/:id/diff',
    { config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'diff',
        summary: '两个时点之间的变化（版本号、日期或时间）',
        params: Params,
        querystring: z.object({ from: z.string({ error: 'from：必填' }), to: z.string({ error: 'to：必填' }) }),
        response: { 200: DiffSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request) => {
      const events = await queries.events(request.params.id);
      const side = (text: string, field: string) => {
        const point = pointFromText(text, field);
        const state = foldProject(eventsAt(events, point));
        if (state.status === 'none') return { point, project: undefined, card: undefined };
        const asOf = point.kind === 'asOf' ? point.date : queries.today();
        return { point, project: state, card: computeScorecard(state, { asOf }) };
      };
      const a = side(request.query.from, 'from');
      const b = side(request.query.to, 'to');
      return { projectId: request.params.id, from: a.point, to: b.point, changes: diffProjects(a, b) };
    },
  );
}

function dayOf(text: string, field: string): string {
  const parsed = parseDate(text);
  if (!parsed.ok) throw invalid(field, parsed.error);
  return parsed.value;
}

/** The Asia/Shanghai day of a stored timestamp (stored with +08:00, so its first ten characters). */
const recordedDay = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
