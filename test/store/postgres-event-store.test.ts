/**
 * What the PostgreSQL adapter promises beyond the shared contract: a global order a live subscriber can
 * trust with many writers on separate connections, idempotent event ids, batched appends, the store's
 * identity and a versioned schema. One fresh database for the file.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import t from 'tap';
import type { NewEvent, RecordedEvent } from '../../src/store/event-store.js';
import { StoreUnavailableError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import { DuplicateEventIdError } from '../../src/store/postgres/append.js';
import { APPEND_LOCK } from '../../src/store/postgres/schema.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../src/store/postgres-event-store.js';
import { freshDatabase } from '../helpers/postgres.js';

const metadata = { actor: 'tester', recordedAt: '2024-03-01T09:30:00+08:00', correlationId: 'c', causationId: 'c' };
const event = (type: string, data: unknown = {}): NewEvent => ({ id: randomUUID(), type, data, metadata });

async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const db = await freshDatabase(t, 'store');
if (db !== undefined) {
  const open = (poolSize?: number): Promise<PostgresEventStore> => openPostgresEventStore(db.url, poolSize ? { poolSize } : {});

  t.test('identity: none while empty, the first event\'s id, another once the database is dropped and created again', async (t) => {
    let store = await open();
    t.equal(await store.identity(), undefined, 'an empty store has no identity yet');
    const firstEvent = event('A');
    await store.append('id-s', [firstEvent], 'no_stream');
    const first = await store.identity();
    t.equal(first, firstEvent.id);
    await store.close();
    store = await open();
    t.equal(await store.identity(), first, 'the same data keeps its identity across reopening');
    await store.close();

    await db.recreate();
    store = await open();
    await store.append('id-s', [event('A')], 'no_stream');
    const second = await store.identity();
    t.ok(second !== undefined && second !== first, `a wiped database has a new identity (${first} → ${second})`);
    await store.close();
  });

  t.test('the schema is versioned, and a newer one than this code knows is refused', async (t) => {
    const store = await open();
    const { rows } = await store.pool.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version');
    t.same(rows.map((r) => r.version), [1]);
    await store.close();
    const again = await open(); // a second start applies nothing
    t.same((await again.pool.query('SELECT version FROM schema_version')).rows.length, 1);
    await again.pool.query('INSERT INTO schema_version (version) VALUES (99)');
    await again.close();
    await t.rejects(open(), { name: 'StoreUnavailableError', message: /schema is version 99; this jixiao knows up to 1/ });
    const raw = new pg.Client({ connectionString: db.url });
    await raw.connect();
    await raw.query('DELETE FROM schema_version WHERE version = 99');
    await raw.end();
  });

  t.test('32 writers on separate connections and a live subscriber: every event once, in position order, none skipped', async (t) => {
    const reader = await open();
    t.teardown(() => reader.close());
    const before = await reader.headPosition();
    const received: RecordedEvent[] = [];
    const subscription = reader.subscribe((e) => void received.push(e), { fromPosition: before, streamPrefixes: ['order-'] });
    await subscription.caughtUp;

    // Each writer is a store of its own with one connection: 32 processes' worth of concurrent transactions.
    const writers = await Promise.all(Array.from({ length: 32 }, () => open(1)));
    t.teardown(() => Promise.all(writers.map((w) => w.close())));
    const written: string[] = [];
    await Promise.all(
      writers.map(async (store, w) => {
        let revision: number | undefined;
        for (let i = 0; i < 15; i++) {
          // Every third append carries two events: multi-event appends interleave with single ones.
          const events = i % 3 === 0 ? [event('Tick', { w, i }), event('Tock', { w, i })] : [event('Tick', { w, i })];
          const result = await store.append(`order-${w}`, events, revision ?? 'no_stream');
          revision = result.nextRevision;
          written.push(...events.map((e) => e.id));
        }
      }),
    );
    t.equal(written.length, 32 * 20);
    await eventually(() => received.length >= written.length);
    await new Promise((resolve) => setTimeout(resolve, 100)); // anything extra would arrive now
    await subscription.stop();

    t.equal(received.length, written.length, 'as many deliveries as events written');
    t.equal(new Set(received.map((e) => e.id)).size, received.length, 'no event delivered twice');
    t.same(new Set(received.map((e) => e.id)), new Set(written), 'every event written was delivered');
    t.ok(received.every((e, i) => i === 0 || e.position > received[i - 1]!.position), 'delivered in strictly increasing position');
    t.ok(received.every((e, i) => e.position === before + BigInt(i + 1)), 'positions are dense: none left behind by a transaction in flight');
    const all = await reader.readAll({ fromPosition: before });
    t.same(received.map((e) => e.id), all.map((e) => e.id), 'the delivery order is $all order');
    for (let w = 0; w < 32; w++) {
      const events = await reader.readStream(`order-${w}`);
      if (!events.every((e, i) => e.revision === i)) t.fail(`order-${w} has a gap`);
    }
  });

  t.test('appends of one instance share transactions; a refused one writes nothing and leaves no hole', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    await store.append('batch-a', [event('A0')], 'no_stream');
    const head = await store.headPosition();
    const before = store.transactions;
    const all = await Promise.allSettled([
      store.append('batch-a', [event('A1')], 0),
      store.append('batch-a', [event('Stale1'), event('Stale2')], 0),
      store.append('batch-a', [event('A2')], 1),
      store.append('batch-b', [event('B0'), event('B1')], 'no_stream'),
    ]);
    t.ok(store.transactions - before <= 2, `four appends in ${store.transactions - before} transactions`);
    t.match(all[0], { status: 'fulfilled', value: { nextRevision: 1 } });
    t.match(all[1], { status: 'rejected', reason: { name: 'WrongExpectedRevisionError', expected: 0, actual: 1 } });
    t.ok(all[1]!.status === 'rejected' && all[1]!.reason instanceof WrongExpectedRevisionError);
    t.match(all[2], { status: 'fulfilled', value: { nextRevision: 2 } });
    t.match(all[3], { status: 'fulfilled', value: { nextRevision: 1 } });
    const after = await store.readAll({ fromPosition: head, streamPrefixes: ['batch-'] });
    t.same(after.map((e) => e.type), ['A1', 'A2', 'B0', 'B1']);
    t.same(after.map((e) => e.position), [1n, 2n, 3n, 4n].map((n) => head + n), 'dense positions');
  });

  t.test('event ids are idempotent: a retry writes nothing and answers the first result', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    const events = [event('First'), event('Second')];
    const first = await store.append('idem', events, 'no_stream');
    const head = await store.headPosition();
    t.same(await store.append('idem', events, 'no_stream'), first, 'the same append again: the first result');
    t.same(await store.append('idem', events.map((e) => ({ ...e })), 'any'), first, 'whatever it expects');
    await store.append('idem', [event('Third')], 1);
    t.same(await store.append('idem', events, 'no_stream'), first, 'even after the stream moved on');
    t.equal(await store.headPosition(), head + 1n, 'the retries wrote nothing');

    // Two identical appends in flight at once: one write, the same answer twice.
    const twice = [event('Once')];
    const [a, b] = await Promise.all([store.append('idem-2', twice, 'no_stream'), store.append('idem-2', twice, 'no_stream')]);
    t.same(a, b);
    t.equal((await store.readStream('idem-2')).length, 1);

    // Reusing an id other than as a retry is refused, with nothing written.
    const headBefore = await store.headPosition();
    await t.rejects(store.append('idem-3', [event('New'), events[0]!], 'no_stream'), DuplicateEventIdError);
    await t.rejects(store.append('idem', [events[1]!, events[0]!], 'any'), DuplicateEventIdError, 'same ids, another order');
    const dup = event('Dup');
    await t.rejects(store.append('idem-4', [dup, dup], 'no_stream'), DuplicateEventIdError, 'one id twice in one append');
    t.equal(await store.headPosition(), headBefore);
    t.equal(await store.streamRevision('idem-3'), undefined);
  });

  t.test('a stream written by another server between decision and insert is decided again', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    await store.append('overtaken', [event('A0')], 'no_stream');
    await store.append('overtaken-any', [event('B0')], 'no_stream');
    /** Holds the append lock while two appends decide, writes to both streams as another server would, then lets them go. */
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    t.teardown(() => other.end());
    await other.query(`BEGIN; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
    const stale = store.append('overtaken', [event('Mine')], 0).catch((e: unknown) => e);
    const any = store.append('overtaken-any', [event('MineToo')], 'any');
    // Both decided (on revision 0) and waiting for the lock.
    await eventually(async () => (await other.query("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).rows.length > 0);
    const row = (stream: string, n: number) =>
      other.query("INSERT INTO events SELECT max(position) + $3, $1, 1, $2, 'Theirs', '{}', '{}' FROM events", [stream, randomUUID(), n]);
    await row('overtaken', 1);
    await row('overtaken-any', 1);
    await other.query('COMMIT');
    const refused = await stale;
    t.ok(refused instanceof WrongExpectedRevisionError, 'expecting revision 0, it is refused once decided again');
    t.match(refused, { actual: 1 });
    t.equal((await any).nextRevision, 2, "'any' is written after the other server's event");
    t.same((await store.readStream('overtaken')).map((e) => e.type), ['A0', 'Theirs']);
    t.same((await store.readStream('overtaken-any')).map((e) => e.type), ['B0', 'Theirs', 'MineToo']);
    const all = await store.readAll();
    t.ok(all.every((e, i) => e.position === BigInt(i + 1)), 'positions stay dense');
  });

  t.test('a commit made through another instance reaches a live subscription (LISTEN/NOTIFY)', async (t) => {
    const [subscriber, writer] = await Promise.all([open(), open()]);
    t.teardown(() => Promise.all([subscriber.close(), writer.close()]));
    const received: string[] = [];
    const subscription = subscriber.subscribe((e) => void received.push(e.type), { fromPosition: await subscriber.headPosition(), streamPrefixes: ['notify-'] });
    await subscription.caughtUp;
    await writer.append('notify-x', [event('FromElsewhere')], 'no_stream');
    await eventually(() => received.length === 1);
    t.same(received, ['FromElsewhere']);
  });

  t.test('a listening connection that is cut is opened again; meanwhile polling brings other servers\' commits', async (t) => {
    const [subscriber, writer] = await Promise.all([open(), open()]);
    t.teardown(() => Promise.all([subscriber.close(), writer.close()]));
    const received: string[] = [];
    const subscription = subscriber.subscribe((e) => void received.push(e.type), { fromPosition: await subscriber.headPosition(), streamPrefixes: ['cut-'] });
    await subscription.caughtUp;
    const listening = async () =>
      (await writer.pool.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN jixiao_events'")).rows.map((r) => r.pid);
    await eventually(async () => (await listening()).length === 1);
    const [cut] = await listening();
    await writer.pool.query('SELECT pg_terminate_backend($1)', [cut]);
    await writer.append('cut-x', [event('WhileCut')], 'no_stream');
    await eventually(() => received.length === 1);
    t.same(received, ['WhileCut']);
    await eventually(async () => {
      const now = await listening();
      return now.length === 1 && now[0] !== cut;
    });
    t.pass('listening again on a new connection');
    await writer.append('cut-x', [event('AfterReconnect')], 0);
    await eventually(() => received.length === 2);
    t.same(received, ['WhileCut', 'AfterReconnect']);
  });

  t.test('commit listeners get each commit of the instance, after the position before it', async (t) => {
    const store = await open();
    t.teardown(() => store.close());
    const heard: { after: bigint; positions: bigint[] }[] = [];
    const stop = store.onCommitted((events, after) => heard.push({ after, positions: events.map((e) => e.position) }));
    const head = await store.headPosition();
    const result = await store.append('listened', [event('A'), event('B')], 'no_stream');
    stop();
    await store.append('listened', [event('C')], 1);
    t.same(heard, [{ after: head, positions: [head + 1n, head + 2n] }]);
    t.equal(result.position, head + 2n);
  });
}

t.test('a server that does not answer is a StoreUnavailableError', async (t) => {
  await t.rejects(openPostgresEventStore('postgres://postgres@127.0.0.1:1/none'), StoreUnavailableError);
});
