import { sha256Hex } from '../../src/auth/principal.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

/**
 * The real server on a listening loopback socket with access control on, as an attacker meets it:
 * requests go through fetch and fastify's router, never inject. The reviewer may write every command on
 * the worked example's department.
 */
export type SecurityServer = {
  h: TestApp;
  url: string;
  /** fetch with the reviewer's token; a JSON body is sent as application/json. */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
};

export const TOKEN = 's3cret-reviewer';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

export async function securityServer(options: { now?: string } = {}): Promise<SecurityServer> {
  const tokens = new Map([[sha256Hex(TOKEN), { actor: '李四', role: 'reviewer' as const, departments: [register.department] }]]);
  const h = await testApp({ now: options.now ?? '2022-07-05T10:00:00', memory: true, tokens });
  const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const raw = typeof body === 'string' || body instanceof Uint8Array;
    return fetch(`${url}${path}`, {
      method,
      headers: { ...AUTH, ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: raw ? (body as string | Uint8Array) : JSON.stringify(body) } : {}),
    });
  };
  return { h, url, send, close: () => h.close() };
}

/** The worked example registered with its targets: indicators i1…i7 on PROJECT_ID. */
export async function withProject(s: SecurityServer): Promise<string> {
  const created = await s.send('POST', '/api/projects', register);
  if (created.status !== 201) throw new Error(`register: ${created.status} ${await created.text()}`);
  const declared = await s.send('PUT', `/api/projects/${PROJECT_ID}/targets`, targets);
  if (declared.status !== 200) throw new Error(`targets: ${declared.status} ${await declared.text()}`);
  return PROJECT_ID;
}

export type ProblemBody = { status: number; rule?: string; detail: string; errors?: { field: string; message: string }[] };

/** The answer's problem+json body; fails the caller's expectation when the type is not problem+json. */
export async function problemOf(res: Response): Promise<ProblemBody & { contentType: string }> {
  const contentType = res.headers.get('content-type') ?? '';
  const body = (await res.json()) as ProblemBody;
  return { ...body, contentType };
}
