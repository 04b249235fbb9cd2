import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { Refusal, STATUS_OF, type FieldError } from '../../commands/errors.js';
import { AppendTooLargeError, StoreOutcomeUnknownError, StoreUnavailableError, StreamTombstonedError } from '../store/errors.js';

/** RFC 9457 problem details, the body of every refusal. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  rule?: string;
  errors?: FieldError[];
};

const TITLES: Record<number, string> = {
  400: '请求无效 / invalid request',
  401: '未认证 / unauthenticated',
  403: '无权限 / forbidden',
  404: '不存在 / not found',
  410: '已被永久删除 / gone',
  409: '冲突 / conflict',
  412: '版本已过期 / precondition failed',
  413: '请求过大 / payload too large',
  414: '地址过长 / URI too long',
  415: '不支持的媒体类型 / unsupported media type',
  422: '不符合规则 / refused by a rule',
  500: '内部错误 / internal error',
  503: '存储不可用 / store unavailable',
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:jixiao:problem:${extra.rule ?? status}`, title: TITLES[status] ?? 'error', status, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json; charset=utf-8').send(p);
}

/** What fastify's own refusals of a request body mean, for the person who sent it. */
const FASTIFY_REFUSALS: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '请求体不是有效的 JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: '请求体为空：Content-Type 为 application/json 时需要 JSON 内容',
  FST_ERR_CTP_BODY_TOO_LARGE: '请求体过大',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: '不支持的 Content-Type：命令请使用 application/json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length 与请求体长度不符',
};

/** "/indicators/0/target" → "indicators[0].target" */
function fieldOf(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((part, i) => (/^\d+$/.test(part) ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof Refusal) {
    return sendProblem(reply, problem(STATUS_OF[error.kind], error.message, { rule: error.rule, errors: error.errors }));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => {
      const field = fieldOf(v.instancePath) || where;
      return { field, message: v.message ?? 'invalid' };
    });
    const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return sendProblem(reply, problem(400, `${where} 无效：${detail}`, { rule: 'invalid-input', errors }));
  }
  if (error instanceof StoreOutcomeUnknownError) {
    request.log.error({ err: error }, 'event store did not answer an append');
    const detail = `存储未应答，写入结果未知：可能已写入。请用同一 Idempotency-Key 重试以确认 / the store did not answer: the write may have happened; retry with the same Idempotency-Key to find out (${error.message})`;
    return sendProblem(reply, problem(503, detail, { rule: 'store-outcome-unknown' }));
  }
  if (error instanceof AppendTooLargeError) {
    const detail = `一次写入过大，未写入：${error.message}（请分批导入）/ too large for one append; nothing was written`;
    return sendProblem(reply, problem(413, detail, { rule: 'append-too-large', errors: [{ field: 'body', message: error.message }] }));
  }
  if (error instanceof StreamTombstonedError) {
    return sendProblem(reply, problem(410, `项目已在事件存储中被永久删除，不能再写入，未写入 / ${error.message}`, { rule: 'stream-tombstoned' }));
  }
  if (error instanceof StoreUnavailableError) {
    request.log.error({ err: error }, 'event store unavailable');
    return sendProblem(reply, problem(503, error.message, { rule: 'store-unavailable' }));
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, problem(500, '服务器内部错误，事件未写入 / internal error; nothing was written'));
  }
  // fastify's own 4xx: malformed JSON, body too large, unsupported content type…
  const known = FASTIFY_REFUSALS[error.code ?? ''];
  const detail = known ? `${known}（${error.message}）` : error.message;
  return sendProblem(reply, problem(status, detail, { rule: error.code ?? String(status), errors: [{ field: 'body', message: known ?? error.message }] }));
}
