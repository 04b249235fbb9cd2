import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SELF_EVALUATION_FORMATS } from '../../../projections/reports/self-evaluation-file.js';
import type { ProjectService } from '../../application/project-service.js';
import { pointOf } from '../../queries/point-in-time.js';
import { REPORT_CSP } from '../../../projections/reports/self-evaluation.js';
import { etagOf } from '../request-context.js';
import { sendJson } from '../json-answer.js';
import { listableDepartments } from '../access.js';
import { ProjectIdParam } from './command-routes.js';
import { MONITORING_FORM_FORMATS } from '../../../projections/reports/monitoring-form/monitoring-form-file.js';
import { GRADE_LABELS } from '../../../domain/scoring/grade.js';
import { DiffSchema } from '../schemas/diff.js';
import { HistorySchema } from '../schemas/history.js';
import { MonitoringSchema } from '../schemas/monitoring.js';
import { problems, QUERY_PROBLEMS } from '../schemas/problem.js';
import { ProjectListResponse } from '../schemas/project-list.js';
import { LIST_SORT_KEYS, selectProjects } from '../../../projections/list/select-projects.js';
import { listCaption, projectListXlsx } from '../../../projections/list/project-list-xlsx.js';
import { defaultPolicy } from '../../../domain/project/policy.js';
import { ProjectAtSchema } from '../schemas/project-state.js';
import { ScorecardSchema } from '../schemas/scorecard.js';
import { SelfEvaluationResponse } from '../schemas/self-evaluation.js';
import { MonitoringFormResponse } from '../schemas/monitoring-form.js';
import { YearEndForecastSchema } from '../schemas/forecast.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Params = z.object({ id: ProjectIdParam });
export const PointQuerySchema = z.object({
  asOf: z.string().optional().describe('business date: facts effective by the end of that day (Asia/Shanghai)'),
  knownAt: z.string().optional().describe('record time: only events recorded by then (ISO timestamp or date)'),
  revision: z.string().optional().describe('the stream up to this revision'),
});

/** The queries: each route translates HTTP to a call of the application service and back. */
export function queryRoutes(app: FastifyInstance, service: ProjectService): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/projects',
    {
      schema: {
        tags: ['queries'],
        operationId: 'list',
        summary: '项目列表（预算、执行、总分、等级、颜色、预计；可搜索、排序，可导出 xlsx）',
        querystring: z.object({
          department: z.string().optional(),
          year: z.coerce.number().int().optional(),
          colour: z.enum(['green', 'yellow', 'red', 'blue']).optional(),
          forecastGrade: z.enum(GRADE_LABELS).optional().describe('only projects whose year-end forecast has this grade'),
          q: z.string().max(200).optional().describe('search: projects whose name, code or department contains this text'),
          sort: z.enum(LIST_SORT_KEYS).optional().describe('the column to sort by (colour: worst first)'),
          order: z.enum(['asc', 'desc']).default('asc'),
          format: z.enum(['json', 'xlsx']).default('json').describe('xlsx: the same list as an A4-landscape workbook'),
        }),
        response: { 200: ProjectListResponse, ...problems(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const { department, year, colour, forecastGrade, q, sort, order, format } = request.query;
      const allowed = listableDepartments(request);
      const listed = await service.list({
        ...(department ? { department } : {}),
        ...(year ? { year } : {}),
        ...(colour ? { colour } : {}),
        ...(forecastGrade ? { forecastGrade } : {}),
      });
      const projects = selectProjects(allowed ? listed.filter((p) => allowed.includes(p.department)) : listed, { ...(q ? { q } : {}), ...(sort ? { sort } : {}), order });
      if (format === 'json') return { projects, colourThresholds: defaultPolicy().colours };
      const caption = listCaption({ ...request.query, ...(sort ? {} : { order: undefined }) }, projects.length, service.today());
      const body = await projectListXlsx(projects, caption);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`项目列表-${service.today()}.xlsx`)}`);
      return reply.type(XLSX_TYPE).send(body);
    },
  );

  typed.get(
    '/api/projects/:id',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'state',
        summary: '项目在某时点的情况（指标、实际值、支出、偏差说明）',
        params: Params,
        querystring: PointQuerySchema,
        response: { 200: ProjectAtSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const answer = await service.project(request.params.id, pointOf(request.query));
      if (answer.point.kind === 'now') reply.header('etag', etagOf(answer.project.revision));
      return sendJson(reply, answer);
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
    async (request) => service.scorecard(request.params.id, pointOf(request.query)),
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
    async (request) => service.monitoring(request.params.id, pointOf(request.query)),
  );

  typed.get(
    '/api/projects/:id/monitoring-form',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'monitoring-form',
        summary: '项目支出绩效目标执行监控表（1–N月；json / xlsx / html）',
        params: Params,
        querystring: z.object({
          month: z.coerce
            .number({ error: 'month：应为 1–12 的月份' })
            .int('month：应为 1–12 的月份')
            .min(1, 'month：应为 1–12 的月份')
            .max(12, 'month：应为 1–12 的月份')
            .describe('checkpoint month N: the form is as of its last day'),
          format: z.enum(MONITORING_FORM_FORMATS).default('json'),
        }),
        response: { 200: MonitoringFormResponse, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const answer = await service.monitoringForm(request.params.id, request.query.month, request.query.format);
      if (answer.format === 'json') return answer.table;
      if (answer.format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`);
      return reply.type(answer.mediaType).send(answer.body);
    },
  );

  typed.get(
    '/api/projects/:id/forecast',
    {
      config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'forecast',
        summary: '年末预测：按预计值（否则最新实际值、进度推算）计算的预计总分与等级，及达到满分、良、优所需',
        params: Params,
        querystring: PointQuerySchema,
        response: { 200: YearEndForecastSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request) => service.forecast(request.params.id, pointOf(request.query)),
  );

  typed.get(
    '/api/projects/:id/self-evaluation',
    { config: { access: 'project' },
      schema: {
        tags: ['queries'],
        operationId: 'self-evaluation',
        summary: '项目支出绩效自评表（json / csv / xlsx / html）',
        params: Params,
        querystring: PointQuerySchema.extend({ format: z.enum(SELF_EVALUATION_FORMATS).default('json') }),
        response: { 200: SelfEvaluationResponse, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { format, ...pointQuery } = request.query;
      const answer = await service.selfEvaluation(request.params.id, pointOf(pointQuery), format);
      if (answer.format === 'json') return answer.table;
      // The html form opens in the browser; the others are downloads.
      if (answer.format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`);
      // The html form is served with a policy of its own that lets its one stylesheet apply.
      if (answer.format === 'html') reply.header('content-security-policy', REPORT_CSP);
      return reply.type(answer.mediaType).send(answer.body);
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
    async (request, reply) => sendJson(reply, await service.history(request.params.id, request.query)),
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
    async (request) => service.diff(request.params.id, request.query.from, request.query.to),
  );
}
