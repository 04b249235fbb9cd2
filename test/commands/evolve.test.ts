import t from 'tap';
import { foldProject, toProjectEvent } from '../../domain/project/fold.js';
import { evolve } from '../../domain/project/state.js';
import { testApp } from '../helpers/test-app.js';
import { seedWorkedExample } from '../helpers/seed.js';

t.test('evolve is pure and agrees with the in-place fold, event by event', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const id = await seedWorkedExample(h);
  const base = `/api/projects/${id}`;
  // Add the event types the seed lacks.
  h.setNow('2022-12-31T17:00:00');
  await h.call('POST', `${base}/indicators/i1/revisions`, { target: '= 2 个', reason: '增加', approvalRef: '财预〔2022〕5号' });
  await h.call('POST', `${base}/budget-adjustments`, { total: '48万元', reason: '压减', approvalRef: '财预〔2022〕6号', effectiveDate: '2022-12-01' });
  await h.call('POST', `${base}/indicators/i1/score-override`, { score: 8, reason: '专家评审' });
  await h.call('POST', `${base}/deviations`, { category: '其他', reason: '原因', measure: '措施' });
  // Forecasts twice each: the first creates the list, the second is copied on top of one.
  for (const value of ['97%', '98%']) {
    t.equal((await h.call('POST', `${base}/indicators/i7/forecasts`, { value, asOf: '2022-12-31' })).statusCode, 200);
    t.equal((await h.call('POST', `${base}/spending-forecasts`, { amount: value === '97%' ? '46万元' : '47万元', asOf: '2022-12-31' })).statusCode, 200);
  }
  const gaps = (await h.call('POST', `${base}/evaluation/submit`, {})).json().errors as { field: string }[];
  for (const { field } of gaps) {
    const indicatorId = field.replace(/^indicators\./, '');
    await h.call('POST', `${base}/deviations`, { ...(indicatorId !== field ? { indicatorId } : {}), category: '其他', reason: '原因', measure: '措施' });
  }
  t.equal((await h.call('POST', `${base}/evaluation/submit`, {})).statusCode, 200, 'submitted');
  t.equal((await h.call('POST', `${base}/evaluation/reopen`, { reason: '补充材料' })).statusCode, 200, 'reopened');
  const events = await h.runtime.store.readStream(`project-${id}`);
  t.ok(events.length >= 18);
  t.ok(['EvaluationSubmitted', 'EvaluationReopened', 'IndicatorForecastRecorded', 'SpendingForecastRecorded'].every((type) => events.some((e) => e.type === type)), 'every kind of event is stepped');

  let state = foldProject([]);
  for (const [n, e] of events.entries()) {
    const before = JSON.stringify(state);
    const next = evolve(state, toProjectEvent(e)!, { actor: e.metadata.actor, recordedAt: e.metadata.recordedAt, revision: e.revision });
    t.equal(JSON.stringify(state), before, `${e.type} leaves its input untouched`);
    t.same(next, foldProject(events.slice(0, n + 1)), `${e.type}: same as the fold`);
    state = next;
  }
});
