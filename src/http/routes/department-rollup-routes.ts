import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Refusal } from '../../../commands/errors.js';
import { TEXT_LIMITS } from '../../../commands/project/limits.js';
import type { ProjectService } from '../../application/project-service.js';
import { listableDepartmentKeys, readsDepartment } from '../../auth/department-access.js';
import { pointOf } from '../../queries/point-in-time.js';
import { sendJson } from '../json-answer.js';
import { DepartmentListSchema, DepartmentRollupSchema } from '../schemas/department-rollup.js';
import { problems } from '../schemas/problem.js';

const Year = z.coerce
  .number({ error: 'year：应为年度，如 2022' })
  .int('year：应为年度，如 2022')
  .min(2000, 'year：应在 2000–2100 之间')
  .max(2100, 'year：应在 2000–2100 之间');

/** Business date or record time; a roll-up has no single stream revision. */
const DepartmentPointQuery = z.object({
  asOf: z.string().max(50).optional().describe('business date: facts effective by the end of that day (Asia/Shanghai)'),
  knownAt: z.string().max(50).optional().describe('record time: only events recorded by then (ISO timestamp or date)'),
});

/**
 * The roll-up of a department's projects (issue 17 item 3): the list of departments of a year and
 * one department's roll-up. Access is decided in the handler on the department named, compared by
 * its key (NFKC, whitespace removed), before anything is read. The answers are sent as built
 * (sendJson): their types are checked Exact against the schemas, and the zod pass of the serializer
 * cost the 200-project roll-up as much as building it.
 */
export function departmentRollupRoutes(app: FastifyInstance, service: ProjectService): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/api/departments',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['queries'],
        operationId: 'departments',
        summary: '部门列表：每个部门的项目数、预算、执行、按预算加权的平均分、等级、颜色分布',
        querystring: DepartmentPointQuery.extend({ year: Year }),
        response: { 200: DepartmentListSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const { year, ...point } = request.query;
      const allowed = request.principal ? listableDepartmentKeys(request.principal) : undefined;
      const departments = await service.departments(year, pointOf(point));
      return sendJson(reply, { year, departments: allowed ? departments.filter((d) => allowed.has(d.key)) : departments });
    },
  );

  typed.get(
    '/api/departments/:name/:year/rollup',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['queries'],
        operationId: 'department-rollup',
        summary: '部门项目汇总：预算与执行（总额、按资金来源）、各项目得分等级颜色、分布、待说明偏差与未提交的项目',
        params: z.object({
          name: z.string().min(1, 'name：部门名称不能为空').max(TEXT_LIMITS.department, `name：部门名称至多 ${TEXT_LIMITS.department} 个字符`),
          year: Year,
        }),
        querystring: DepartmentPointQuery,
        response: { 200: DepartmentRollupSchema, ...problems(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const { name, year } = request.params;
      const p = request.principal;
      if (p && !readsDepartment(p, name)) throw new Refusal('forbidden', 'forbidden', `${p.actor}无权查看「${name}」的项目汇总 / not allowed`);
      return sendJson(reply, await service.departmentRollup(name, year, pointOf(request.query)));
    },
  );
}
