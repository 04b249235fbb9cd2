/**
 * The app started against an EventStoreDB that refuses connections, or accepts them and never answers:
 * it prints one line naming the store and its address, and exits 3 within seconds (docker compose's
 * `restart: on-failure` starts it again), instead of a stack trace or a server that cannot answer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

async function startApp(connectionString: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-unreachable-'));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EVENTSTORE_CONNECTION_STRING: connectionString, JIXIAO_DB: join(dir, 'jixiao.db'), PORT: '0', LOG_LEVEL: 'silent' },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  rmSync(dir, { recursive: true, force: true });
  return { code, stderr, stdout };
}

t.test('nothing listening: one line naming the store, exit 3', async (t) => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve)); // a port where nothing listens now
  const run = await startApp(`esdb://admin:secret@127.0.0.1:${port}?tls=false`);
  t.equal(run.code, 3, run.stderr);
  const lines = run.stderr.trim().split('\n');
  t.equal(lines.length, 1, `one line: ${run.stderr}`);
  t.match(lines[0], new RegExp(`^jixiao: cannot start: the event store EventStoreDB esdb://\\*\\*\\*@127\\.0\\.0\\.1:${port} is unavailable: `));
  t.notMatch(run.stderr, /secret/, 'credentials are not printed');
});

t.test('a server that accepts TCP and never answers: the same line, naming the 5 s timeout, exit 3', async (t) => {
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
  const { port } = silent.address() as net.AddressInfo;
  const run = await startApp(`kurrentdb://127.0.0.1:${port}?tls=false`);
  t.equal(run.code, 3, run.stderr);
  t.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
  // The bound is the call timeout the line names (starting node and tsx takes longer than that under load).
  t.match(run.stderr, /the event store EventStoreDB kurrentdb:\/\/127\.0\.0\.1:\d+ is unavailable: .*did not answer read of \$all within 5000 ms/);
});
