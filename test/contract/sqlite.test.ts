import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { NewEvent, RecordedEvent } from '../../src/store/event-store.js';
import { WrongExpectedRevisionError } from '../../src/store/errors.js';
import Database from 'better-sqlite3';
import { openSqliteEventStore, SqliteEventStore } from '../../src/store/sqlite-event-store.js';
import { WalSync } from '../../src/store/sqlite/wal-sync.js';
import { eventStoreContract } from './event-store-contract.js';

eventStoreContract(t, 'sqlite (in memory)', () => openSqliteEventStore(':memory:'));

const metadata = { actor: 'tester', recordedAt: '2024-03-01T09:30:00+08:00', correlationId: 'c', causationId: 'c' };
const event = (type: string, data: unknown = {}): NewEvent => ({ id: randomUUID(), type, data, metadata });
const tick = () => new Promise((resolve) => setImmediate(resolve));

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('a file store keeps every resolved append across close and reopen', async (t) => {
  const path = join(tempDir(t), 'nested', 'deeper', 'events.db'); // parent directories are created
  const store = await openSqliteEventStore(path);
  t.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  t.equal(store.db.pragma('synchronous', { simple: true }), 1, 'synchronous = NORMAL: the store fsyncs the WAL itself after each commit');
  await store.append('project-测试-2022', [event('Registered', { name: '公交补贴' })], 'no_stream');
  const last = await store.append('project-测试-2022', [event('A'), event('B')], 0);
  // Not awaited: close() must wait for it.
  const pending = store.append('project-other-2023', [event('Late')], 'no_stream');
  await store.close();
  t.equal((await pending).nextRevision, 0, 'the append queued before close() committed');

  const reopened = await openSqliteEventStore(path);
  t.teardown(() => reopened.close());
  t.same(
    (await reopened.readStream('project-测试-2022')).map((e) => [e.revision, e.type]),
    [
      [0, 'Registered'],
      [1, 'A'],
      [2, 'B'],
    ],
  );
  t.same((await reopened.readStream('project-测试-2022'))[0]?.data, { name: '公交补贴' });
  t.equal(await reopened.streamRevision('project-other-2023'), 0);
  t.equal(await reopened.headPosition(), 4n);
  t.equal(last.position, 3n);
  const next = await reopened.append('project-测试-2022', [event('C')], 2);
  t.equal(next.position, 5n, 'positions continue after reopening');
});

t.test('appends are answered, and subscribers hear of them, only after the WAL is synced; no commit while a sync runs', async (t) => {
  const path = join(tempDir(t), 'events.db');
  const opened = await openSqliteEventStore(path);
  await opened.close(); // the schema, and a WAL file to sync
  /** A WAL sync whose syncs in the thread pool complete when the test says so; inline syncs are recorded. */
  class HeldSync extends WalSync {
    held: (() => void)[] = [];
    /** At each inline sync: had anyone heard of the third append yet? */
    inline: boolean[] = [];
    override sync(done: (error?: Error) => void): void {
      this.held.push(() => super.sync(done));
    }
    override syncNow(): Error | undefined {
      this.inline.push(answered.includes('Third') || delivered.includes('Third'));
      return super.syncNow();
    }
    release(): void {
      for (const go of this.held.splice(0)) go();
    }
  }
  const answered: string[] = [];
  const delivered: string[] = [];
  const sync = new HeldSync(`${path}-wal`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const store = new SqliteEventStore(db, undefined, sync);
  t.teardown(() => store.close());
  const subscription = store.subscribe((e) => void delivered.push(e.type));
  t.teardown(() => subscription.stop());
  await subscription.caughtUp;
  const append = (stream: string, type: string) =>
    store.append(stream, [event(type)], 'no_stream').then((r) => (answered.push(type), r));

  // Two appends of one tick share a commit, synced in the thread pool.
  const first = append('s-1', 'First');
  const second = append('s-2', 'Second');
  await eventually(() => sync.held.length === 1);
  const third = append('s-3', 'Third');
  for (let i = 0; i < 5; i++) await tick();
  t.same(answered, [], 'committed, but not answered before the sync');
  t.same(delivered, [], 'nor delivered to subscribers');
  t.equal(await store.streamRevision('s-2'), 0, 'both are committed');
  t.equal(await store.streamRevision('s-3'), undefined, 'the next append waits: no commit while a sync runs');
  sync.release();
  t.same([(await first).nextRevision, (await second).nextRevision], [0, 0], 'answered once the sync completed');
  // Alone in its commit, the third is synced inline, before it is answered or delivered.
  t.equal((await third).nextRevision, 0);
  t.same(sync.inline, [false], 'the lone append was synced before anyone heard of it');
  t.equal(sync.held.length, 0);
  await eventually(() => delivered.length === 3);
  t.same(delivered, ['First', 'Second', 'Third']);
});

t.test('positions are bigints starting at 1; an empty store has head 0n', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  t.equal(await store.headPosition(), 0n);
  const result = await store.append('s', [event('A')], 'no_stream');
  t.equal(result.position, 1n);
  t.equal(typeof (await store.readAll())[0]?.position, 'bigint');
});

