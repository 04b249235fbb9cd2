import type { FastifyRequest } from 'fastify';
import { Refusal } from '../../commands/errors.js';

export type OriginPolicy = {
  /** Host names the server answers to (lower case, no port); undefined: any (token mode without a list). */
  allowedHosts: readonly string[] | undefined;
};

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'] as const;

// The content types a page of another origin may send without a preflight (and no type at all).
const SIMPLE_TYPES = new Set(['', 'text/plain', 'multipart/form-data', 'application/x-www-form-urlencoded']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A browser sends a request with one of these only after a CORS preflight, which this server never
// grants: a page of another origin cannot make it.
const CUSTOM_HEADERS = ['x-actor', 'x-requested-with', 'authorization'];

/** "example.org:3000" → "example.org", "[::1]:3000" → "::1". */
export function hostName(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.indexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/**
 * Guards against DNS rebinding and cross-site writes (single-user mode trusts whoever reaches the
 * loopback port, which includes the user's own browser on any site):
 * - the Host header must name one of the allowed hosts;
 * - a write must not come from a page of another origin (Origin, Sec-Fetch-Site), and must be a
 *   request no plain HTML form or no-cors fetch can make: a content type other than the three a form
 *   may send (a JSON body, a raw file), or a custom header.
 */
export function checkRequestOrigin(request: FastifyRequest, policy: OriginPolicy): void {
  const host = hostName(request.headers.host ?? '');
  if (policy.allowedHosts && !policy.allowedHosts.includes(host)) {
    throw new Refusal('forbidden', 'host-not-allowed', `不接受的 Host：${host.slice(0, 100)} / this server does not answer to that host name`, [
      { field: 'Host', message: `应为 ${policy.allowedHosts.join('、')} 之一` },
    ]);
  }
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      originHost = '';
    }
    const sameHost = originHost === host || (policy.allowedHosts?.includes(originHost) ?? false);
    if (!sameHost) throw crossSite(`Origin ${origin.slice(0, 100)}`);
  } else if (origin === 'null') {
    throw crossSite('Origin null');
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') throw crossSite('Sec-Fetch-Site: cross-site');
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (SIMPLE_TYPES.has(type) && !CUSTOM_HEADERS.some((h) => request.headers[h] !== undefined)) {
    throw new Refusal(
      'forbidden',
      'simple-request',
      '写入请求须为 JSON，或带 X-Requested-With 头（防止其他网站代为提交） / a write needs a JSON body or an X-Requested-With header',
      [{ field: 'Content-Type', message: '应为 application/json，或加 X-Requested-With 头' }],
    );
  }
}

const crossSite = (what: string): Refusal =>
  new Refusal('forbidden', 'cross-origin', `拒绝来自其他网站的写入（${what}） / cross-site write refused`);
