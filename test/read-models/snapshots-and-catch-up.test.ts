import Database from 'better-sqlite3';
import t from 'tap';
import { projectStream } from '../../domain/project/events.js';
import { foldProject } from '../../domain/project/fold.js';
import { ProjectStateCache } from '../../src/read-models/projects/project-state-cache.js';
import { ProjectsProjection } from '../../src/read-models/projects/projects-read-model.js';
import { ProjectionRunner } from '../../src/read-models/projection-runner.js';
import type { EventStore } from '../../src/store/event-store.js';
import { readModelContent } from '../helpers/read-model-content.js';
import { seedWorkedExample } from '../helpers/seed.js';
import { testApp, type TestApp } from '../helpers/test-app.js';

/** Three projects whose facts alternate, so their events interleave in the log. */
async function interleavedYear(h: TestApp): Promise<string[]> {
  const ids = [await seedWorkedExample(h), await seedWorkedExample(h, { code: 'P2' }), await seedWorkedExample(h, { code: 'P3' })];
  h.setNow('2022-12-31T17:00:00');
  for (let round = 0; round < 12; round++) {
    for (const id of ids) {
      const res = await h.call('POST', `/api/projects/${id}/indicators/i7/actuals`, { value: `${90 + (round % 9)}%`, asOf: '2022-12-31', note: `第${round}轮` });
      t.equal(res.statusCode, 200, res.body);
    }
  }
  return ids;
}

const answers = async (h: TestApp, ids: string[]) =>
  Promise.all(
    ids.map(async (id) => ({
      state: (await h.call('GET', `/api/projects/${id}`)).json(),
      scorecard: (await h.call('GET', `/api/projects/${id}/scorecard`)).json(),
    })),
  );

/** The same store, but read in global order only (as EventStoreDB is). */
function globalOrderOnly(store: EventStore): EventStore {
  return {
    kind: store.kind,
    append: (...a) => store.append(...a),
    readStream: (...a) => store.readStream(...a),
    streamRevision: (...a) => store.streamRevision(...a),
    readAll: (...a) => store.readAll(...a),
    headPosition: () => store.headPosition(),
    identity: () => store.identity(),
    subscribe: (...a) => store.subscribe(...a),
    close: () => store.close(),
  };
}

t.test('a project with more events than the snapshot interval is read back from its snapshot and the events after it', async (t) => {
  const first = await testApp({ readModels: { snapshotEvery: 10 } });
  const ids = await interleavedYear(first);
  const stream = projectStream(ids[0]!);
  first.runtime.runner.persist(); // the file as it is once the rows held in memory are written
  const snapshot = first.runtime.readDb.prepare('SELECT revision FROM rm_project_snapshots WHERE stream = ?').get(stream) as { revision: number } | undefined;
  const row = first.runtime.readDb.prepare('SELECT revision, snapshot_revision FROM rm_projects WHERE stream = ?').get(stream) as { revision: number; snapshot_revision: number };
  t.ok(snapshot !== undefined && snapshot.revision >= 10, `a snapshot was written (at revision ${snapshot?.revision})`);
  t.equal(row.snapshot_revision, snapshot?.revision, 'the row names its snapshot');
  t.ok(row.revision > row.snapshot_revision, 'and the events after it are read from the store');
  const live = await answers(first, ids);
  const content = await readModelContent(first.runtime);
  for (const p of content.projects) t.same(p.state, foldProject(await first.runtime.store.readStream(p.stream)), `${p.stream}: snapshot + tail = the fold of the stream`);
  await first.app.close();
  await first.runtime.close();

  // A new process starts with no state in memory: every answer comes from snapshots and tails.
  const second = await testApp({ dbPath: first.dbPath, readModels: { snapshotEvery: 10 } });
  t.teardown(async () => {
    await second.close();
    await first.close().catch(() => {});
  });
  t.same(await answers(second, ids), live, 'the same answers after a restart');
  t.equal((await second.call('GET', `/api/projects/${ids[0]}/scorecard`)).json().indicators.find((i: { id: string }) => i.id === 'i7').actual, '92%');
});

t.test('a rebuild stream by stream, a catch-up in global order and the live read models agree', async (t) => {
  const h = await testApp({ readModels: { snapshotEvery: 10, catchUpStates: 1 } });
  t.teardown(h.close);
  const ids = await interleavedYear(h);
  const live = await readModelContent(h.runtime);
  const liveAnswers = await answers(h, ids);

  const rebuilt = await h.runtime.runner.rebuild();
  t.equal(rebuilt.events, 3 * 14 + 36, 'every event replayed once');
  t.same(await readModelContent(h.runtime), live, 'rebuilt stream by stream');
  t.same(await answers(h, ids), liveAnswers);

  // A separate read database caught up in global order, holding one state at a time: every project
  // leaves the working set between its events; it is picked up again where a snapshot stands at its
  // row's revision, otherwise only its row moves and readers fold the rest from the store.
  const db = new Database(':memory:');
  t.teardown(() => db.close());
  const store = globalOrderOnly(h.runtime.store);
  const states = new ProjectStateCache(db, store);
  const runner = new ProjectionRunner(store, db, [new ProjectsProjection(states, { snapshotEvery: 10, catchUpStates: 1 })]);
  t.equal((await runner.rebuild()).events, 3 * 14 + 36);
  t.same(await readModelContent({ readDb: db, store, runner }), live, 'caught up in global order');
});
