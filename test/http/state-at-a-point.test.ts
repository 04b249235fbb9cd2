import t from 'tap';
import { foldProject } from '../../domain/project/fold.js';
import type { DeclaredProject } from '../../domain/project/state.js';
import { projectView } from '../../projections/project-view.js';
import { eventsAt, pointOf, seesEveryEvent } from '../../src/queries/point-in-time.js';
import { seedWorkedExample } from '../helpers/seed.js';
import { testApp } from '../helpers/test-app.js';

t.test('a point after every event answers the current state; a point before the last one folds the stream', async (t) => {
  const h = await testApp();
  t.teardown(h.close);
  const id = await seedWorkedExample(h);
  const events = await h.runtime.store.readStream(`project-${id}`);
  const last = events[events.length - 1]!;
  const folded = (query: Parameters<typeof pointOf>[0]) =>
    JSON.parse(JSON.stringify(projectView(foldProject(eventsAt(events, pointOf(query))) as DeclaredProject)));
  const state = async (query: string) => {
    const res = await h.call('GET', `/api/projects/${id}?${query}`);
    t.equal(res.statusCode, 200, res.body);
    return res.json().project;
  };

  const after: Record<string, string>[] = [{ asOf: '2023-01-31' }, { knownAt: '2023-01-01' }, { revision: String(last.revision) }, { revision: '999' }];
  for (const query of after) {
    t.ok(seesEveryEvent(events, pointOf(query)), `${JSON.stringify(query)} sees every event`);
    t.same(await state(new URLSearchParams(query).toString()), folded(query), `${JSON.stringify(query)}: the current state, equal to the fold`);
  }
  const before: Record<string, string>[] = [
    { asOf: '2022-06-30' },
    { revision: String(last.revision - 1) },
    { knownAt: last.metadata.recordedAt.replace(/\.\d+/, '').replace('16:00:00', '15:59:59') },
  ];
  for (const query of before) {
    t.notOk(seesEveryEvent(events, pointOf(query)), `${JSON.stringify(query)} does not`);
    const answer = await state(new URLSearchParams(query).toString());
    t.same(answer, folded(query), `${JSON.stringify(query)}: the fold of what it sees`);
    t.ok(answer.revision < last.revision, 'an earlier state');
  }
});
