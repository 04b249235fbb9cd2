import t from 'tap';
import { PROJECT_ID, register } from '../helpers/worked-example.js';
import { listeningApp, TOKENS } from './listening-app.js';

/**
 * D1: access is decided on the route fastify matched. A percent-encoded path reaches the same route as
 * the plain one (the router decodes it), so it must meet the same token check: no token, no answer.
 */
t.test('a percent-encoded, doubled or re-cased path without a token is refused (401) and writes nothing', async (t) => {
  const h = await listeningApp({ tokens: TOKENS });
  t.teardown(h.close);
  const json = { 'content-type': 'application/json' };
  const created = await h.raw('POST', '/api/projects', { ...json, authorization: 'Bearer tok-a' }, JSON.stringify(register));
  t.equal(created.status, 201, created.body);
  const before = await h.eventCount();

  const reads = [
    '/%61pi/projects',
    '/ap%69/projects',
    '/%61%70%69/%70rojects',
    `/%61pi/projects/${PROJECT_ID}`,
    `/api/projects/${PROJECT_ID}/%73corecard`,
    `/%61pi/projects/${PROJECT_ID}/self-evaluation?format=xlsx`,
    `/api/projects/${PROJECT_ID.replace('W', '%57')}/history`,
    '/api/projects?x=/health',
    '/API/projects',
    '/api/nothing-here',
  ];
  let tried = 0;
  for (const path of reads) {
    for (const method of ['GET', 'HEAD']) {
      const res = await h.raw(method, path);
      tried++;
      t.equal(res.status, 401, `${method} ${path}`);
      if (method === 'GET') t.match(res.headers['content-type'], /problem\+json/, `${method} ${path} answers problem+json`);
      t.notMatch(res.body, /黔南州/, `${method} ${path} reveals nothing`);
    }
  }
  const writes: [string, string, unknown][] = [
    ['POST', '/%61pi/projects', { ...register, code: 'ATTACK1' }],
    ['POST', '/ap%69/projects', { ...register, code: 'ATTACK2' }],
    ['POST', `/%61pi/projects/${PROJECT_ID}/spending`, { amount: '1万元', date: '2022-06-01' }],
    ['PUT', `/api/%70rojects/${PROJECT_ID}/spending-plan`, { checkpoints: [{ month: 12, cumulativePercent: 100 }] }],
    ['POST', `/%61pi/projects/${PROJECT_ID}/evaluation/submit`, {}],
    ['POST', '/%61pi/import?dryRun=false&year=2022&department=x', 'a\tb'],
  ];
  for (const [method, path, body] of writes) {
    const res = await h.raw(method, path, json, typeof body === 'string' ? body : JSON.stringify(body));
    tried++;
    t.equal(res.status, 401, `${method} ${path}`);
  }
  t.equal(await h.eventCount(), before, `nothing written by ${tried} requests without a token`);
});

t.test('only the allow-list answers without a token: the page, its files, /health, the docs', async (t) => {
  const h = await listeningApp({ tokens: TOKENS });
  t.teardown(h.close);
  for (const path of ['/', '/app.js', '/app.css', '/health', '/%68ealth', '/docs/json']) {
    const res = await h.raw('GET', path);
    t.equal(res.status, 200, `GET ${path}`);
  }
  t.equal((await h.raw('HEAD', '/health')).status, 200, 'HEAD /health');
});
