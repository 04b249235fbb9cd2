import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { findWebRoot } from '../../src/http/routes/web-routes.js';
import { testApp } from '../helpers/test-app.js';

const root = findWebRoot();

t.test('the page is served at / with its scripts and styles, same-origin only', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);

  const page = await h.call('GET', '/');
  t.equal(page.statusCode, 200);
  t.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  t.match(page.headers['content-security-policy'], /default-src 'self'/, 'the browser may load nothing from elsewhere');
  t.match(page.body, /<script type="module" src="\/app.js">/);

  for (const [path, type] of [
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/views/project.js', 'text/javascript; charset=utf-8'],
    ['/app.css', 'text/css; charset=utf-8'],
  ] as const) {
    const res = await h.call('GET', path);
    t.equal(res.statusCode, 200, path);
    t.equal(res.headers['content-type'], type, path);
    t.equal(res.headers['x-content-type-options'], 'nosniff');
  }
  t.equal((await h.call('GET', '/api/projects')).statusCode, 200, 'the API is still there');
});

t.test('paths outside web/ are the API’s 404, never a file', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/views/..%2f..%2fpackage.json', '/views/%2e%2e/%2e%2e/src/server.ts', '/package.json', '/nope.js']) {
    const res = await h.call('GET', path);
    t.equal(res.statusCode, 404, path);
    t.match(res.headers['content-type'], /application\/problem\+json/, path);
  }
});

/** Every import in web/ points at a file that exists and nothing is fetched from another host. */
t.test('the page loads nothing from outside: no CDN, no web font, no remote import', async (t) => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of files(root)) {
    const text = readFileSync(file, 'utf8');
    t.notMatch(text, /(?:src|href)\s*=\s*["']https?:|@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:|from\s+['"]https?:/, `${file} refers to no remote resource`);
    for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      t.ok(readdirSync(join(file, '..', m[1]!, '..')).includes(m[1]!.split('/').at(-1)!), `${file} imports ${m[1]}`);
    }
  }
});
