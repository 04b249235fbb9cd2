import t from 'tap';
import { register } from '../helpers/worked-example.js';
import { listeningApp } from './listening-app.js';

/**
 * D6: in single-user mode whoever reaches the loopback port is trusted, and that includes the user's
 * own browser on any web site. A page of another origin must not be able to write (a form or a no-cors
 * fetch: text/plain, multipart, urlencoded, no custom header), nor read through DNS rebinding.
 */
t.test('single-user mode: a write no page of another origin could make is accepted', async (t) => {
  const h = await listeningApp();
  t.teardown(h.close);
  const res = await h.raw('POST', '/api/projects', { 'content-type': 'application/json' }, JSON.stringify(register));
  t.equal(res.status, 201, 'JSON from a same-origin page or a script');
  const table = '项目名称\t测试项目\n项目编码\tT001\n';
  const imported = await h.raw('POST', '/api/import?dryRun=true&year=2022&department=x', { 'content-type': 'text/plain', 'x-requested-with': 'jixiao' }, table);
  t.equal(imported.status, 200, 'a raw upload with X-Requested-With');
  const sameOrigin = await h.raw('POST', '/api/projects', { 'content-type': 'application/json', origin: `http://127.0.0.1:${h.port}` }, JSON.stringify({ ...register, code: 'SAME' }));
  t.equal(sameOrigin.status, 201, 'Origin of this server');
});

t.test('single-user mode: cross-site writes and rebound host names are refused, nothing written', async (t) => {
  const h = await listeningApp();
  t.teardown(h.close);
  const body = JSON.stringify(register);
  const table = '项目名称\t跨站项目\n项目编码\tX001\n预算\t10万元\n';
  const attempts: [string, string, Record<string, string>, string][] = [
    ['text/plain import (a form or no-cors fetch)', '/api/import?dryRun=false&year=2022&department=x', { 'content-type': 'text/plain' }, table],
    ['multipart import', '/api/import?dryRun=false&year=2022&department=x', { 'content-type': 'multipart/form-data; boundary=b' }, `--b\r\ncontent-disposition: form-data; name="file"; filename="t.txt"\r\n\r\n${table}\r\n--b--\r\n`],
    ['urlencoded command', '/api/projects', { 'content-type': 'application/x-www-form-urlencoded' }, 'code=X'],
    ['text/plain command', '/api/projects', { 'content-type': 'text/plain' }, body],
    ['JSON from another origin', '/api/projects', { 'content-type': 'application/json', origin: 'http://evil.example' }, body],
    ['JSON from an opaque origin', '/api/projects', { 'content-type': 'application/json', origin: 'null' }, body],
    ['JSON marked cross-site', '/api/projects', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body],
    ['JSON to a rebound host name', '/api/projects', { 'content-type': 'application/json', host: 'evil.example' }, body],
  ];
  for (const [what, path, headers, payload] of attempts) {
    const res = await h.raw('POST', path, headers, payload);
    t.equal(res.status, 403, what);
    t.match(res.headers['content-type'], /problem\+json/, `${what}: problem+json`);
  }
  for (const path of ['/api/projects', '/', '/health']) {
    t.equal((await h.raw('GET', path, { host: `evil.example:${h.port}` })).status, 403, `GET ${path} with Host evil.example`);
  }
  t.equal((await h.raw('GET', '/api/projects', { host: `localhost:${h.port}` })).status, 200, 'Host localhost');
  t.equal(await h.eventCount(), 0, 'nothing written');
});
