import { randomUUID } from 'node:crypto';
import t from 'tap';
import { TEXT_LIMITS } from '../../commands/project/limits.js';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';
import { cliOnFreshStore } from '../helpers/cli.js';

const base = `/api/projects/${PROJECT_ID}`;

async function declared(now = '2022-01-10T09:00:00') {
  const h = await testApp({ now });
  for (const [method, url, body] of [
    ['POST', '/api/projects', { ...register, budget: { initial: '50万元', sources: [{ name: '财政拨款', amount: '40万元' }, { name: '其他资金', amount: '10万元' }] } }],
    ['PUT', `${base}/targets`, targets],
    ['PUT', `${base}/spending-plan`, plan],
  ] as const) {
    const res = await h.call(method, url, body);
    if (res.statusCode >= 300) throw new Error(res.body);
  }
  return h;
}

t.test('forecasts are facts: who and when, in history, replayable as of a date and as known at a time', async (t) => {
  const h = await declared();
  t.teardown(h.close);

  h.setNow('2022-07-05T10:00:00');
  let res = await h.call('POST', `${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2022-06-30', note: '半年调查 95%' });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/spending-forecasts`, { amount: '46万元', asOf: '2022-06-30' });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/spending-forecasts`, { amount: '38万元', asOf: '2022-06-30', source: '财政拨款' });
  t.equal(res.statusCode, 200, res.body);

  h.setNow('2022-11-02T10:00:00');
  res = await h.call('POST', `${base}/indicators/i7/forecasts`, { value: 98, asOf: '2022-10-31' }, { 'x-actor': encodeURIComponent('王五') });
  t.equal(res.statusCode, 200, res.body);

  res = await h.call('GET', base);
  const i7 = res.json().project.indicators.find((i: { id: string }) => i.id === 'i7');
  t.same(
    i7.forecasts.map((f: { text: string; asOf: string; actor: string; recordedAt: string; value: unknown }) => [f.text, f.asOf, f.actor, f.recordedAt.slice(0, 10)]),
    [
      ['97%', '2022-06-30', '张三', '2022-07-05'],
      ['98', '2022-10-31', '王五', '2022-11-02'],
    ],
  );
  t.same(i7.forecasts[1].value, { kind: 'quantity', quantity: { kind: 'number', value: 98, unit: '%' } }, 'a bare number is read in the target unit');
  t.same(
    res.json().project.spendingForecasts.map((f: { amountFen: number; source?: string }) => [f.amountFen, f.source ?? null]),
    [
      [46000000, null],
      [38000000, '财政拨款'],
    ],
  );

  // As of 2022-09-30 only the June forecast had been made.
  res = await h.call('GET', `${base}?asOf=2022-09-30`);
  t.same(res.json().project.indicators[6].forecasts.map((f: { text: string }) => f.text), ['97%']);
  // As known on 2022-07-01 (before anything was typed in), none.
  res = await h.call('GET', `${base}?knownAt=2022-07-01`);
  t.same(res.json().project.indicators[6].forecasts, []);
  t.same(res.json().project.spendingForecasts, []);

  res = await h.call('GET', `${base}/history`);
  const summaries = res.json().entries.map((e: { summary: string }) => e.summary);
  t.ok(summaries.includes('张三 预计「州直属商会、民营经济人士满意度」全年完成 97%（2022-06-30 预计），说明：半年调查 95%'), summaries.join('\n'));
  t.ok(summaries.includes('张三 预计全年执行数（财政拨款） 380000.00 元（2022-06-30 预计）'), summaries.join('\n'));
  t.ok(summaries.includes('王五 预计「州直属商会、民营经济人士满意度」全年完成 98（2022-10-31 预计）'));
});

t.test('a forecast refused names its field and writes nothing', async (t) => {
  const h = await declared('2022-07-05T10:00:00');
  t.teardown(h.close);
  const before = (await h.call('GET', base)).json().project.revision;

  const cases: [string, unknown, number, string][] = [
    [`${base}/indicators/i7/forecasts`, { value: 'x'.repeat(TEXT_LIMITS.value + 1), asOf: '2022-06-30' }, 400, 'value'],
    [`${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2022-06-30', note: 'n'.repeat(TEXT_LIMITS.prose + 1) }, 400, 'note'],
    [`${base}/indicators/i7/forecasts`, { value: '97%' }, 400, 'asOf'],
    [`${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2022-08-01' }, 422, 'asOf'],
    [`${base}/indicators/i7/forecasts`, { value: '97万元', asOf: '2022-06-30' }, 400, 'value'],
    [`${base}/indicators/i9/forecasts`, { value: '97%', asOf: '2022-06-30' }, 404, 'indicatorId'],
    [`${base}/spending-forecasts`, { amount: '-1', asOf: '2022-06-30' }, 400, 'amount'],
    [`${base}/spending-forecasts`, { amount: '45万元', asOf: '2022-06-30', source: '上年结转' }, 422, 'source'],
    [`${base}/spending-forecasts`, { amount: '45万元', asOf: '2022-06-30', source: 's'.repeat(TEXT_LIMITS.name + 1) }, 400, 'source'],
    [`${base}/indicators/i7/forecasts`, { value: '97%', asOf: '2021-12-31' }, 422, 'asOf'],
    [`${base}/spending-forecasts`, { amount: '45万元', asOf: '2023-01-01' }, 422, 'asOf'],
  ];
  for (const [url, body, status, field] of cases) {
    const res = await h.call('POST', url, body);
    t.equal(res.statusCode, status, `${JSON.stringify(body).slice(0, 80)}: ${res.body.slice(0, 300)}`);
    const problem = res.json();
    const fields = [...(problem.errors ?? []).map((e: { field: string }) => e.field), problem.field].filter(Boolean);
    t.ok(fields.some((f: string) => f.includes(field)), `${field} named in ${res.body.slice(0, 300)}`);
  }
  t.equal((await h.call('GET', base)).json().project.revision, before, 'no event written');
});

t.test('a deviation names its checkpoint; one recorded before checkpoints existed is read as the checkpoint current then', async (t) => {
  const h = await declared('2022-07-05T10:00:00');
  t.teardown(h.close);
  let res = await h.call('POST', `${base}/deviations`, { indicatorId: 'i7', category: '其他', reason: '调查样本偏少', measure: '扩大样本', likelihood: '有可能', checkpoint: 7 });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/deviations`, { category: '经费保障', reason: '资金未拨付', measure: '催拨', likelihood: '确定能' });
  t.equal(res.statusCode, 200, res.body);
  res = await h.call('POST', `${base}/deviations`, { category: '其他', reason: 'r', measure: 'm', checkpoint: 13 });
  t.equal(res.statusCode, 400, res.body);
  t.match(res.body, /checkpoint/);

  // An event as written before deviations named a checkpoint, recorded on 2022-11-02: the checkpoint then was 10月.
  const { runtime } = h;
  const revision = (await h.call('GET', base)).json().project.revision;
  const written = await runtime.store.append(
    `project-${PROJECT_ID}`,
    [
      {
        id: randomUUID(),
        type: 'DeviationRecorded',
        data: { indicatorId: 'i1', category: '人员保障', reason: '人员调整', measure: '补充人员', likelihood: '有可能' },
        metadata: { actor: '赵六', recordedAt: '2022-11-02T10:00:00.000+08:00', correlationId: 'old', causationId: 'old' },
      },
    ],
    revision,
  );
  await runtime.runner.waitFor(written.position);
  res = await h.call('GET', base);
  t.same(
    res.json().project.deviations.map((d: { indicatorId?: string; checkpoint: unknown; checkpointStated: boolean }) => [d.indicatorId ?? null, d.checkpoint, d.checkpointStated]),
    [
      ['i7', 7, true],
      [null, 6, true], // recorded on 2022-07-05 without one: the checkpoint current that day, stated in the event
      ['i1', 10, false],
    ],
  );
  res = await h.call('GET', `${base}/history`);
  t.match(res.json().entries.at(-1).summary, /^赵六 记录「黔南州政企服务平台建设工作」偏差（人员保障）/);
  t.match(res.json().entries.at(-3).summary, /^张三 记录「州直属商会、民营经济人士满意度」7月偏差（其他）/);
});

t.test('the CLI records both forecasts by the catalog', async (t) => {
  const run = cliOnFreshStore(t, '2022-07-01T09:00:00');
  t.equal((await run(['register', '--json', '-'], JSON.stringify(register))).code, 0);
  t.equal((await run(['declare-targets', '--project', PROJECT_ID, '--json', '-'], JSON.stringify(targets))).code, 0);
  let r = await run(['record-forecast', '--project', PROJECT_ID, '--indicator', 'i1', '--json', '-'], JSON.stringify({ value: '1个', asOf: '2022-06-30' }));
  t.equal(r.code, 0, r.stderr);
  r = await run(['record-spending-forecast', '--project', PROJECT_ID, '--json', '-'], JSON.stringify({ amount: '45万元', asOf: '2022-06-30' }));
  t.equal(r.code, 0, r.stderr);
  t.equal(JSON.parse(r.stdout).revision, 3);
  r = await run(['record-spending-forecast', '--project', PROJECT_ID, '--json', '-'], JSON.stringify({ amount: '45万元', asOf: '2022-06-30', source: '财政拨款' }));
  t.equal(r.code, 1);
  t.match(JSON.parse(r.stderr), { rule: 'source-unknown', errors: [{ field: 'source' }] });
  r = await run(['state', '--project', PROJECT_ID]);
  const state = JSON.parse(r.stdout);
  t.equal(state.indicators[0].forecasts[0].actor, '李四');
  t.equal(state.spendingForecasts[0].amountFen, 45000000);
  // The year-end forecast on the CLI: 45万 of 50万 → 9.00, i1 forecast 1 个 → 10, nothing else to go on.
  r = await run(['forecast', '--project', PROJECT_ID]);
  t.equal(r.code, 0, r.stderr);
  const forecast = JSON.parse(r.stdout);
  t.same(forecast.expected, { total: 19, grade: '差' });
  t.same(forecast.indicators.map((i: { basis: string }) => i.basis), ['forecast', 'none', 'none', 'none', 'none', 'none', 'none']);
  r = await run(['list', '--forecast-grade', '差']);
  t.same(JSON.parse(r.stdout).map((p: { id: string; forecastTotal: number }) => [p.id, p.forecastTotal]), [[PROJECT_ID, 19]]);
  r = await run(['list', '--forecast-grade', '优']);
  t.same(JSON.parse(r.stdout), []);
});
