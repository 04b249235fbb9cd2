import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Refusal } from '../../../commands/errors.js';
import type { ProjectService } from '../../application/project-service.js';
import { IMPORT_LIMITS } from '../../../commands/import/limits.js';
import { createParsePool } from '../../import/parse-pool.js';
import { actorOf } from '../request-context.js';
import { mayAccess } from '../access.js';

const RAW_TYPES = [
  'text/plain',
  'text/tab-separated-values',
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** POST /api/import: a multipart file or the raw file as the body. */
export async function importRoutes(app: FastifyInstance, service: ProjectService): Promise<void> {
  const pool = createParsePool();
  app.addHook('onClose', () => pool.close());
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: IMPORT_LIMITS.fileBytes, files: 1 }, throwFileSizeLimit: true });
    scope.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/import',
      {
        bodyLimit: IMPORT_LIMITS.fileBytes,
        schema: {
          tags: ['import'],
          summary: '导入绩效目标表（xlsx、制表符分隔文本、Word 文本）',
          querystring: z.object({
            dryRun: z.enum(['true', 'false']).default('false').describe('true: only report what would be recorded; absent: record, as the CLI without --dry-run'),
            year: z.coerce.number().int().min(2000).max(2100).optional(),
            department: z.string().optional(),
            code: z.string().optional().describe('project code, when the file holds one project without one'),
            budget: z.string().optional().describe('budget (e.g. 50万元), when the file holds one project without one'),
            fileName: z.string().optional().describe('name of a raw-body upload, for format detection'),
          }),
        },
      },
      async (request) => {
        let fileName = request.query.fileName ?? 'upload.txt';
        let content: Buffer;
        if (request.isMultipart()) {
          const file = await request.file();
          if (!file) throw new Refusal('invalid', 'file-missing', 'multipart 请求中没有文件 / no file in the multipart body', [{ field: 'file', message: '必填' }]);
          fileName = file.filename || fileName;
          content = await file.toBuffer();
        } else if (Buffer.isBuffer(request.body)) {
          content = request.body;
        } else if (typeof request.body === 'string') {
          content = Buffer.from(request.body, 'utf8');
        } else {
          throw new Refusal('invalid', 'file-missing', '请以 multipart 文件或原始文本/文件作为请求体上传 / send the file as multipart or raw body', [
            { field: 'body', message: '缺少文件' },
          ]);
        }
        const { year, department, code, budget } = request.query;
        return service.importTables({ fileName, content }, {
          dryRun: request.query.dryRun === 'true',
          actor: actorOf(request),
          read: pool.read,
          mayRecord: (department) => mayAccess(request, 'record', department),
          mayRead: (department) => mayAccess(request, 'read', department),
          params: { ...(year ? { year } : {}), ...(department ? { department } : {}), ...(code ? { code } : {}), ...(budget ? { budget } : {}) },
        });
      },
    );
  });
}
