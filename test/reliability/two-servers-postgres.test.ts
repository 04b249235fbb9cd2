/**
 * Several app servers on one PostgreSQL database, for real (issue 20, item 5): two server processes with
 * read models of their own share one event store. Commands go to both at once; every acknowledged one is
 * stored exactly once; each server sees the other's writes within a second; one is SIGKILLed mid-burst
 * and restarted; both servers' read models then answer as a third one rebuilt from the log.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { projectStream } from '../../domain/project/events.js';
import { openPostgresEventStore } from '../../src/store/postgres-event-store.js';
import { freshDatabase } from '../helpers/postgres.js';
import { plan, register, targets } from '../helpers/worked-example.js';
import { startServerChild, type ServerChild } from './server-child.js';

const TOTAL = 120;
const CONCURRENCY = 8;
const KILL_AFTER_ACKS = 40;
const SEEN_WITHIN_MS = 1000;
const PROJECTS = ['P', 'Q', 'R'].map((c) => `${register.code}${c}-2022`);
const codeOf = (id: string) => id.slice(0, -'-2022'.length);
const entry = (i: number) => ({ project: PROJECTS[i % PROJECTS.length]!, note: `burst-${i}`, amount: `${100 + i}.${String(i % 100).padStart(2, '0')}` });

async function send(server: ServerChild, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.base}${url}`, {
    method,
    headers: { 'x-actor': encodeURIComponent('张三'), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** The revision `server` answers for a project (-1 while it does not know it). */
async function revisionOn(server: ServerChild, id: string): Promise<number> {
  const res = await send(server, 'GET', `/api/projects/${id}`);
  if (res.status === 404) return -1;
  const body = (await res.json()) as { project: { revision: number } };
  return body.project.revision;
}

