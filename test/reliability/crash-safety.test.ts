import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { projectStream } from '../../domain/project/events.js';
import { openRuntime, type Runtime } from '../../src/runtime.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';
import { startServerChild, type ServerChild } from './server-child.js';
import { readModelContent } from '../helpers/read-model-content.js';

const TOTAL = 300;
const CONCURRENCY = 16;
const KILL_AFTER_ACKS = 100;
/** Copies of the worked example; entry i goes to project i % 4, so about 4 writers race on each stream. */
const PROJECTS = [PROJECT_ID, ...['A', 'B', 'C'].map((c) => `${register.code}${c}-2022`)];
const codeOf = (id: string) => id.slice(0, -'-2022'.length);

/** 100 + i 元 and i % 100 分, so every entry has its own amount in fen. */
const entry = (i: number) => ({
  project: PROJECTS[i % PROJECTS.length]!,
  note: `burst-${i}`,
  amount: `${100 + i}.${String(i % 100).padStart(2, '0')}`,
  amountFen: (100 + i) * 100 + (i % 100),
});

async function send(server: ServerChild, method: string, url: string, body: unknown): Promise<Response> {
  return fetch(`${server.base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-actor': encodeURIComponent('张三') },
    body: JSON.stringify(body),
  });
}

t.test('a SIGKILL in the middle of a burst of spending loses no acknowledged entry and duplicates none', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-crash-'));
  const dbPath = join(dir, 'jixiao.db');
  let runtime: Runtime | undefined;
  const started = Date.now();
  const server = await startServerChild(dbPath);
  t.comment(`server child listening after ${Date.now() - started} ms`);
  t.teardown(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Spending dates in 2022 are in the past for the child's system clock.
  for (const id of PROJECTS) {
    for (const [method, url, body] of [
      ['POST', '/api/projects', { ...register, code: codeOf(id) }],
      ['PUT', `/api/projects/${id}/targets`, targets],
      ['PUT', `/api/projects/${id}/spending-plan`, plan],
    ] as const) {
      const res = await send(server, method, url, body);
      if (res.status >= 300) t.fail(`${method} ${url} → ${res.status} ${await res.text()}`);
    }
  }

  const burstStarted = Date.now();
  const acknowledged = new Map<string, { revision: number }>();
  let next = 0;
  let killed = false;
  let conflicts = 0;
  let lost = 0; // requests whose answer never arrived: the kill came first
  const worker = async (): Promise<void> => {
    while (!killed) {
      const i = next++;
      if (i >= TOTAL) return;
      const { project, note, amount } = entry(i);
      // A 409 (concurrent write) is a definite "nothing written", so the client may resend; nothing else is retried.
      for (;;) {
        let status: number;
        let reply: { revision?: number };
        try {
          const res = await send(server, 'POST', `/api/projects/${project}/spending`, { amount, date: '2022-06-15', note });
          status = res.status;
          reply = (await res.json()) as { revision?: number };
        } catch {
          lost++;
          return; // the server is gone; the outcome of this entry is unknown
        }
        if (status === 200) {
          acknowledged.set(note, { revision: reply.revision! });
          if (acknowledged.size >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
          break;
        }
        if (status === 409 && !killed) {
          conflicts++;
          continue;
        }
        if (status === 409) break;
        throw new Error(`unexpected answer ${status} to ${note}: ${JSON.stringify(reply)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  t.equal(await server.exited, 'SIGKILL', 'the server was killed, not shut down');
  t.ok(acknowledged.size >= KILL_AFTER_ACKS && acknowledged.size < TOTAL, `killed mid-burst: ${acknowledged.size} of ${TOTAL} acknowledged`);
  t.comment(`burst ${Date.now() - burstStarted} ms: ${acknowledged.size} acknowledged, ${conflicts} conflicts resent, ${lost} answers lost to the kill`);

  // Restart in-process on the same file: the projection runner catches up at start.
  runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  const stored = new Map<string, { stream: string; revision: number; amountFen: number }[]>();
  const lastRevision = new Map<string, number>();
  for (const id of PROJECTS) {
    const events = await runtime.store.readStream(projectStream(id));
    const revisions = events.map((e) => e.revision);
    t.same(revisions, revisions.map((_, i) => i), `${id}: revisions are dense 0..${events.length - 1}`);
    lastRevision.set(projectStream(id), events.length - 1);
    for (const e of events.filter((e) => e.type === 'SpendingRecorded')) {
      const data = e.data as { note?: string; amountFen: number };
      const note = data.note ?? '';
      stored.set(note, [...(stored.get(note) ?? []), { stream: e.stream, revision: e.revision, amountFen: data.amountFen }]);
    }
  }
  const twice = [...stored].filter(([, copies]) => copies.length > 1).map(([note]) => note);
  t.same(twice, [], 'no entry is stored twice');
  const missing = [...acknowledged.keys()].filter((note) => !stored.has(note));
  t.same(missing, [], 'every acknowledged entry is stored');
  t.ok(
    stored.size >= acknowledged.size && stored.size <= acknowledged.size + lost,
    `${stored.size} stored: the ${acknowledged.size} acknowledged plus at most the ${lost} unanswered`,
  );

  // Each acknowledged entry sits in its project at the revision its 200 reported, with its own amount.
  const wrong = [...acknowledged].filter(([note, ack]) => {
    const i = Number(note.slice('burst-'.length));
    const copy = stored.get(note)?.[0];
    return copy?.stream !== projectStream(entry(i).project) || copy.revision !== ack.revision || copy.amountFen !== entry(i).amountFen;
  });
  t.same(wrong, [], 'acknowledged revisions and amounts match the stored events');

  const caughtUp = await readModelContent(runtime);
  const rows = caughtUp.projects;
  t.same(
    rows.map((r) => [r.stream, r.revision]),
    [...lastRevision].sort(([a], [b]) => (a < b ? -1 : 1)),
    'after restart every read-model row is at its stream\'s last revision',
  );
  await runtime.runner.rebuild();
  t.same(await readModelContent(runtime), caughtUp, 'the read models after restart equal a full rebuild');
});
