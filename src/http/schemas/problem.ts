import { z } from 'zod';

export const FieldErrorSchema = z
  .object({
    field: z.string().describe('the field at fault: a path into the body (indicators[0].target), a parameter, a header, or "body"'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

/** RFC 9457 problem details: the body of every refusal (src/http/problem.ts). */
export const ProblemSchema = z
  .object({
    type: z.string().describe('urn:jixiao:problem:<rule or status>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('what was refused and why, in Chinese then English'),
    rule: z.string().optional().describe('the rule that refused (invalid-input, targets-locked, stale-revision …)'),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'application/problem+json (RFC 9457); a refused command writes no event' });

const MEANING: Record<number, string> = {
  400: 'invalid input: the field and what was expected',
  401: 'no known bearer token (access control on)',
  403: "the token's role or departments do not allow it, or a Host or cross-site Origin this server refuses",
  404: 'unknown project or indicator',
  409: 'the project exists, or a concurrent write won',
  412: 'If-Match names a revision that is no longer current',
  413: 'body too large (1 MB, imports 20 MB)',
  415: 'unsupported Content-Type',
  422: 'refused by a rule (`rule` names it), or an Idempotency-Key reused for another request',
  503: 'the event store is unavailable; nothing was written',
};

/** The problem+json answers of a route, by status, for its response schema. */
export function problems(...statuses: (keyof typeof MEANING & number)[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: MEANING[status]!, content: { 'application/problem+json': { schema: ProblemSchema } } }]),
  );
}

export const COMMAND_PROBLEMS = problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 503);
/** Register cannot meet an unknown project. */
export const REGISTER_PROBLEMS = problems(400, 401, 403, 409, 412, 413, 415, 422, 503);
export const QUERY_PROBLEMS = problems(400, 401, 403, 404, 503);
