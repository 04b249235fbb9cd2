/**
 * Issue 13, part A: the access attacks (D1 encoded paths, D2 HEAD, D3 import into another department's
 * project, D5 a project the read model has not seen, D6 cross-site writes and DNS rebinding, D9 actor
 * headers) run from outside against `tsx src/server.ts`: one server with JIXIAO_TOKENS_FILE, one in
 * single-user mode. Prints per class: tried / refused (4xx problem+json) / 5xx / leaked (an event
 * written, or a 2xx, ETag or file name given to a caller who may not read it).
 * Run: `npx tsx bench/attack-access.ts`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { sha256Hex } from '../src/auth/principal.js';
import { PROJECT_ID, register, targets } from '../test/helpers/worked-example.js';

const A = register.department;
const B = '黔南州财政局';
const dir = mkdtempSync(join(tmpdir(), 'jixiao-attack-access-'));
const tokensFile = join(dir, 'tokens.json');
writeFileSync(
  tokensFile,
  JSON.stringify({
    [sha256Hex('tok-a')]: { actor: '张三', role: 'recorder', departments: [A] },
    [sha256Hex('tok-b')]: { actor: '赵其他', role: 'recorder', departments: [B] },
  }),
);
const servers: ChildProcess[] = [];

function start(name: string, env: Record<string, string>): { base: string; db: string } {
  const port = 40000 + Math.floor(Math.random() * 20000);
  const db = join(dir, `${name}.db`);
  servers.push(
    spawn('npx', ['tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: String(port), JIXIAO_DB: db, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    }),
  );
  return { base: `http://127.0.0.1:${port}`, db };
}

async function up(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${base} did not start`);
}

const position = async (base: string) => ((await (await fetch(`${base}/health`)).json()) as { store: { position: string } }).store.position;

type Tally = { tried: number; refused: number; fiveXX: number; leaked: number; notes: string[] };
const tallies = new Map<string, Tally>();
const tally = (cls: string) => tallies.get(cls) ?? (tallies.set(cls, { tried: 0, refused: 0, fiveXX: 0, leaked: 0, notes: [] }), tallies.get(cls)!);

/** One attack: refused when 4xx problem+json with no ETag or file name; leaked when the store moved or data came back. */
async function attack(
  cls: string,
  base: string,
  what: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  refusedIf?: (json: any) => boolean,
  watch: (base: string) => Promise<string> = position,
) {
  const t = tally(cls);
  t.tried++;
  const before = await watch(base);
  // fetch drops a Host header of its own; node:http sends it as given.
  const res = headers.host ? await withHost(`${base}${path}`, method, headers, body) : await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const type = res.headers.get('content-type') ?? '';
  const text = method === 'HEAD' ? '' : await res.text();
  const moved = (await watch(base)) !== before;
  if (res.status >= 500) t.fiveXX++;
  const refused = refusedIf ? res.ok && refusedIf(JSON.parse(text)) : res.status >= 400 && res.status < 500 && (method === 'HEAD' || type.startsWith('application/problem+json'));
  const gave = !refusedIf && (res.ok || res.headers.has('etag') || res.headers.has('content-disposition'));
  if (moved || gave) {
    t.leaked++;
    t.notes.push(`${what}: ${res.status}${moved ? ', written' : ''}`);
  } else if (refused) t.refused++;
  else t.notes.push(`${what}: ${res.status} ${text.slice(0, 100)}`);
}

