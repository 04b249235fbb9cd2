import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sha256Hex, type Principal, type TokenTable } from '../../src/auth/principal.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

/** The people of the attack tests: a recorder and a reviewer of A, a recorder of B, an auditor. */
export const DEPT_A = '黔南州工商业联合会';
export const DEPT_B = '黔南州财政局';
export const PEOPLE: Record<string, Principal> = {
  'tok-a': { actor: '张三', role: 'recorder', departments: [DEPT_A] },
  'tok-a-reviewer': { actor: '王审核', role: 'reviewer', departments: [DEPT_A] },
  'tok-b': { actor: '赵其他', role: 'recorder', departments: [DEPT_B] },
  'tok-auditor': { actor: '审计陈', role: 'auditor', departments: [] },
};
export const TOKENS: TokenTable = new Map(Object.entries(PEOPLE).map(([token, p]) => [sha256Hex(token), p]));

export type RawResponse = { status: number; headers: Record<string, string>; body: string; json(): any };

export type ListeningApp = TestApp & {
  port: number;
  /**
   * Sends bytes exactly as given (the path is not normalised, headers are not validated), the way an
   * attacker's client would, and reads the whole answer.
   */
  raw(method: string, path: string, headers?: Record<string, string>, body?: string | Buffer): Promise<RawResponse>;
  /** Events in the store. */
  eventCount(): Promise<number>;
};

/** The real app listening on a loopback port: requests go through Node's HTTP parser and fastify's router. */
export async function listeningApp(options: { tokens?: TokenTable; now?: string; onDisk?: boolean } = {}): Promise<ListeningApp> {
  const h = await testApp({ memory: !options.onDisk, now: options.now ?? '2022-07-01T09:00:00', ...(options.tokens ? { tokens: options.tokens } : {}) });
  await h.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (h.app.server.address() as AddressInfo).port;
  return {
    ...h,
    port,
    raw: (method, path, headers = {}, body) => rawRequest(port, method, path, headers, body),
    eventCount: async () => (await h.runtime.store.readAll()).length,
  };
}

/** Headers are written as latin1 strings (one byte a character): pass `Buffer.from(text).toString('latin1')` for raw UTF-8. */
function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawResponse> {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, connection: 'close', ...headers };
  if (payload.length > 0 || !['GET', 'HEAD'].includes(method)) all['content-length'] = String(payload.length);
  const head = `${method} ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks);
      const split = text.indexOf('\r\n\r\n');
      const headLines = text.subarray(0, split).toString('latin1').split('\r\n');
      const status = Number(headLines[0]!.split(' ')[1]);
      const answer: Record<string, string> = {};
      for (const line of headLines.slice(1)) {
        const i = line.indexOf(':');
        answer[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      let rest: Buffer = text.subarray(split + 4);
      if (answer['transfer-encoding'] === 'chunked') rest = dechunk(rest);
      const bodyText = rest.toString('utf8');
      resolve({ status, headers: answer, body: bodyText, json: () => JSON.parse(bodyText) });
    });
    socket.write(Buffer.concat([Buffer.from(head, 'latin1'), payload]));
  });
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}
