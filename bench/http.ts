/**
 * Benchmark 3: HTTP command throughput and latency. Each server runs in its own process; autocannon
 * (50 connections) runs here, on 127.0.0.1 only, for a fixed time after a one-second warm-up.
 *   --target=app       POST …/indicators/:indicatorId/actuals on the real API, round robin over the
 *                      seeded projects so that concurrent commands never hit the same project
 *   --target=constant  the same requests against fastify answering a constant (the limit)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { BENCH_DIR, arg, childMain, numberArg, profileFlags, requiredArg } from './lib/child.js';
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

childMain(async () => {
  const target = requiredArg('target');
  const projects = numberArg('projects', 1000);
  const seconds = numberArg('seconds', 10);
  const serverArgs = target === 'app' ? ['--kind=app', `--db=${join(requiredArg('dir'), 'http.db')}`, `--projects=${projects}`] : ['--kind=constant'];
  if (target !== 'app' && target !== 'constant') throw new Error(`unknown --target=${arg('target')}`);
  const { child, port } = await startServer(serverArgs);
  let sent = 0;
  const load = (duration: number) =>
    autocannon({
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
  try {
    // Both servers first take a second of the same load (JIT compilation, caches, connections): the
    // figures are of a running server, not of its first second.
    const warmup = await load(1);
    const result = await load(seconds);
    return {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      warmupNon2xx: warmup.non2xx + warmup.errors,
    };
  } finally {
    await stopServer(child);
  }
});
