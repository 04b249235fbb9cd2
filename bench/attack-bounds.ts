/**
 * Issue 13, part B: the input-bound attacks (D4 long text / ReDoS, D7 imports, D8 codes, D10 values
 * outside the project) run from outside against `tsx src/server.ts` started with JIXIAO_TOKENS_FILE.
 * Prints, per class: tried / refused (4xx problem+json, or a warning naming the cell) / 5xx / leaked
 * (an event written or a value accepted that should not be), the slowest /health answer while the
 * attacks ran, and the server's peak resident memory. Run: `npx tsx bench/attack-bounds.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../src/auth/principal.js';
import { sharedStringsXml, sheetXml, xlsxOf } from '../test/security/zip.js';
import { PROJECT_ID, register, targets } from '../test/helpers/worked-example.js';

const TOKEN = 'attack-reviewer';
const dir = mkdtempSync(join(tmpdir(), 'jixiao-attack-'));
const tokensFile = join(dir, 'tokens.json');
writeFileSync(tokensFile, JSON.stringify({ [sha256Hex(TOKEN)]: { actor: '攻击者', role: 'reviewer', departments: [register.department] } }));
const port = 40000 + Math.floor(Math.random() * 20000);
const base = `http://127.0.0.1:${port}`;
const server = spawn('npx', ['tsx', 'src/server.ts'], {
  env: { ...process.env, PORT: String(port), JIXIAO_DB: join(dir, 'jixiao.db'), JIXIAO_TOKENS_FILE: tokensFile, LOG_LEVEL: 'error' },
  stdio: ['ignore', 'ignore', 'inherit'],
  detached: true,
});

async function up(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const raw = typeof body === 'string' || body instanceof Uint8Array;
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: raw ? (body as string | Uint8Array) : JSON.stringify(body) } : {}),
  });
};

const position = async () => ((await (await fetch(`${base}/health`)).json()) as { store: { position: string } }).store.position;

/** Polls /health the whole time; records the slowest answer. */
let slowestHealth = 0;
let polling = true;
async function pollHealth(): Promise<void> {
  while (polling) {
    const start = performance.now();
    await (await fetch(`${base}/health`)).arrayBuffer();
    slowestHealth = Math.max(slowestHealth, performance.now() - start);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Tally = { tried: number; refused: number; fiveXX: number; leaked: number; notes: string[] };
const tallies = new Map<string, Tally>();
const tally = (cls: string) => tallies.get(cls) ?? (tallies.set(cls, { tried: 0, refused: 0, fiveXX: 0, leaked: 0, notes: [] }), tallies.get(cls)!);

/** One attack: refused when 4xx problem+json (or `warned` finds the cell named); leaked when the store moved. */
async function attack(cls: string, what: string, run: () => Promise<Response>, warned?: (body: unknown) => boolean): Promise<void> {
  const t = tally(cls);
  t.tried++;
  const before = await position();
  let res: Response;
  try {
    res = await run();
  } catch (e) {
    // The server answered 413 on Content-Length and closed while the body was still being written.
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if ((code === 'EPIPE' || code === 'ECONNRESET') && (await position()) === before) {
      t.refused++;
      t.notes.push(`${what}: connection closed by the server before the body was read (${code})`);
      return;
    }
    throw e;
  }
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  const after = await position();
  if (res.status >= 500) t.fiveXX++;
  if (after !== before) {
    t.leaked++;
    t.notes.push(`${what}: written (${res.status})`);
  } else if ((res.status >= 400 && res.status < 500 && type.startsWith('application/problem+json')) || (res.ok && warned?.(body))) {
    t.refused++;
  } else {
    t.notes.push(`${what}: ${res.status} ${JSON.stringify(body).slice(0, 120)}`);
  }
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const XLSX = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const hasWarning = (re: RegExp) => (body: unknown) =>
  (body as { warnings?: { message: string }[] }).warnings?.some((w) => re.test(w.message)) === true;

async function main(): Promise<void> {
  await up();
  if ((await send('POST', '/api/projects', register)).status !== 201) throw new Error('register');
  if ((await send('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).status !== 200) throw new Error('targets');
  const health = pollHealth();
  const id = PROJECT_ID;

  // D4: catastrophic targets and over-long free text.
  for (const n of [40_000, 80_000]) {
    const evil = '达'.repeat(n) + '≥x1';
    await attack('D4 long text / ReDoS', `targets ${n}`, () => send('PUT', `/api/projects/${id}/targets`, { indicators: [{ ...targets.indicators[0], target: evil }] }));
    await attack('D4 long text / ReDoS', `revision ${n}`, () => send('POST', `/api/projects/${id}/indicators/i1/revisions`, { target: evil, reason: 'r', approvalRef: 'a' }));
    await attack('D4 long text / ReDoS', `structured ${n}`, () =>
      send('POST', `/api/projects/${id}/indicators/i1/revisions`, { target: { comparator: '定性', value: evil }, reason: 'r', approvalRef: 'a' }),
    );
    const tsv = `项目名称\tR${n}\n项目编码\tR${n}\n年度\t2022\n主管部门\t${register.department}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t数量\t${evil}\n`;
    await attack('D4 long text / ReDoS', `import cell ${n}`, () => send('POST', '/api/import?dryRun=true', tsv, TEXT), hasWarning(/过长/));
  }
  const long = (k: number) => '长'.repeat(k);
  const fields: [string, string, unknown][] = [
    ['POST', '/api/projects', { ...register, code: 'L1', name: long(100_000) }],
    ['POST', '/api/projects', { ...register, code: 'L2', goals: { annual: long(500_000) } }],
    ['PUT', `/api/projects/${id}/targets`, { indicators: [{ ...targets.indicators[0], explanation: long(100_000) }] }],
    ['POST', `/api/projects/${id}/spending`, { amount: '1元', date: '2022-06-30', note: long(300_000) }],
    ['POST', `/api/projects/${id}/budget-adjustments`, { total: '60万元', reason: long(100_000), approvalRef: 'a', effectiveDate: '2022-06-30' }],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: 1, asOf: '2022-06-30', evidence: long(100_000) }],
    ['POST', `/api/projects/${id}/indicators/i2/assessment`, { grade: '达成', comment: long(100_000) }],
    ['POST', `/api/projects/${id}/deviations`, { category: '其他', reason: long(100_000), measure: 'm' }],
    ['POST', `/api/projects/${id}/indicators/i1/actuals`, { value: '1,111'.repeat(50_000), asOf: '2022-06-30' }],
    ['POST', `/api/projects/${id}/spending`, { amount: '1'.repeat(100_000) + 'x', date: '2022-06-30' }],
  ];
  for (const [method, path, body] of fields) await attack('D4 long text / ReDoS', `${method} ${path}`, () => send(method, path, body));

  // D7: imports.
  const bomb = xlsxOf(sheetXml(3), sharedStringsXml('a'.repeat(400 * 1024 * 1024)));
  await attack('D7 imports', `shared strings to 400 MB (${Math.round(bomb.length / 1024)} KB file)`, () => send('POST', '/api/import', bomb, XLSX));
  await Promise.all(
    Array.from({ length: 8 }, (_, i) => attack('D7 imports', `bomb #${i} at once`, () => send('POST', '/api/import', bomb, XLSX))),
  );
  await attack('D7 imports', 'declared 1 KB, inflates to 30 MB', () =>
    send('POST', '/api/import', xlsxOf(sheetXml(3), sharedStringsXml('x'), [{ name: 'xl/media/a.bin', data: Buffer.alloc(30 << 20), declaredSize: 1024 }]), XLSX),
  );
  await attack('D7 imports', '100k-row sheet', () => send('POST', '/api/import', xlsxOf(sheetXml(100_000), sharedStringsXml('x')), XLSX));
  await attack('D7 imports', '2000 entries', () =>
    send('POST', '/api/import', xlsxOf(sheetXml(3), sharedStringsXml('x'), Array.from({ length: 2000 }, (_, i) => ({ name: `m/${i}`, data: Buffer.from('x') }))), XLSX),
  );
  await attack('D7 imports', '20 MB of tabs', () => send('POST', '/api/import', '\t'.repeat(20 * 1024 * 1024 - 10), TEXT));
  await attack('D7 imports', '21 MB body', () => send('POST', '/api/import', '\t'.repeat(21 * 1024 * 1024), TEXT));
  const head = `项目名称\t大\n项目编码\tBIG\n年度\t2022\n主管部门\t${register.department}\n一级指标\t二级指标\t三级指标\t指标值\n`;
  await attack('D7 imports', '100k-row text', () =>
    send('POST', '/api/import', head + Array.from({ length: 100_000 }, (_, i) => `产出指标\t数量指标\t指标${i}\t≥1次`).join('\n'), TEXT),
  );
  await attack('D7 imports', '201 indicators', () =>
    send('POST', '/api/import', head + Array.from({ length: 201 }, (_, i) => `产出指标\t数量指标\t指标${i}\t≥1次`).join('\n'), TEXT),
  );
  await attack('D7 imports', '1M newlines', () => send('POST', '/api/import', '\n'.repeat(1_000_000), TEXT));

  // D8: codes.
  for (const code of ['A'.repeat(65), 'A'.repeat(96), 'A'.repeat(5000), '../etc', 'A%2FB', '编码', 'A\u0000B', 'A\u202eB']) {
    await attack('D8 codes', `code ${JSON.stringify(code.slice(0, 12))}…${code.length}`, () => send('POST', '/api/projects', { ...register, code }));
  }
  await attack('D8 codes', 'GET a 200-character id', () => send('GET', `/api/projects/${'A'.repeat(200)}-2022`));
  await attack('D8 codes', 'import code of 100', () => send('POST', '/api/import?dryRun=true', head.replace('BIG', 'C'.repeat(100)) + '产出指标\t数量指标\t数量\t≥1次', TEXT), hasWarning(/最多 64 个字符/));

  // D10: values outside the project.
  const d10: [string, string, unknown][] = [
    ['spending 1900-01-01', `/api/projects/${id}/spending`, { amount: '1万元', date: '1900-01-01' }],
    ['spending previous year', `/api/projects/${id}/spending`, { amount: '1万元', date: '2021-12-31' }],
    ['budget adjustment previous year', `/api/projects/${id}/budget-adjustments`, { total: '60万元', reason: 'r', approvalRef: 'a', effectiveDate: '2021-06-30' }],
    ['actual asOf 1900', `/api/projects/${id}/indicators/i1/actuals`, { value: 1, asOf: '1900-01-01' }],
    ['completion date previous year', `/api/projects/${id}/indicators/i3/actuals`, { value: '2021-11-30', asOf: '2022-06-30' }],
    ['actual 1e308', `/api/projects/${id}/indicators/i1/actuals`, { value: 1e308, asOf: '2022-06-30' }],
    ['actual "1e308"', `/api/projects/${id}/indicators/i1/actuals`, { value: '1e308', asOf: '2022-06-30' }],
    ['actual 10^13', `/api/projects/${id}/indicators/i1/actuals`, { value: 1e13, asOf: '2022-06-30' }],
    ['spending 10^13 元', `/api/projects/${id}/spending`, { amount: 1e13, date: '2022-06-30' }],
    ['budget 10万亿元', `/api/projects/${id}/budget-adjustments`, { total: '100000亿元', reason: 'r', approvalRef: 'a', effectiveDate: '2022-06-30' }],
    ['money actual 1e12 亿元', `/api/projects/${id}/indicators/i4/actuals`, { value: '1000000000000亿元', asOf: '2022-06-30' }],
  ];
  for (const [what, path, body] of d10) await attack('D10 values outside the project', what, () => send('POST', path, body));

  polling = false;
  await health;
  const status = readFileSync(`/proc/${await serverPid()}/status`, 'utf8');
  const peak = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  console.log('| class | tried | refused | 5xx | leaked |\n|---|---|---|---|---|');
  for (const [cls, t] of tallies) console.log(`| ${cls} | ${t.tried} | ${t.refused} | ${t.fiveXX} | ${t.leaked} |`);
  for (const [cls, t] of tallies) for (const note of t.notes) console.log(`  ${cls}: ${note}`);
  console.log(`slowest /health while attacked: ${slowestHealth.toFixed(0)} ms; server peak RSS (main process): ${peak ? Math.round(Number(peak) / 1024) : '?'} MB`);
}

/** The node process under npx/tsx: the deepest descendant. */
async function serverPid(): Promise<number> {
  const { execFileSync } = await import('node:child_process');
  let pid = server.pid!;
  for (;;) {
    let children: string[] = [];
    try {
      children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    } catch {
      /* pgrep exits 1 when there is no child */
    }
    if (children.length === 0) return pid;
    pid = Number(children[0]);
  }
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => {
    polling = false;
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    rmSync(dir, { recursive: true, force: true });
  });
