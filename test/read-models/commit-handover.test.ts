import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openRuntime } from '../../src/runtime.js';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store.js';
import type { NewEvent } from '../../src/store/event-store.js';
import { register } from '../helpers/worked-example.js';

const registered = (code: string): NewEvent => ({
  id: crypto.randomUUID(),
  type: 'ProjectRegistered',
  data: {
    code,
    year: 2022,
    name: register.name,
    department: register.department,
    budget: { initialFen: 50_000_000, sources: [] },
    goals: {},
    policy: { reverse: 'linear', rounding: 'decimal2' },
  },
  metadata: { actor: '张三', recordedAt: '2022-01-10T09:00:00.000+08:00', correlationId: 'c', causationId: 'c' },
});

t.test('a commit made in this process is in the read models when its append is answered; another process\'s arrives by subscription', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-handover-'));
  const dbPath = join(dir, 'jixiao.db');
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  t.teardown(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const mine = await runtime.store.append('project-A1-2022', [registered('A1')], 'no_stream');
  t.ok(runtime.runner.position >= mine.position, 'applied before the append resolved, no wait');
  t.equal((await runtime.states.get('project-A1-2022'))?.code, 'A1');

  // Another process (here: another store on the same file) is seen within the subscription's poll.
  const other = await openSqliteEventStore(dbPath);
  const theirs = await other.append('project-B2-2022', [registered('B2')], 'no_stream');
  await other.close();
  t.ok(runtime.runner.position < theirs.position, 'not handed over');
  await runtime.runner.waitFor(theirs.position, 5000);
  t.equal((await runtime.states.get('project-B2-2022'))?.code, 'B2', 'read by the subscription');

  // After the other process's commit, this process's next one is applied by the subscription path too
  // (nothing is skipped), then the hand-over resumes.
  const next = await runtime.store.append('project-C3-2022', [registered('C3')], 'no_stream');
  await runtime.runner.waitFor(next.position, 5000);
  t.same(
    runtime.readDb.prepare('SELECT stream, revision FROM rm_projects ORDER BY stream').all(),
    ['A1', 'B2', 'C3'].map((code) => ({ stream: `project-${code}-2022`, revision: 0 })),
  );
});
