/**
 * Benchmark 3: HTTP command throughput and latency. Both servers run at once, each in its own process;
 * autocannon (50 connections) runs here, on 127.0.0.1 only, against one server at a time:
 *   app       POST …/indicators/:indicatorId/actuals on the real API, round robin over the seeded
 *             projects so that concurrent commands never hit the same project
 *   constant  the same requests against fastify answering a constant (the limit)
 * After a one-second warm-up of each, the load alternates between them in `--rounds` rounds of
 * `--seconds` / rounds each, so that a change in the machine's load between the two measurements
 * shows up as the spread of the per-round ratios instead of moving the ratio itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_DIR, childMain, numberArg, profileFlags, requiredArg } from './lib/child.js';
import { MEASURABLE, projectIdOfN } from './lib/synthetic.js';

function startServer(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', join(BENCH_DIR, 'http-server.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

type Run = { requests: number; seconds: number; p50: number; p99: number; ok: number; bad: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

childMain(async () => {
  const projects = numberArg('projects', 1000);
  const seconds = numberArg('seconds', 10);
  const rounds = numberArg('rounds', 5);
  const constant = await startServer(['--kind=constant']);
  const app = await startServer(['--kind=app', `--db=${join(requiredArg('dir'), 'http.db')}`, `--projects=${projects}`]);
  let sent = 0;
  const load = async (port: number, duration: number): Promise<Run> => {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 50,
      duration,
      headers: { 'content-type': 'application/json', 'x-actor': encodeURIComponent('张三') },
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            // Consecutive requests go to different projects: 50 in flight never share one of 1,000.
            const n = sent++;
            const m = MEASURABLE[Math.floor(n / projects) % MEASURABLE.length]!;
            return { ...req, path: `/api/projects/${projectIdOfN(n % projects)}/indicators/${m.id}/actuals`, body: JSON.stringify({ value: m.value, asOf: '2022-12-30' }) };
          },
        },
      ],
    });
    return {
      requests: result.requests.total,
      seconds: result.duration,
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok: result['2xx'],
      bad: result.non2xx + result.errors + result.timeouts,
    };
  };
  try {
    // A second of the same load for each first (JIT compilation, caches, connections): the figures are
    // of running servers, not of their first second.
    await load(constant.port, 1);
    const warmup = await load(app.port, 1);
    const limits: Run[] = [];
    const figures: Run[] = [];
    for (let r = 0; r < rounds; r++) {
      limits.push(await load(constant.port, seconds / rounds));
      figures.push(await load(app.port, seconds / rounds));
    }
    const rate = (runs: Run[]) => runs.reduce((n, x) => n + x.requests, 0) / runs.reduce((s, x) => s + x.seconds, 0);
    const ratios = figures.map((f, i) => f.requests / f.seconds / (limits[i]!.requests / limits[i]!.seconds));
    return {
      requestsPerSecond: rate(figures),
      limitPerSecond: rate(limits),
      minRoundRatio: Math.min(...ratios),
      maxRoundRatio: Math.max(...ratios),
      // Percentiles of the median round (autocannon gives no histogram to merge), and the worst round's p99.
      p50: median(figures.map((f) => f.p50)),
      p99: median(figures.map((f) => f.p99)),
      worstP99: Math.max(...figures.map((f) => f.p99)),
      limitP50: median(limits.map((f) => f.p50)),
      limitP99: median(limits.map((f) => f.p99)),
      ok: figures.reduce((n, f) => n + f.ok, 0),
      bad: figures.reduce((n, f) => n + f.bad, 0),
      warmupBad: warmup.bad,
    };
  } finally {
    await Promise.all([stopServer(app.child), stopServer(constant.child)]);
  }
});