/** Fails unless `server` answers revision ≥ `revision` for the project within SEEN_WITHIN_MS of now. */
async function seenWithin(server: ServerChild, id: string, revision: number): Promise<number> {
  const started = Date.now();
  while ((await revisionOn(server, id)) < revision) {
    if (Date.now() - started > SEEN_WITHIN_MS) throw new Error(`${server.base} did not see ${id} at revision ${revision} within ${SEEN_WITHIN_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Date.now() - started;
}

/** Waits until the server's read models are at the store's head. */
async function settled(server: ServerChild): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const health = (await (await send(server, 'GET', '/health')).json()) as { store: { kind: string; position: string }; readModels: { position: string } };
    if (health.store.position === health.readModels.position) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${server.base}: read models never reached the head`);
}

const db = await freshDatabase(t, 'two_servers');
if (db !== undefined) {
  t.test('two servers on one database: no lost update, each sees the other, a killed one comes back equal to a rebuild', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-two-servers-'));
    const servers: ServerChild[] = [];
    const start = async (file: string) => {
      const server = await startServerChild(join(dir, file), 30_000, db.url);
      servers.push(server);
      return server;
    };
    t.teardown(async () => {
      for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      rmSync(dir, { recursive: true, force: true });
    });
    let [a, b] = await Promise.all([start('a.db'), start('b.db')]);
    const health = (await (await send(a, 'GET', '/health')).json()) as { store: { kind: string } };
    t.equal(health.store.kind, 'postgres', '/health names the store');

    // Each project registered on one server is seen by the other within a second.
    for (const [i, id] of PROJECTS.entries()) {
      const [here, there] = i % 2 === 0 ? [a, b] : [b, a];
      for (const [method, url, body] of [
        ['POST', '/api/projects', { ...register, code: codeOf(id) }],
        ['PUT', `/api/projects/${id}/targets`, targets],
        ['PUT', `/api/projects/${id}/spending-plan`, plan],
      ] as const) {
        const res = await send(here, method, url, body);
        if (res.status >= 300) t.fail(`${method} ${url} → ${res.status} ${await res.text()}`);
      }
      const ms = await seenWithin(there, id, 2);
      t.pass(`${id} written on ${i % 2 === 0 ? 'A' : 'B'} is seen by the other within ${SEEN_WITHIN_MS} ms (${ms} ms)`);
    }

    // The burst: entry i goes to A or B by parity (to B once A is dead). One worker in four sends If-Match with
    // the revision the server answers just before; a 409 or 412 is a definite "nothing written", resent.
    const acknowledged = new Map<string, number>();
    const statuses = new Map<number, number>();
    let next = 0;
    let killed = false;
    let lost = 0;
    const worker = async (w: number): Promise<void> => {
      for (let i = next++; i < TOTAL; i = next++) {
        const { project, note, amount } = entry(i);
        for (;;) {
          const server = i % 2 === 0 && !killed ? a : b;
          let status: number;
          let reply: { revision?: number };
          try {
            const headers = w % 4 === 1 ? { 'if-match': `"${await revisionOn(server, project)}"` } : undefined;
            const res = await send(server, 'POST', `/api/projects/${project}/spending`, { amount, date: '2022-06-15', note }, headers);
            status = res.status;
            reply = (await res.json()) as { revision?: number };
          } catch {
            if (server !== a || !killed) throw new Error(`server B failed to answer ${note}`);
            lost++; // the kill came first: unknown outcome, not resent
            break;
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (status === 200) {
            acknowledged.set(note, reply.revision!);
            if (acknowledged.size >= KILL_AFTER_ACKS && !killed) {
              killed = true;
              a.child.kill('SIGKILL');
            }
            break;
          }
          if (status !== 409 && status !== 412) throw new Error(`unexpected answer ${status} to ${note}: ${JSON.stringify(reply)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w)));
    t.equal(await a.exited, 'SIGKILL', 'A was killed mid-burst');
    t.comment(`answers: ${JSON.stringify(Object.fromEntries(statuses))}; ${acknowledged.size} acknowledged, ${lost} lost to the kill`);
    t.ok(acknowledged.size >= TOTAL - lost, `every entry not lost to the kill was acknowledged (${acknowledged.size})`);
    t.ok([...statuses.keys()].every((s) => [200, 409, 412].includes(s)), 'only 200, 409 and 412 were answered');

    // Every acknowledged entry is stored once, at the revision its answer gave; no unacknowledged extra
    // beyond those whose answer the kill swallowed.
    const store = await openPostgresEventStore(db.url);
    t.teardown(() => store.close());
    const stored = new Map<string, { stream: string; revision: number }[]>();
    for (const id of PROJECTS) {
      const events = await store.readStream(projectStream(id));
      t.ok(events.every((e, i) => e.revision === i), `${id}: revisions dense 0..${events.length - 1}`);
      for (const e of events.filter((e) => e.type === 'SpendingRecorded')) {
        const note = (e.data as { note?: string }).note ?? '';
        stored.set(note, [...(stored.get(note) ?? []), { stream: e.stream, revision: e.revision }]);
      }
    }
    t.same([...stored].filter(([, copies]) => copies.length > 1).map(([note]) => note), [], 'no entry stored twice');
    t.same([...acknowledged.keys()].filter((note) => !stored.has(note)), [], 'every acknowledged entry stored');
    t.same(
      [...acknowledged].filter(([note, revision]) => stored.get(note)?.[0]?.revision !== revision || stored.get(note)?.[0]?.stream !== projectStream(entry(Number(note.slice(6))).project)),
      [],
      'at the revision and in the project its answer gave',
    );
    t.ok(stored.size <= acknowledged.size + lost, `${stored.size} stored ≤ ${acknowledged.size} acknowledged + ${lost} unanswered`);

    // A comes back on its own read-model file and catches up; writes cross between the two again. A third
    // server on an empty file rebuilds the read models from the log.
    let c: ServerChild;
    [a, c] = await Promise.all([start('a.db'), start('c.db')]);
    const res = await send(a, 'POST', `/api/projects/${PROJECTS[0]}/spending`, { amount: '1', date: '2022-06-16', note: 'after-restart' });
    t.equal(res.status, 200, await res.clone().text());
    const revision = ((await res.json()) as { revision: number }).revision;
    t.ok((await seenWithin(b, PROJECTS[0]!, revision)) <= SEEN_WITHIN_MS, 'B sees the restarted A’s write within a second');

    // All three answer alike.
    await Promise.all([a, b, c].map(settled));
    const answers = async (server: ServerChild) => ({
      list: await (await send(server, 'GET', '/api/projects')).json(),
      projects: await Promise.all(PROJECTS.map(async (id) => (await send(server, 'GET', `/api/projects/${id}`)).json())),
    });
    const [onA, onB, rebuilt] = await Promise.all([a, b, c].map(answers));
    t.equal((rebuilt!.list as { projects: unknown[] }).projects.length, PROJECTS.length);
    t.same(onA, rebuilt, 'the restarted A answers as the rebuild');
    t.same(onB, rebuilt, 'B answers as the rebuild');
  });
}
