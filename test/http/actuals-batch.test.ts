import t from 'tap';
import { declaredExample } from '../helpers/seed.js';
import { PROJECT_ID } from '../helpers/worked-example.js';

const base = `/api/projects/${PROJECT_ID}`;
const revisionOf = async (h: Awaited<ReturnType<typeof declaredExample>>) => (await h.call('GET', base)).json().project.revision as number;

t.test('a batch of actuals and forecasts is written in one append, each row as its own command would be', async (t) => {
  const h = await declaredExample('2022-07-05T10:00:00');
  t.teardown(h.close);
  const before = await revisionOf(h);
  const res = await h.call('POST', `${base}/actuals/batch`, {
    asOf: '2022-06-30',
    rows: [
      { indicatorId: 'i1', actual: '1个', note: '已上线' },
      { indicatorId: 'i5', actual: '90%', forecast: '100%' },
      { indicatorId: 'i7', forecast: '97%' },
    ],
  }, { 'if-match': `"${before}"` });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, before + 4, 'three actual/forecast rows → four events');
  const project = (await h.call('GET', base)).json().project;
  const byId = new Map(project.indicators.map((i: { id: string }) => [i.id, i]));
  const at = (id: string) => byId.get(id) as { actuals: { text: string; asOf: string; note?: string }[]; forecasts: { text: string }[] };
  t.same(at('i1').actuals.map((a) => [a.text, a.asOf, a.note]), [['1个', '2022-06-30', '已上线']]);
  t.same(at('i5').actuals.map((a) => a.text), ['90%']);
  t.same(at('i5').forecasts.map((f) => f.text), ['100%']);
  t.same(at('i7').actuals, []);
  t.same(at('i7').forecasts.map((f) => f.text), ['97%']);
  const history = (await h.call('GET', `${base}/history`)).json().entries as { revision: number; recordedAt: string }[];
  const written = history.filter((e) => e.revision > before);
  t.equal(written.length, 4);
  t.equal(new Set(written.map((e) => e.recordedAt)).size, 1, 'recorded at the same instant');
});

t.test('one refused row refuses the batch: every failure at its row and field, nothing written', async (t) => {
  const h = await declaredExample('2022-07-05T10:00:00');
  t.teardown(h.close);
  const before = await revisionOf(h);
  const res = await h.call('POST', `${base}/actuals/batch`, {
    asOf: '2022-06-30',
    rows: [
      { indicatorId: 'i1', actual: '1个' },
      { indicatorId: 'i5', actual: '很多' },
      { indicatorId: 'i9', actual: '3' },
      { indicatorId: 'i1', actual: '1个' },
      { indicatorId: 'i7' },
      { indicatorId: 'i4', actual: '45万元', forecast: '多' },
    ],
  });
  t.equal(res.statusCode, 422, res.body);
  const problem = res.json();
  t.equal(problem.rule, 'batch-refused');
  t.same(problem.errors.map((e: { field: string }) => e.field), ['rows[1].actual', 'rows[2].indicatorId', 'rows[3].indicatorId', 'rows[4].actual', 'rows[5].forecast']);
  t.match(problem.errors[1].message, /i9 不存在/);
  t.match(problem.errors[2].message, /第 1 行/);
  t.match(problem.errors[4].message, /^预计全年完成值 "多"/, 'a forecast is named as such');
  t.match(problem.detail, /整批未写入/);
  t.equal(await revisionOf(h), before, 'no event written');
  const project = (await h.call('GET', base)).json().project;
  t.same(project.indicators.flatMap((i: { actuals: unknown[]; forecasts: unknown[] }) => [...i.actuals, ...i.forecasts]), [], 'not even the good rows');
});

t.test('a date outside the year is said once, at asOf; a submitted evaluation refuses the batch', async (t) => {
  const h = await declaredExample('2022-07-05T10:00:00');
  t.teardown(h.close);
  let res = await h.call('POST', `${base}/actuals/batch`, { asOf: '2021-12-31', rows: [{ indicatorId: 'i1', actual: '1个' }, { indicatorId: 'i5', actual: '90%' }] });
  t.equal(res.statusCode, 422, res.body);
  t.same(res.json().errors.map((e: { field: string }) => e.field), ['asOf']);
  res = await h.call('POST', `${base}/actuals/batch`, { asOf: '2022-06-30', rows: [] });
  t.equal(res.statusCode, 400, 'an empty batch is refused by its schema');
  t.match(res.json().errors[0], { field: 'rows' });
  res = await h.call('POST', `${base}/evaluation/submit`, {});
  t.equal(res.statusCode, 422, 'a project with nothing recorded cannot be submitted either');
});

t.test('a submitted evaluation refuses a batch as a whole', async (t) => {
  const { seedWorkedExample } = await import('../helpers/seed.js');
  const { testApp } = await import('../helpers/test-app.js');
  const h = await testApp({ now: '2022-01-10T09:00:00', memory: true });
  t.teardown(h.close);
  await seedWorkedExample(h);
  for (const indicatorId of ['i5', 'i6', 'i7']) {
    const dev = await h.call('POST', `${base}/deviations`, { indicatorId, category: '其他', reason: '未完全达成', measure: '改进', checkpoint: 'year-end' });
    t.equal(dev.statusCode, 200, dev.body);
  }
  let res = await h.call('POST', `${base}/evaluation/submit`, {});
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/actuals/batch`, { asOf: '2022-12-31', rows: [{ indicatorId: 'i1', actual: '1个' }] });
  t.equal(res.statusCode, 422);
  t.equal(res.json().rule, 'evaluation-submitted');
});

t.test('read-targets reads each 指标值 as declare-targets would, recording nothing', async (t) => {
  const h = await declaredExample();
  t.teardown(h.close);
  const before = await revisionOf(h);
  const res = await h.call('POST', '/api/read/targets', {
    year: 2022,
    rows: [{ target: '≥7次' }, { target: '12月' }, { target: '', name: '群众满意' }, { target: '≥ 很多' }, { target: '/' }],
  });
  t.equal(res.statusCode, 200, res.body);
  const readings = res.json().readings;
  t.match(readings[0], { ok: true, kind: 'quantitative' });
  t.match(readings[0].reading, /7/);
  t.match(readings[1], { ok: true, kind: 'deadline' });
  t.match(readings[1].reading, /2022/);
  t.same(readings[2], { ok: true, kind: 'qualitative', reading: '群众满意' });
  t.equal(readings[3].ok, false);
  t.notMatch(readings[3].error, /expected/, 'Chinese only');
  t.match(readings[4], { ok: true, kind: 'not-applicable' });
  t.equal(await revisionOf(h), before);
});
