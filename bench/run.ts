/**
 * `npm run bench [-- --quick] [-- --only=appends,rebuild,http,queries,as-of,postgres,forecast,departments] [-- --cpu-prof]
 * [-- --record="what changed"] [-- --keep]`
 *
 * Runs each benchmark in its own process (sequentially, so they do not compete for the 2 cores), then
 * prints a table of figure, limit, ratio and goal. --record appends the table and the machine to
 * bench/RESULTS.md; --cpu-prof writes a profile of every benchmark process to bench/profiles/.
 */
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, runChild, type ChildOptions, type Measurements } from './lib/child.js';
import { makeDataDir } from './lib/datadir.js';
import { describeMachine } from './lib/machine.js';
import { postgresBenchDatabase } from './lib/postgres.js';
import { failedRow, fmt, latencyRow, markdownTable, type Row } from './lib/table.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const quick = flag('quick');
const only = value('only')?.split(',');
const wanted = (name: string) => only === undefined || only.includes(name);
const profileDir = flag('cpu-prof') ? join(BENCH_DIR, 'profiles', new Date().toISOString().replace(/[:.]/g, '-')) : undefined;
const childOptions: ChildOptions = { cpuProfDir: profileDir };

/** Sizes: the issue's in a full run; smaller ones with --quick so that the whole run stays under a minute. */
const SIZE = quick
  ? { rounds: 3, roundSeconds: 1, projects: 1000, facts: 97, httpSeconds: 3, httpRounds: 3, queryIterations: 200, listIterations: 4, asOfIterations: 6 }
  : { rounds: 5, roundSeconds: 2, projects: 10_000, facts: 97, httpSeconds: 10, httpRounds: 5, queryIterations: 2000, listIterations: 50, asOfIterations: 100 };

const data = makeDataDir();
const rows: Row[] = [];
const notes: string[] = [];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
const started = Date.now();

