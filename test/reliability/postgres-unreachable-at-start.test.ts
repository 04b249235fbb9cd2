/**
 * The app started against a PostgreSQL that cannot be reached prints one line naming the store (without
 * its password) and exits 3, as it does for EventStoreDB, instead of a stack trace.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

t.test('PostgreSQL refusing connections: one line naming the store, exit 3', async (t) => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve)); // a port where nothing listens now
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-pg-unreachable-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EVENTSTORE_CONNECTION_STRING: `postgres://app:secret@127.0.0.1:${port}/jixiao`, JIXIAO_DB: join(dir, 'jixiao.db'), PORT: '0', LOG_LEVEL: 'silent' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(killer);
  t.equal(code, 3, stderr);
  const lines = stderr.trim().split('\n');
  t.equal(lines.length, 1, 'one line');
  t.match(lines[0], new RegExp(`^jixiao: cannot start: the event store PostgreSQL postgres://\\*\\*\\*@127\\.0\\.0\\.1:${port}/jixiao is unavailable: `), 'names the store and where');
  t.notMatch(stderr, /secret/, 'without the password');
});
