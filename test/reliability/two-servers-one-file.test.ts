/**
 * Scale-out on one machine: two app processes on one SQLite events file (and its read-model file).
 * Commands race on both for one project; none is lost, and each process's read models converge.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startServerChild, type ServerChild } from './server-child.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;

async function call(server: ServerChild, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(server.base + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-actor': 'tester' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

t.test('two servers on one SQLite file: racing commands on both, nothing lost, both read models converge', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-two-servers-'));
  const dbPath = join(dir, 'jixiao.db');
  const a = await startServerChild(dbPath);
  const b = await startServerChild(dbPath);
  t.teardown(async () => {
    for (const s of [a, b]) s.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    rmSync(dir, { recursive: true, force: true });
  });

  t.equal((await call(a, 'POST', '/api/projects', register)).status, 201);
  await eventually(async () => (await call(b, 'GET', base)).status === 200);
  t.equal((await call(b, 'PUT', `${base}/targets`, targets)).status, 200, 'b writes to the project a registered');

  let accepted = 0;
  const refused: number[] = [];
  for (let round = 0; round < 10; round++) {
    const answers = await Promise.all([a, b].map((s) => call(s, 'POST', `${base}/spending`, { amount: '1万元', date: '2022-06-01' })));
    for (const r of answers) {
      if (r.status === 200) accepted++;
      else refused.push(r.status);
    }
  }
  t.ok(refused.every((s) => s === 409), `a lost race is refused with 409, never lost or failed (${refused.join(',') || 'none'})`);
  t.ok(accepted >= 10, `${accepted} of 20 accepted`);

  const revision = 1 + accepted; // registration 0, targets 1, then one event per accepted spending
  const spent = (accepted * 10_000).toFixed(2);
  for (const [name, s] of [['a', a], ['b', b]] as const) {
    await eventually(async () => {
      const list = (await call(s, 'GET', '/api/projects')).json.projects as { id: string; revision: number }[];
      return list.find((p) => p.id === PROJECT_ID)?.revision === revision;
    });
    const scorecard = (await call(s, 'GET', `${base}/scorecard`)).json;
    t.equal(scorecard.execution.spent, spent, `${name}: every accepted spending, once`);
    const history = (await call(s, 'GET', `${base}/history`)).json.entries as unknown[];
    t.equal(history.length, revision + 1, `${name}: the history has every event`);
  }
});