t.test('group commit: 32 writers on distinct streams share transactions and all land', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  const before = store.transactions;
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      for (let i = 0; i < 20; i++) {
        await store.append(`writer-${w}`, [event('Tick', { w, i })], i === 0 ? 'no_stream' : i - 1);
      }
    }),
  );
  const all = await store.readAll();
  t.equal(all.length, 640, '32 × 20 events');
  t.ok(store.transactions - before <= 40, `640 appends in ${store.transactions - before} transactions`);
  for (let w = 0; w < 32; w++) {
    const events = await store.readStream(`writer-${w}`);
    if (!events.every((e, i) => e.revision === i && (e.data as { i: number }).i === i)) {
      t.fail(`writer-${w} has a gap or misorder`);
    }
  }
  t.ok(
    all.every((e, i) => i === 0 || e.position > all[i - 1]!.position),
    'positions strictly increase',
  );
});

t.test('group commit: 32 writers racing on one stream serialize without gaps or duplicates', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  const stream = 'project-race-2024';
  const creators = await Promise.allSettled(
    Array.from({ length: 32 }, (_, w) => store.append(stream, [event('Created', { w })], 'no_stream')),
  );
  t.equal(creators.filter((o) => o.status === 'fulfilled').length, 1, 'one creation wins inside one batch');

  let conflicts = 0;
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      for (let i = 0; i < 5; ) {
        const revision = await store.streamRevision(stream);
        try {
          await store.append(stream, [event('Step', { w, i })], revision ?? 'no_stream');
          i++;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          conflicts++;
        }
      }
    }),
  );
  const events = await store.readStream(stream);
  t.equal(events.length, 1 + 32 * 5);
  t.ok(
    events.every((e, i) => e.revision === i),
    'revisions 0..160 without gaps',
  );
  t.equal(new Set(events.map((e) => e.id)).size, events.length, 'no event twice');
  t.ok(conflicts > 0, `stale writers were refused (${conflicts} conflicts) and retried`);
});

t.test('a batch with one conflicting append commits the others in one transaction', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  await store.append('a', [event('A0')], 'no_stream');
  await tick();
  const before = store.transactions;
  // All issued in the same tick: one group commit.
  const first = store.append('a', [event('A1')], 0);
  const stale = store.append('a', [event('Stale1'), event('Stale2')], 0); // A1 got revision 1 just before it
  const chained = store.append('a', [event('A2')], 1); // sees A1, written earlier in the same batch
  const other = store.append('b', [event('B0'), event('B1')], 'no_stream');
  const [r1, r2, r3, r4] = await Promise.allSettled([first, stale, chained, other]);
  t.equal(store.transactions - before, 1, 'a single transaction');
  t.match(r1, { status: 'fulfilled', value: { nextRevision: 1 } });
  t.match(r2, { status: 'rejected', reason: { name: 'WrongExpectedRevisionError', expected: 0, actual: 1 } });
  t.match(r3, { status: 'fulfilled', value: { nextRevision: 2 } });
  t.match(r4, { status: 'fulfilled', value: { nextRevision: 1 } });
  t.same(
    (await store.readStream('a')).map((e) => e.type),
    ['A0', 'A1', 'A2'],
  );
  t.same(
    (await store.readAll()).map((e) => e.type),
    ['A0', 'A1', 'A2', 'B0', 'B1'],
    'no event of the refused append, and no hole left by it',
  );
});

t.test('an append failing on a duplicate event id is undone alone, even mid-batch', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  const original = event('Original');
  await store.append('dup', [original], 'no_stream');
  const good = store.append('good', [event('G')], 'no_stream');
  const duplicate = store.append('dup2', [event('New'), { ...original, type: 'Copy' }], 'no_stream');
  await t.rejects(duplicate, /UNIQUE/);
  t.equal((await good).nextRevision, 0);
  t.equal(await store.streamRevision('dup2'), undefined, 'the first event of the failed append was rolled back');
  // Alone in its transaction, the same failure leaves the store usable.
  await t.rejects(store.append('dup3', [{ ...original }], 'no_stream'), /UNIQUE/);
  t.equal((await store.append('dup3', [event('Fine')], 'no_stream')).nextRevision, 0);
});

