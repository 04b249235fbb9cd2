import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Refusal } from '../../commands/errors.js';
import { allows, readableDepartments, type Action } from '../auth/access-rules.js';
import { principalOfToken, type Principal, type TokenTable } from '../auth/principal.js';
import { headerText } from './request-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, when access control is on (a tokens file is configured). */
    principal?: Principal;
  }
}

const ROLE_NAMES: Record<Principal['role'], string> = { recorder: '填报人', reviewer: '审核人', finance: '财政', auditor: '审计' };
const ACTION_NAMES: Record<Action, string> = { read: '查看', record: '记录', approve: '批准' };

/**
 * Access control for /api: with a token table every request needs `Authorization: Bearer <token>`
 * (401 otherwise) and the actor is the token's; without one (single-user mode, loopback only) the
 * actor comes from X-Actor, else "local".
 */
export function registerAccess(app: FastifyInstance, tokens: TokenTable | undefined): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    if (!tokens) {
      request.actor = headerText(request.headers['x-actor']) ?? 'local';
      return;
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new Refusal('unauthenticated', 'token-missing', '需要 Authorization: Bearer <token> / a bearer token is required');
    }
    const principal = principalOfToken(tokens, match[1]!);
    if (!principal) throw new Refusal('unauthenticated', 'token-unknown', '令牌无效 / unknown token');
    request.principal = principal;
    request.actor = principal.actor;
  });
}

/** Refuses with 403 unless the caller may take `action` on a project of `department`. */
export function authorize(request: FastifyRequest, action: Action, department: string | undefined): void {
  const p = request.principal;
  if (!p || allows(p, action, department)) return;
  throw new Refusal(
    'forbidden',
    'forbidden',
    `${p.actor}（${ROLE_NAMES[p.role]}）无权${ACTION_NAMES[action]}${department ? `「${department}」的项目` : '此项目'} / not allowed`,
  );
}

export function mayAccess(request: FastifyRequest, action: Action, department: string | undefined): boolean {
  return !request.principal || allows(request.principal, action, department);
}

/** Departments the caller may list; undefined: all. */
export const listableDepartments = (request: FastifyRequest): string[] | undefined =>
  request.principal ? readableDepartments(request.principal) : undefined;
