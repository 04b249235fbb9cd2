import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { Refusal } from '../../commands/errors.js';
import { allows, readableDepartments, type Action } from '../auth/access-rules.js';
import { principalOfToken, type Principal, type TokenTable } from '../auth/principal.js';
import { actorFromHeader } from './actor-header.js';
import { departmentRef, type YearRef } from '../../domain/project/department-stream.js';
import { checkRequestOrigin, type OriginPolicy } from './request-origin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, when access control is on (a tokens file is configured). */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /**
     * How a route is guarded, declared where it is registered:
     * - `public`: no token (the web page's files, /health, the API docs);
     * - `project`: a token, and read access to the department of the project `:id` as loaded from the
     *   store (commands check their own action again on the state they decide on);
     * - `department`: a token, and read access to the department of the department-year `:name/:year`
     *   as loaded from its stream (the name registered, not the URL's spelling);
     * - `authenticated` (also the default of a route that declares nothing): a token; the handler
     *   filters what it answers by the caller's departments.
     */
    access?: 'public' | 'project' | 'department' | 'authenticated';
  }
}

const ROLE_NAMES: Record<Principal['role'], string> = { recorder: '填报人', reviewer: '审核人', finance: '财政', auditor: '审计' };
const ACTION_NAMES: Record<Action, string> = { read: '查看', record: '记录', approve: '批准' };

/** Routes registered by plugins that cannot declare their access themselves: the API docs. */
const PUBLIC_ROUTE_PREFIXES = ['/docs'];

export type AccessOptions = {
  tokens: TokenTable | undefined;
  origin: OriginPolicy;
  /** The department of an existing project as loaded (held state, read model, else the stream); undefined: no such project. */
  departmentOfProject: (projectId: string) => Promise<string | undefined>;
  /** The department of an existing department-year, as registered in its stream; undefined: none. */
  departmentOfYear: (ref: YearRef) => Promise<string | undefined>;
};

/**
 * Access control, decided on the route fastify matched (never on the raw URL, which may be
 * percent-encoded) and for every method, HEAD included. With a token table every route needs
 * `Authorization: Bearer <token>` unless it is declared public, and the actor is the token's; without
 * one (single-user mode, loopback only) the actor comes from X-Actor, else "local". Must be registered
 * before any route, so that every route is seen by the onRoute check.
 */
export function registerAccess(app: FastifyInstance, options: AccessOptions): void {
  const { tokens } = options;
  app.addHook('onRoute', (route: RouteOptions) => {
    if (PUBLIC_ROUTE_PREFIXES.some((prefix) => route.url === prefix || route.url.startsWith(`${prefix}/`))) {
      route.config = { ...(route.config ?? {}), access: 'public' };
    }
    if (route.url.includes('/:id') && route.url.startsWith('/api/projects/') && route.config?.access !== 'project') {
      throw new Error(`route ${route.url} names a project but does not declare access: 'project'`);
    }
    if (route.url.startsWith('/api/departments/:name') && route.config?.access !== 'department') {
      throw new Error(`route ${route.url} names a department-year but does not declare access: 'department'`);
    }
  });

  app.addHook('onRequest', async (request) => {
    checkRequestOrigin(request, options.origin);
    const access = request.routeOptions.config?.access ?? 'authenticated';
    if (!tokens) {
      request.actor = actorFromHeader(request.headers['x-actor']) ?? 'local';
      return;
    }
    if (access === 'public') return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer[ \t]+([!-~]{1,512})[ \t]*$/i.exec(header) : null;
    if (!match) {
      throw new Refusal('unauthenticated', 'token-missing', '需要 Authorization: Bearer <token> / a bearer token is required');
    }
    const principal = principalOfToken(tokens, match[1]!);
    if (!principal) throw new Refusal('unauthenticated', 'token-unknown', '令牌无效 / unknown token');
    request.principal = principal;
    request.actor = principal.actor;
  });

  // Every route on one project needs read access to its department, whatever the method; before the
  // body is validated, so that a caller without access learns nothing of the route's rules either.
  app.addHook('preValidation', async (request) => {
    if (request.principal && request.routeOptions.config?.access === 'department') {
      const { name, year } = (request.params ?? {}) as { name?: unknown; year?: unknown };
      if (typeof name !== 'string' || typeof year !== 'string' || !/^\d{4}$/.test(year)) return;
      const department = await options.departmentOfYear(departmentRef(name, Number(year)));
      if (department !== undefined) authorize(request, 'read', department);
      return;
    }
    if (!request.principal || request.routeOptions.config?.access !== 'project') return;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return;
    const department = await options.departmentOfProject(id);
    if (department !== undefined) authorize(request, 'read', department);
  });
}

/** Refuses with 403 unless the caller may take `action` on a project of `department`. */
export function authorize(request: FastifyRequest, action: Action, department: string | undefined): void {
  const p = request.principal;
  if (!p || allows(p, action, department)) return;
  throw forbidden(p, action, department);
}

export function forbidden(p: Principal, action: Action, department: string | undefined): Refusal {
  return new Refusal(
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