function withHost(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const answer = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') answer.set(k, v);
        resolve(new Response(method === 'HEAD' ? null : Buffer.concat(chunks), { status: res.statusCode!, headers: answer }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const guarded = start('tokens', { JIXIAO_TOKENS_FILE: tokensFile });
  const single = start('single', {});
  await Promise.all([up(guarded.base), up(single.base)]);
  const json = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const bProject = { ...register, code: 'B0001', name: '财政局绩效管理专项', department: B, unit: B };
  const taken = { ...bProject, code: register.code, name: '财政局占用编码项目' };
  // A real import records A's other four projects: the store moves by design; B's project must not.
  const bRevision = async (base: string) => (await fetch(`${base}/api/projects/${PROJECT_ID}`, { headers: { authorization: 'Bearer tok-b' } })).headers.get('etag') ?? '';
  for (const body of [bProject, taken]) {
    const res = await fetch(`${guarded.base}/api/projects`, { method: 'POST', headers: json('tok-b'), body: JSON.stringify(body) });
    if (res.status !== 201) throw new Error(`register ${res.status}`);
  }
  await fetch(`${guarded.base}/api/projects/B0001-2022/targets`, { method: 'PUT', headers: json('tok-b'), body: JSON.stringify(targets) });

  // D1: encoded, re-cased and unknown paths without a token.
  const id = 'B0001-2022';
  for (const path of ['/%61pi/projects', '/ap%69/projects', `/%61pi/projects/${id}`, `/api/projects/${id}/%73corecard`, `/%61pi/projects/${id}/self-evaluation?format=xlsx`, '/API/projects', '/api//projects', '/api/projects/', '/api/nothing']) {
    for (const method of ['GET', 'HEAD']) await attack('D1 paths without a token', guarded.base, `${method} ${path}`, method, path, {});
  }
  for (const path of ['/%61pi/projects', '/ap%69/projects']) {
    await attack('D1 paths without a token', guarded.base, `POST ${path}`, 'POST', path, json(), JSON.stringify({ ...register, code: 'ATTACK' }));
  }
  await attack('D1 paths without a token', guarded.base, 'POST encoded spending', 'POST', `/%61pi/projects/${id}/spending`, json(), JSON.stringify({ amount: '1万元', date: '2022-06-01' }));
  await attack('D1 paths without a token', guarded.base, 'POST encoded import', 'POST', `/%61pi/import?year=2022&department=x`, { 'content-type': 'text/plain', 'x-requested-with': 'x' }, '项目名称\tX\n');

  // D2: HEAD (and GET) on B's project by A's recorder.
  for (const path of ['', '/scorecard', '/monitoring', '/self-evaluation?format=xlsx', '/self-evaluation?format=html', '/history', '/diff?from=0&to=1']) {
    for (const method of ['HEAD', 'GET']) await attack('D2 another department, HEAD and GET', guarded.base, `${method} ${path || '/'}`, method, `/api/projects/${id}${path}`, { authorization: 'Bearer tok-a' });
  }

  // D3: a table of department A carrying the code of B's project, dry run and real.
  const table = readFileSync('test/fixtures/000_154af7783c30a653.txt');
  for (const dryRun of ['true', 'false']) {
    await attack('D3 import into another department', guarded.base, `dryRun=${dryRun}`, 'POST', `/api/import?dryRun=${dryRun}&year=2022&department=${encodeURIComponent(A)}&fileName=000.txt`, { authorization: 'Bearer tok-a', 'content-type': 'text/plain' }, table.toString('utf8'), (answer) => {
      const outcome = answer.projects.find((p: { outcome: { id: string } }) => p.outcome.id === PROJECT_ID).outcome;
      return outcome.status === 'refused' && !JSON.stringify(answer).includes(B);
    }, bRevision);
  }

  // D5: a project written a moment ago by another process (the CLI), asked at once.
  for (let i = 0; i < 3; i++) {
    const code = `CLI${i}`;
    spawnSync('npx', ['tsx', 'src/cli/main.ts', 'register', '--json', '-'], {
      input: JSON.stringify({ ...bProject, code }),
      env: { ...process.env, JIXIAO_DB: guarded.db, JIXIAO_ACTOR: '赵其他', LOG_LEVEL: 'error' },
    });
    for (const method of ['GET', 'HEAD']) await attack('D5 not yet in the read model', guarded.base, `${method} ${code}`, method, `/api/projects/${code}-2022/scorecard`, { authorization: 'Bearer tok-a' });
    await attack('D5 not yet in the read model', guarded.base, `POST ${code}`, 'POST', `/api/projects/${code}-2022/spending`, json('tok-a'), JSON.stringify({ amount: '1万元', date: '2022-06-01' }));
  }

  // D6: single-user mode, cross-site.
  const tsv = '项目名称\t跨站\n项目编码\tX001\n年度\t2022\n主管部门\t某部门\n预算\t10万元\n';
  const cross: [string, Record<string, string>, string, string][] = [
    ['text/plain import', { 'content-type': 'text/plain' }, '/api/import?dryRun=false', tsv],
    ['multipart import', { 'content-type': 'multipart/form-data; boundary=b' }, '/api/import?dryRun=false', `--b\r\ncontent-disposition: form-data; name="file"; filename="t.txt"\r\n\r\n${tsv}\r\n--b--\r\n`],
    ['urlencoded command', { 'content-type': 'application/x-www-form-urlencoded' }, '/api/projects', 'code=X'],
    ['JSON with Origin evil.example', { ...json(), origin: 'http://evil.example' }, '/api/projects', JSON.stringify(register)],
    ['JSON with Origin null', { ...json(), origin: 'null' }, '/api/projects', JSON.stringify(register)],
    ['JSON, Sec-Fetch-Site cross-site', { ...json(), 'sec-fetch-site': 'cross-site' }, '/api/projects', JSON.stringify(register)],
    ['JSON to Host evil.example', { ...json(), host: 'evil.example' }, '/api/projects', JSON.stringify(register)],
  ];
  for (const [what, headers, path, body] of cross.map(([w, h, p, b], i) => [w, h, p, b.replace(register.code, `${register.code}${i}`)] as const)) await attack('D6 cross-site (single-user)', single.base, what, 'POST', path, headers, body);
  await attack('D6 cross-site (single-user)', single.base, 'GET with Host evil.example', 'GET', '/api/projects', { host: 'evil.example' });

  // D9: actors.
  const actors = [encodeURIComponent('张三\r\n审计：已核'), encodeURIComponent('张\u0000三'), encodeURIComponent('张三\u202E核审'), encodeURIComponent('\u2068张三'), 'a'.repeat(8 * 1024), encodeURIComponent('名'.repeat(65))];
  for (const [i, actor] of actors.entries()) {
    await attack('D9 actor header (single-user)', single.base, `X-Actor ${actor.slice(0, 20)}…${actor.length}`, 'POST', '/api/projects', { ...json(), 'x-actor': actor }, JSON.stringify({ ...register, code: `ACT${i}` }));
  }

  console.log('| class | tried | refused | 5xx | leaked |\n|---|---|---|---|---|');
  for (const [cls, t] of tallies) console.log(`| ${cls} | ${t.tried} | ${t.refused} | ${t.fiveXX} | ${t.leaked} |`);
  for (const [cls, t] of tallies) for (const note of t.notes) console.log(`  ${cls}: ${note}`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const s of servers) {
      try {
        process.kill(-s.pid!, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500);
  });
