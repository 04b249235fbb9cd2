import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPARTMENT_COMMANDS, REGISTER_DEPARTMENT, departmentOperationId } from '../../../commands/project/catalog.js';
import { RegisterDepartmentInput } from '../../../commands/project/inputs.js';
import { TEXT_LIMITS } from '../../../commands/project/limits.js';
import { departmentRef } from '../../../domain/project/department-stream.js';
import type { ProjectService } from '../../application/project-service.js';
import { pointOf } from '../../queries/point-in-time.js';
import { sendJson } from '../json-answer.js';
import { etagOf } from '../request-context.js';
import { CommandReplySchema } from '../schemas/command-reply.js';
import { DepartmentAtSchema } from '../schemas/department.js';
import { HistorySchema } from '../schemas/history.js';
import { DepartmentSelfEvaluationResponse } from '../schemas/self-evaluation.js';
import { DEPARTMENT_SELF_EVALUATION_FORMATS } from '../../../projections/reports/department-self-evaluation/department-self-evaluation-file.js';
import { REPORT_CSP } from '../../../projections/reports/self-evaluation.js';
import { COMMAND_PROBLEMS, QUERY_PROBLEMS, REGISTER_PROBLEMS } from '../schemas/problem.js';
import type { CommandExecutor } from './command-routes.js';
import { PointQuerySchema } from './query-routes.js';

/** A department-year in URLs: its name as registered (percent-encoded) and its year. */
const DepartmentParams = z.object({
  name: z.string().min(1).max(TEXT_LIMITS.department, `部门名称：最多 ${TEXT_LIMITS.department} 个字符`),
  year: z.coerce.number({ error: 'year：应为年度，如 2022' }).int().min(2000, 'year：应为年度，如 2022').max(2100, 'year：应为年度，如 2022'),
});
const IndicatorParams = DepartmentParams.extend({ indicatorId: z.string().min(1) });

const base = '/api/departments/:name/:year';

/**
 * The department-year (部门整体) routes: registration, then every command of the catalog under
 * /api/departments/:name/:year (generated from it, operationIds `department-<cli>`), and its queries.
 */
export function departmentRoutes(app: FastifyInstance, service: ProjectService, execute: CommandExecutor): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/departments',
    {
      schema: {
        tags: ['departments'],
        operationId: departmentOperationId(REGISTER_DEPARTMENT),
        summary: REGISTER_DEPARTMENT.summary,
        body: RegisterDepartmentInput,
        response: { 201: CommandReplySchema, ...REGISTER_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { name, year } = request.body;
      const location = `/api/departments/${encodeURIComponent(name)}/${year}`;
      return execute(request, reply, departmentRef(name, year), { type: 'RegisterDepartment', input: request.body }, 201, location);
    },
  );

  for (const route of DEPARTMENT_COMMANDS) {
    route.withSchema((body, build) =>
      typed.route({
        method: route.method,
        url: `${base}${route.path}`,
        config: { access: 'department' },
        schema: {
          tags: ['departments'],
          operationId: departmentOperationId(route),
          summary: `部门整体：${route.summary}`,
          params: route.needsIndicator ? IndicatorParams : DepartmentParams,
          body,
          response: { 200: CommandReplySchema, ...COMMAND_PROBLEMS },
        },
        handler: async (request, reply) => {
          const params = request.params as { name: string; year: number; indicatorId?: string };
          const command = build(request.body as z.output<typeof body>, params.indicatorId ?? '');
          return execute(request, reply, departmentRef(params.name, params.year), command, 200);
        },
      }),
    );
  }

  typed.get(
    base,
    {
      config: { access: 'department' },
      schema: {
        tags: ['departments'],
        operationId: 'department',
        summary: '部门整体在某时点的情况：预算及来源、年度主要任务、指标（所属任务）、得分，及所属项目汇总',
        params: DepartmentParams,
        querystring: PointQuerySchema,
        response: { 200: DepartmentAtSchema, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const answer = await service.department(request.params.name, request.params.year, pointOf(request.query));
      if (answer.point.kind === 'now') reply.header('etag', etagOf(answer.department.revision));
      return sendJson(reply, answer);
    },
  );

  typed.get(
    `${base}/history`,
    {
      config: { access: 'department' },
      schema: {
        tags: ['departments'],
        operationId: 'department-history',
        summary: '部门整体的审计轨迹：每个事件及其中文摘要',
        params: DepartmentParams,
        querystring: z.object({ from: z.string().optional(), to: z.string().optional() }),
        response: { 200: HistorySchema, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => sendJson(reply, await service.history(departmentRef(request.params.name, request.params.year), request.query)),
  );

  typed.get(
    `${base}/self-evaluation`,
    {
      config: { access: 'department' },
      schema: {
        tags: ['departments'],
        operationId: 'department-self-evaluation',
        summary: '部门整体支出绩效自评表（json / xlsx / html）',
        params: DepartmentParams,
        querystring: PointQuerySchema.extend({ format: z.enum(DEPARTMENT_SELF_EVALUATION_FORMATS).default('json') }),
        response: { 200: DepartmentSelfEvaluationResponse, ...QUERY_PROBLEMS },
      },
    },
    async (request, reply) => {
      const { format, ...pointQuery } = request.query;
      const answer = await service.departmentSelfEvaluation(request.params.name, request.params.year, pointOf(pointQuery), format);
      if (answer.format === 'json') return answer.table;
      if (answer.format !== 'html') reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`);
      // The html form is served with a policy of its own that lets its one stylesheet apply.
      else reply.header('content-security-policy', REPORT_CSP);
      return reply.type(answer.mediaType).send(answer.body);
    },
  );
}