async function step(name: string, benchmark: string, body: () => Promise<Row[]>): Promise<void> {
  if (!wanted(name)) return;
  const t0 = Date.now();
  process.stderr.write(`▶ ${name}\n`);
  try {
    rows.push(...(await body()));
  } catch (error) {
    rows.push(failedRow(benchmark, error));
  }
  process.stderr.write(`  ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

const child = (file: string, args: string[]): Promise<Measurements> => runChild(file, args, childOptions);

await step('appends', '1. durable appends/s', async () => {
  const common = [`--dir=${data.path}`, `--rounds=${SIZE.rounds}`, `--seconds=${SIZE.roundSeconds}`];
  const single = await child('appends.ts', ['--mode=single', ...common]);
  const batched = await child('appends.ts', ['--mode=batched', '--writers=32', ...common]);
  notes.push(
    `appends: ratio per round 1 writer ${fmt(single.minRoundRatio, 2)}–${fmt(single.maxRoundRatio, 2)}, ` +
      `32 writers ${fmt(batched.minRoundRatio, 2)}–${fmt(batched.maxRoundRatio, 2)}; ` +
      `32 writers averaged ${fmt(batched.eventsPerTransaction, 1)} appends per group commit`,
  );
  return [
    {
      benchmark: '1. durable appends/s, 1 writer (vs raw single-row transactions)',
      figure: fmt(single.figure),
      limit: fmt(single.limit),
      ratio: single.ratio,
      goal: '≥ 80 % of limit',
      met: single.ratio! >= 0.8,
    },
    {
      benchmark: '1. durable appends/s, 32 writers (vs raw 100 rows per transaction)',
      figure: fmt(batched.figure),
      limit: fmt(batched.limit),
      ratio: batched.ratio,
      goal: '≥ 25 % of limit',
      met: batched.ratio! >= 0.25,
    },
  ];
});

await step('rebuild', '2. projection rebuild', async () => {
  const db = join(data.path, 'rebuild.db');
  const seeded = await child('rebuild.ts', ['--mode=seed', `--db=${db}`, `--projects=${SIZE.projects}`, `--facts=${SIZE.facts}`]);
  const rebuild = await child('rebuild.ts', ['--mode=rebuild', `--db=${db}`]);
  const raw = await child('rebuild.ts', ['--mode=raw', `--db=${db}`]);
  const ratio = rebuild.eventsPerSecond! / raw.rowsPerSecond!;
  notes.push(
    `rebuild: ${fmt(seeded.events)} events (${fmt(SIZE.projects)} projects × ${SIZE.facts + 3}) seeded in ${fmt(seeded.seconds, 1)} s; ` +
      `rebuild took ${fmt(rebuild.seconds, 1)} s; raw loop ${fmt(raw.seconds, 1)} s, its peak RSS ${fmt(raw.peakRssMb)} MB`,
  );
  return [
    {
      benchmark: `2. rebuild events/s over ${fmt(seeded.events)} events (vs raw iterate + JSON.parse)`,
      figure: fmt(rebuild.eventsPerSecond),
      limit: fmt(raw.rowsPerSecond),
      ratio,
      goal: '≥ 50 % of limit and ≥ 200,000/s',
      met: ratio >= 0.5 && rebuild.eventsPerSecond! >= 200_000,
    },
    {
      benchmark: '2. rebuild peak RSS (MB, its own process)',
      figure: fmt(rebuild.peakRssMb),
      limit: '512',
      ratio: rebuild.peakRssMb! / 512,
      goal: '< 512 MB',
      met: rebuild.peakRssMb! < 512,
    },
  ];
});

await step('http', '3. HTTP commands', async () => {
  const rounds = SIZE.httpRounds;
  const http = await child('http.ts', [`--dir=${data.path}`, `--seconds=${SIZE.httpSeconds}`, `--rounds=${rounds}`, '--projects=1000']);
  notes.push(
    `http: after a 1 s warm-up of each server, ${rounds} rounds of ${fmt(SIZE.httpSeconds / rounds)} s against each in turn; ` +
      `ratio per round ${fmt(http.minRoundRatio, 2)}–${fmt(http.maxRoundRatio, 2)}; app ${fmt(http.ok)} 2xx, ${fmt(http.bad)} not (non-2xx, errors, timeouts); ` +
      `constant route p50 ${fmt(http.limitP50)} ms, p99 ${fmt(http.limitP99)} ms; latency: the median round's p50 and p99 (the worst round's p99 ${fmt(http.worstP99)} ms)`,
  );
  const clean = http.bad === 0 && http.warmupBad === 0;
  const ratio = http.requestsPerSecond! / http.limitPerSecond!;
  return [
    {
      benchmark: '3. HTTP record-actual commands/s, 50 connections (vs fastify constant route)',
      figure: fmt(http.requestsPerSecond),
      limit: fmt(http.limitPerSecond),
      ratio,
      goal: '≥ 40 % of limit, all 2xx',
      met: ratio >= 0.4 && clean,
    },
    latencyRow('3. HTTP command latency p50 / p99 (ms)', http.p50, http.p99, 25),
  ];
});

await step('queries', '4. queries', async () => {
  const q = await child('queries.ts', [`--dir=${data.path}`, '--projects=1000', '--facts=40', `--iterations=${SIZE.queryIterations}`, `--list-iterations=${SIZE.listIterations}`]);
  return [
    latencyRow('4. scorecard of a 40-indicator project, p50 / p99 (ms)', q.scorecardP50, q.scorecardP99, 5, 2),
    latencyRow(`4. project list of ${fmt(q.listed)} projects, p50 / p99 (ms)`, q.listP50, q.listP99, 50, 1),
  ];
});

await step('as-of', '5. as-of state', async () => {
  const a = await child('as-of.ts', [`--dir=${data.path}`, '--events=10000', `--iterations=${SIZE.asOfIterations}`]);
  notes.push(`as-of: over a socket, to the last byte of a ${fmt(a.responseKb)} KB answer; year end sees every event (the current state); as of mid-year (about half the events folded) p50 ${fmt(a.midYearP50, 1)} / p99 ${fmt(a.midYearP99, 1)} ms`);
  return [
    latencyRow('5. as-of state of a project with 10,000 events (year end), p50 / p99 (ms)', a.p50, a.p99, 20, 1),
    latencyRow('5. the same project at its second-last revision (9,999 events folded), p50 / p99 (ms)', a.fullFoldP50, a.fullFoldP99, 20, 1),
  ];
});

await step('postgres', '6. PostgreSQL event store', async () => {
  const pg = await postgresBenchDatabase();
  try {
    const common = [`--url=${pg.url}`, `--rounds=${SIZE.rounds}`, `--seconds=${SIZE.roundSeconds}`];
    const single = await child('postgres.ts', ['--mode=appends', '--writers=1', ...common]);
    const one = await child('postgres.ts', ['--mode=appends', '--writers=32', '--instances=1', ...common]);
    const many = await child('postgres.ts', ['--mode=appends', '--writers=32', '--instances=32', ...common]);
    const seeded = await child('postgres.ts', ['--mode=seed', `--url=${pg.url}`, `--projects=${SIZE.projects}`, `--facts=${SIZE.facts}`]);
    const rebuild = await child('postgres.ts', ['--mode=rebuild', `--url=${pg.url}`]);
    const raw = await child('postgres.ts', ['--mode=raw', `--url=${pg.url}`]);
    notes.push(
      `postgres: ${pg.version}; appends ratio per round 1 writer ${fmt(single.minRoundRatio, 2)}–${fmt(single.maxRoundRatio, 2)}, ` +
        `32 writers on one instance ${fmt(one.minRoundRatio, 2)}–${fmt(one.maxRoundRatio, 2)} (${fmt(one.appendsPerTransaction, 1)} appends per transaction), ` +
        `on 32 instances ${fmt(many.minRoundRatio, 2)}–${fmt(many.maxRoundRatio, 2)}; ` +
        `${fmt(seeded.events)} events seeded through the store in ${fmt(seeded.seconds, 1)} s; rebuild ${fmt(rebuild.seconds, 1)} s (peak RSS ${fmt(rebuild.peakRssMb)} MB), raw cursor ${fmt(raw.seconds, 1)} s`,
    );
    const row = (benchmark: string, m: Measurements, goal: string, met: boolean | undefined): Row => ({ benchmark, figure: fmt(m.figure), limit: fmt(m.limit), ratio: m.ratio, goal, met });
    return [
      row('6. PostgreSQL durable appends/s, 1 writer (vs raw pg, 1 row per transaction)', single, 'the limit', undefined),
      row('6. PostgreSQL appends/s, 32 writers on one app server (vs raw pg, 32 connections, 1 row per transaction)', one, 'the limit', undefined),
      row('6. PostgreSQL appends/s, 32 writers as 32 app servers, 1 connection each (vs the same raw pg)', many, 'the limit', undefined),
      {
        benchmark: `6. rebuild events/s from PostgreSQL over ${fmt(seeded.events)} events (vs raw pg cursor + JSON.parse)`,
        figure: fmt(rebuild.eventsPerSecond),
        limit: fmt(raw.rowsPerSecond),
        ratio: rebuild.eventsPerSecond! / raw.rowsPerSecond!,
        goal: 'the limit',
        met: undefined,
      },
    ];
  } finally {
    await pg.drop();
  }
});

await step('forecast', '7. year-end forecast', async () => {
  const f = await child('forecast.ts', [`--dir=${data.path}`, '--projects=1000', '--facts=40', `--iterations=${SIZE.queryIterations}`, `--list-iterations=${SIZE.listIterations}`]);
  notes.push(`forecast: the list with every summary computed again (clock moved a day before each request) p50 ${fmt(f.recomputedP50, 1)} / p99 ${fmt(f.recomputedP99, 1)} ms`);
  return [
    latencyRow('7. year-end forecast of a 40-indicator project (as of 7月底), p50 / p99 (ms)', f.forecastP50, f.forecastP99, 5, 2),
    latencyRow(`7. project list with forecasts of ${fmt(f.listed)} projects, p50 / p99 (ms)`, f.listP50, f.listP99, 50, 1),
  ];
});

await step('departments', '8. department roll-up', async () => {
  const d = await child('departments.ts', [
    `--dir=${data.path}`,
    '--departments=100',
    '--big=200',
    '--per=20',
    '--facts=40',
    `--iterations=${quick ? 200 : 1000}`,
    `--list-iterations=${quick ? 30 : 200}`,
    `--cold-iterations=${quick ? 5 : 20}`,
  ]);
  notes.push(
    `departments: ${fmt(d.projects)} projects of 40 indicators in ${fmt(d.departments)} departments (one of ${fmt(d.big)}, the others 20 each); ` +
      `answers of ${fmt(d.rollupBytes! / 1024)} KB (roll-up) and ${fmt(d.listBytes! / 1024)} KB (list); ` +
      `limit = the same bytes from a constant route, p50 / p99; ` +
      `cold (a point never asked: every line computed) roll-up now p50 ${fmt(d.coldNowP50, 1)} / p99 ${fmt(d.coldNowP99, 1)} ms, ` +
      `as of a new past date ${fmt(d.coldPastP50, 1)} / ${fmt(d.coldPastP99, 1)} ms, list ${fmt(d.coldListP50)} / ${fmt(d.coldListP99)} ms`,
  );
  const row = (benchmark: string, p50: number | undefined, p99: number | undefined, rawP50: number | undefined, rawP99: number | undefined, goalMs: number): Row => ({
    benchmark,
    figure: `${fmt(p50, 1)} / ${fmt(p99, 1)}`,
    limit: `${fmt(rawP50, 1)} / ${fmt(rawP99, 1)}`,
    ratio: p99 === undefined || rawP99 === undefined ? undefined : p99 / rawP99,
    goal: `p99 < ${goalMs} ms`,
    met: p99 !== undefined && p99 < goalMs,
  });
  return [
    row(`8. roll-up of a department of ${fmt(d.big)} projects, now, p50 / p99 (ms)`, d.currentP50, d.currentP99, d.rawRollupP50, d.rawRollupP99, 20),
    row(`8. the same roll-up as of 2022-06-30, p50 / p99 (ms)`, d.pastP50, d.pastP99, d.rawRollupP50, d.rawRollupP99, 20),
    row(`8. list of ${fmt(d.departments)} departments (${fmt(d.projects)} projects), p50 / p99 (ms)`, d.listP50, d.listP99, d.rawListP50, d.rawListP99, 50),
  ];
});

if (!flag('keep')) rmSync(data.path, { recursive: true, force: true });
const seconds = (Date.now() - started) / 1000;
const table = markdownTable(rows);
const machine = describeMachine(data);
const context = [
  ...machine,
  `load average (1/5/15 min) before ${loadBefore}, after ${load()}`,
  `mode: ${quick ? '--quick' : 'full'}${only ? ` --only=${only.join(',')}` : ''}, ${seconds.toFixed(0)} s`,
  ...notes,
];
console.log(`${table}\n\n${context.map((l) => `- ${l}`).join('\n')}`);
if (profileDir) console.log(`\nprofiles: ${profileDir} (summarize with: npx tsx bench/profile-summary.ts FILE)`);

const label = value('record');
if (label !== undefined) {
  mkdirSync(BENCH_DIR, { recursive: true });
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  appendFileSync(join(BENCH_DIR, 'RESULTS.md'), `\n### ${when} UTC — ${label}\n\n${table}\n\n${context.map((l) => `- ${l}`).join('\n')}\n`);
}