t.test('invalid appends are refused before reaching the batch', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  await t.rejects(store.append('s', [event('A')], -1), TypeError, 'expected revision -1 is invalid (use no_stream)');
  await t.rejects(store.append('s', [event('A')], 1.5), TypeError);
  await t.rejects(store.append('', [event('A')], 'any'), TypeError, 'empty stream name');
  const ok = store.append('s', [event('A')], 'no_stream');
  await t.rejects(store.append('s2', [event('Big', { fen: 10n })], 'any'), TypeError, 'bigint data cannot be JSON');
  t.equal((await ok).nextRevision, 0, 'a neighbour is unaffected');
});

t.test('an empty append reports -1 for an absent stream and the last position for an existing one', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  t.same(await store.append('none', [], 'no_stream'), { nextRevision: -1, position: 0n });
  await t.rejects(store.append('none', [], 'stream_exists'), WrongExpectedRevisionError);
  const written = await store.append('some', [event('A'), event('B')], 'no_stream');
  await store.append('other', [event('C')], 'no_stream');
  t.same(await store.append('some', [], 'any'), { nextRevision: 1, position: written.position });
});

t.test('prefix filters: an empty prefix matches all, several prefixes overlap without duplicates', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  for (const stream of ['project-a', 'project-ab', 'target-a', 'z\u{10FFFF}', 'z\u{10FFFF}x']) {
    await store.append(stream, [event('E')], 'no_stream');
  }
  const streams = async (prefixes: string[]) =>
    (await store.readAll({ streamPrefixes: prefixes })).map((e) => e.stream);
  t.same(await streams(['']), ['project-a', 'project-ab', 'target-a', 'z\u{10FFFF}', 'z\u{10FFFF}x']);
  t.same(await streams(['project-', 'project-a']), ['project-a', 'project-ab']);
  t.same(await streams(['z\u{10FFFF}']), ['z\u{10FFFF}', 'z\u{10FFFF}x'], 'the highest code point as last character');
  t.same(await streams([]), await streams(['']), 'an empty list means no filter');
});

t.test('a subscription sees every event of a group commit, in order, and pages through a long backlog', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  t.teardown(() => store.close());
  await Promise.all(Array.from({ length: 1200 }, (_, i) => store.append(`s-${i % 7}`, [event('Old', { i })], 'any')));
  const received: RecordedEvent[] = [];
  const subscription = store.subscribe((e) => void received.push(e));
  await subscription.caughtUp;
  t.equal(received.length, 1200, 'backlog longer than one page');
  await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(`s-${i % 3}`, [event('New', { i })], 'any')));
  await eventually(() => received.length >= 1250);
  t.equal(received.length, 1250);
  t.ok(
    received.every((e, i) => e.position === BigInt(i + 1)),
    'positions 1..1250, each once',
  );
  await subscription.stop();
});

t.test('a failing handler stops its subscription, is logged, and rejects caughtUp and done', async (t) => {
  const logged: unknown[] = [];
  const store = await openSqliteEventStore(':memory:', { logger: { error: (obj) => void logged.push(obj) } });
  t.teardown(() => store.close());
  await store.append('s', [event('A'), event('B'), event('C')], 'no_stream');
  const seen: string[] = [];
  const subscription = store.subscribe((e) => {
    seen.push(e.type);
    if (e.type === 'B') throw new Error('projection broke');
  });
  await t.rejects(subscription.caughtUp, /projection broke/);
  await t.rejects(subscription.done, /projection broke/);
  t.same(seen, ['A', 'B'], 'nothing after the failed event');
  t.match(logged, [{ err: { message: 'projection broke' }, position: '1' }], 'logged with the last delivered position');
  await store.append('s', [event('D')], 2);
  await tick();
  t.same(seen, ['A', 'B']);
  await subscription.stop(); // harmless after a failure

  const healthy: string[] = [];
  const other = store.subscribe((e) => void healthy.push(e.type));
  await other.caughtUp;
  t.same(healthy, ['A', 'B', 'C', 'D'], 'other subscriptions are unaffected');
});

t.test('close() stops subscriptions and refuses later appends', async (t) => {
  const store = await openSqliteEventStore(':memory:');
  const subscription = store.subscribe(() => {});
  await subscription.caughtUp;
  await store.close();
  await subscription.done;
  t.pass('the subscription ended');
  await t.rejects(store.append('s', [event('A')], 'any'), /closed/);
  await store.close();
  t.pass('closing twice is harmless');
});
