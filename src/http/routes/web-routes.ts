import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { REPORT_STYLE_HASH } from '../../../projections/reports/self-evaluation-html.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Same origin only: the machines are offline, and nothing outside the app may be loaded. The one inline
 * style allowed is the HTML self-evaluation report's, by hash: opened with a token, the report is a blob:
 * document, which inherits this policy.
 */
const CSP = `default-src 'self'; img-src 'self' data:; style-src 'self' ${REPORT_STYLE_HASH}; script-src 'self'; connect-src 'self'; frame-ancestors 'none'`;

/** The web/ folder, found by walking up from this module (works from src/ under tsx and from a build under dist/). */
export function findWebRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`web/index.html not found above ${from}`);
  }
}

/** Every servable file under root, as URL paths ("/app.js", "/views/list.js"). */
function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return listFiles(root, full);
    if (!(extname(name) in CONTENT_TYPES)) return [];
    return ['/' + relative(root, full).split(sep).join('/')];
  });
}

/**
 * Serves the single page at `/` and its static files. Only the files present at start-up get a route,
 * so no request path ever reaches the file system (no traversal); anything else is the API's 404.
 * Files are read on each request so an edited page shows without a restart.
 */
export async function webRoutes(app: FastifyInstance): Promise<void> {
  const root = findWebRoot();
  const serve = (urlPath: string, file: string) => {
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    app.get(urlPath, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
      const body = await readFile(join(root, file));
      reply.header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
      if (type.startsWith('text/html')) reply.header('content-security-policy', CSP);
      return reply.type(type).send(body);
    });
  };
  serve('/', 'index.html');
  for (const path of listFiles(root)) serve(path, path.slice(1));
}
