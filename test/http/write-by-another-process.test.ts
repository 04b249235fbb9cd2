import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import t, { type Test } from 'tap';
import { decide } from '../../commands/project/decide.js';
import { projectStream } from '../../domain/project/events.js';
import { ZONE } from '../../src/clock.js';
import { openSqliteEventStore } from '../../src/store/sqlite-event-store.js';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { PROJECT_ID, register, targets } from '../helpers/worked-example.js';


/** The CLI, another runtime on the same files, as 李四: its exit code and what it said on stderr. */
async function cli(h: TestApp, args: string[], body: unknown): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await runCli(args, {
    stdout: () => {},
    stderr: (s) => (stderr += s),
    readStdin: async () => JSON.stringify(body),
    env: { JIXIAO_DB: h.dbPath, JIXIAO_ACTOR: '李四' },
    clock: fixedClock('2022-07-01T09:30:00'),
  });
  return { code, stderr };
}

/** The app with the worked example's project registered (revision 0) and, unless told, its targets declared (1). */
async function withProject(t: Test, options: { targets?: boolean } = {}): Promise<TestApp> {
  const h = await testApp({ now: '2022-07-01T09:00:00' });
  t.teardown(() => h.close());
  t.equal((await h.call('POST', '/api/projects', register)).statusCode, 201);
  if (options.targets !== false) t.equal((await h.call('PUT', `/api/projects/${PROJECT_ID}/targets`, targets)).statusCode, 200);
  return h;
}

/**
 * The server decides commands on the project states it holds in memory without asking the read model
 * whether they are current. A write made meanwhile by another process on the same files (the CLI) makes
 * such a state stale: the command must then be decided on the project as it stands, not refused.
 */
t.test('after the CLI wrote to a project, the server decides on the project as it stands', async (t) => {
  const h = await withProject(t);
  const base = `/api/projects/${PROJECT_ID}`;
  let res = await h.call('POST', `${base}/spending`, { amount: '10万元', date: '2022-06-01' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().revision, 2);

  // The CLI, another runtime on the same files, records spending twice: revisions 3 and 4.
  for (const amount of ['2万元', '3万元']) {
    const { code, stderr } = await cli(h, ['record-spending', '--project', PROJECT_ID, '--json', '-'], { amount, date: '2022-06-15' });
    t.equal(code, 0, stderr);
  }

  // The server still holds revision 2. If-Match of the revision it holds is now stale: 412, nothing written.
  res = await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-06-20' }, { 'if-match': '"2"' });
  t.equal(res.statusCode, 412, res.body);
  t.match(res.json().detail, /当前版本为 4/);
  // If-Match of the revision the CLI left is current: accepted.
  res = await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-06-20' }, { 'if-match': '"4"' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, 5);
  // Without If-Match, on top of everything: 10 + 2 + 3 + 1 + 4 万元.
  res = await h.call('POST', `${base}/spending`, { amount: '4万元', date: '2022-06-25' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, 6);

  const scorecard = await h.call('GET', `${base}/scorecard`);
  t.equal(scorecard.statusCode, 200);
  t.equal(scorecard.json().execution.spent, '200000.00');
  const history = (await h.call('GET', `${base}/history`)).json().entries as { actor: string }[];
  t.same(
    history.slice(2).map((e) => e.actor),
    ['张三', '李四', '李四', '张三', '张三'],
  );
});

t.test('a write whose read-model update has not arrived yet (a peer without read models here) is decided on too', async (t) => {
  const h = await withProject(t);
  const base = `/api/projects/${PROJECT_ID}`;

  // A second store on the same file appends a spending the way a peer server's command would; this
  // process's read models hear of it only at the subscription's next poll (within a second).
  const peer = await openSqliteEventStore(h.dbPath);
  const [decided] = decide({ type: 'RecordSpending', input: { amount: '2万元', date: '2022-06-15' } }, (await h.runtime.states.get(projectStream(PROJECT_ID)))!, {
    now: DateTime.fromISO('2022-07-01T09:10:00', { zone: ZONE }),
    actor: '王五',
  });
  const recordedAt = '2022-07-01T09:10:00.000+08:00';
  await peer.append(projectStream(PROJECT_ID), [{ id: randomUUID(), type: decided!.type, data: decided!.data, metadata: { actor: '王五', recordedAt, effectiveAt: recordedAt, correlationId: 'peer', causationId: 'peer' } }], 1);
  await peer.close();

  // At once, before the poll: If-Match of the peer's revision is current.
  const res = await h.call('POST', `${base}/spending`, { amount: '1万元', date: '2022-06-20' }, { 'if-match': '"2"' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, 3);
  await h.runtime.runner.waitFor(await h.runtime.store.headPosition(), 5000);
  t.equal((await h.call('GET', `${base}/scorecard`)).json().execution.spent, '30000.00');
});

t.test('a command the held state would refuse is decided on the project as it stands', async (t) => {
  const h = await withProject(t, { targets: false });
  // The CLI declares the targets; the server still holds the project without indicators.
  const { code, stderr } = await cli(h, ['declare-targets', '--project', PROJECT_ID, '--json', '-'], targets);
  t.equal(code, 0, stderr);
  const res = await h.call('POST', `/api/projects/${PROJECT_ID}/indicators/i7/actuals`, { value: '96%', asOf: '2022-06-30' });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().revision, 2);
  // A refusal on the project as it stands is still a refusal.
  const unknown = await h.call('POST', `/api/projects/${PROJECT_ID}/indicators/i99/actuals`, { value: '96%', asOf: '2022-06-30' });
  t.equal(unknown.statusCode, 404, unknown.body);
});
