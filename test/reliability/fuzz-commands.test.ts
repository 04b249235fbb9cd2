import fc from 'fast-check';
import t from 'tap';
import { testApp, type TestApp } from '../helpers/test-app.js';
import { declaredExample, seedWorkedExample } from '../helpers/seed.js';
import { PROJECT_ID, plan, register, targets } from '../helpers/worked-example.js';
import { fuzzRequest, type FuzzRequest } from './fuzz-bodies.js';

const base = `/api/projects/${PROJECT_ID}`;
/** FUZZ_RUNS=5000 for a deeper search than the default run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const REFUSALS = new Set([400, 404, 409, 412, 413, 415, 422]);

type Route = {
  method: 'POST' | 'PUT';
  url: string;
  /** A body that is accepted on the declared worked example (on 2022-07-01). */
  valid: unknown;
  /** Fields the fuzzer spoils one at a time. */
  paths: (string | number)[][];
  /** The evaluation routes need a project whose gaps are explained (else submit is always refused). */
  ready?: boolean;
};

const ROUTES: Route[] = [
  {
    method: 'POST',
    url: '/api/projects',
    valid: { ...register, code: 'FUZZ1', budget: { initial: '50万元', sources: [{ name: '本级财政', amount: '50万元' }] } },
    paths: [['code'], ['year'], ['name'], ['department'], ['unit'], ['budget'], ['budget', 'initial'], ['budget', 'sources'], ['budget', 'sources', 0, 'amount'], ['goals'], ['policy']],
  },
  {
    method: 'PUT',
    url: `${base}/targets`,
    valid: targets,
    paths: [['indicators'], ['indicators', 0], ['indicators', 0, 'target'], ['indicators', 3, 'target'], ['indicators', 2, 'target'], ['indicators', 0, 'level1'], ['indicators', 0, 'key'], ['indicators', 0, 'points'], ['indicators', 0, 'reference'], ['indicators', 0, 'name']],
  },
  {
    method: 'PUT',
    url: `${base}/spending-plan`,
    valid: plan,
    paths: [['checkpoints'], ['checkpoints', 0], ['checkpoints', 0, 'month'], ['checkpoints', 1, 'cumulativePercent']],
  },
  {
    method: 'POST',
    url: `${base}/spending`,
    valid: { amount: '1000', date: '2022-06-01', note: '服务器租赁' },
    paths: [['amount'], ['date'], ['note'], ['reference'], ['reason']],
  },
  {
    method: 'POST',
    url: `${base}/budget-adjustments`,
    valid: { total: '60万元', reason: '追加', approvalRef: '黔财〔2022〕1号', effectiveDate: '2022-06-01' },
    paths: [['total'], ['reason'], ['approvalRef'], ['effectiveDate']],
  },
  {
    method: 'POST',
    url: `${base}/indicators/i7/actuals`,
    valid: { value: '96%', asOf: '2022-06-30' },
    paths: [['value'], ['asOf'], ['evidence'], ['note']],
  },
  {
    method: 'POST',
    url: `${base}/indicators/i3/actuals`,
    valid: { value: '2022-06-30', asOf: '2022-06-30' },
    paths: [['value'], ['asOf']],
  },
  {
    method: 'POST',
    url: `${base}/indicators/i1/revisions`,
    valid: { target: '= 2 个', reason: '需求变化', approvalRef: '黔财〔2022〕2号' },
    paths: [['target'], ['reason'], ['approvalRef']],
  },
  {
    method: 'POST',
    url: `${base}/indicators/i2/assessment`,
    valid: { grade: '部分达成', score: 7, comment: '基本完成' },
    paths: [['grade'], ['score'], ['comment']],
  },
  {
    method: 'POST',
    url: `${base}/indicators/i1/score-override`,
    valid: { score: 8, reason: '专家意见' },
    paths: [['score'], ['reason']],
  },
  {
    method: 'POST',
    url: `${base}/deviations`,
    valid: { indicatorId: 'i7', category: '其他', reason: '调查推迟', measure: '下季度补做', likelihood: '有可能' },
    paths: [['indicatorId'], ['category'], ['reason'], ['measure'], ['likelihood']],
  },
  {
    method: 'POST',
    url: `${base}/evaluation/submit`,
    valid: { comment: '自评完成' },
    paths: [['comment']],
    ready: true,
  },
  {
    method: 'POST',
    url: `${base}/evaluation/reopen`,
    valid: { reason: '补充材料' },
    paths: [['reason']],
    ready: true,
  },
];

const declared = (): Promise<TestApp> => declaredExample();

/** The worked example at year end with every gap explained: submittable. */
async function ready(): Promise<TestApp> {
  const h = await testApp({ memory: true });
  await seedWorkedExample(h);
  for (const indicatorId of ['i5', 'i6', 'i7']) {
    const res = await h.call('POST', `${base}/deviations`, { indicatorId, category: '其他', reason: '部分工作未按计划完成', measure: '下年度加强进度管理' });
    if (res.statusCode !== 200) throw new Error(`setup deviation ${indicatorId}: ${res.statusCode} ${res.body}`);
  }
  return h;
}

function send(h: TestApp, route: Pick<Route, 'method' | 'url'>, r: FuzzRequest) {
  const headers: Record<string, string> = { 'x-actor': encodeURIComponent('张三') };
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
  return h.app.inject({ method: route.method, url: route.url, headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) });
}

const show = (r: FuzzRequest) => `${r.kind} ${r.contentType ?? '(no content-type)'}${r.ifMatch !== undefined ? ` If-Match: ${r.ifMatch}` : ''}: ${String(r.payload).slice(0, 300)}`;

/** Submitting or reopening changes what the next body meets; put the project back where it was. */
async function restore(h: TestApp, route: Route): Promise<void> {
  if (route.url.endsWith('/evaluation/submit')) await h.call('POST', `${base}/evaluation/reopen`, { reason: '继续' });
  if (route.url.endsWith('/evaluation/reopen')) await h.call('POST', `${base}/evaluation/submit`, {});
}

for (const route of ROUTES) {
  t.test(`${route.method} ${route.url}: any body is answered 2xx or 4xx problem+json, and a refusal writes no event`, async (t) => {
    const h = route.ready ? await ready() : await declared();
    t.teardown(h.close);
    if (route.url.endsWith('/evaluation/reopen')) t.equal((await h.call('POST', `${base}/evaluation/submit`, {})).statusCode, 200, 'submitted, so reopen can succeed');
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest(route.valid, route.paths), async (r) => {
        const before = await h.runtime.store.headPosition();
        const res = await send(h, route, r);
        const status = res.statusCode;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 400) {
          if (status !== 200 && status !== 201) throw new Error(`unexpected ${status} for ${show(r)}`);
          await restore(h, route);
          return;
        }
        if (!REFUSALS.has(status)) throw new Error(`${status} ${res.body}\nfor ${show(r)}`);
        if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
          throw new Error(`${status} answered as ${res.headers['content-type']}: ${res.body}\nfor ${show(r)}`);
        }
        const p = res.json() as { status?: unknown; rule?: unknown; errors?: { field?: unknown; message?: unknown }[] };
        if (p.status !== status || typeof p.rule !== 'string') throw new Error(`malformed problem ${res.body}\nfor ${show(r)}`);
        if (p.rule === 'invalid-input' && !(p.errors?.length && p.errors.every((e) => typeof e.field === 'string' && e.field !== '' && typeof e.message === 'string'))) {
          throw new Error(`an invalid-input refusal must name its fields: ${res.body}\nfor ${show(r)}`);
        }
        const after = await h.runtime.store.headPosition();
        if (after !== before) throw new Error(`a ${status} refusal wrote events (${before} → ${after}) for ${show(r)}`);
      }),
      { numRuns: RUNS },
    );
    const seen = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    t.comment(seen);
    t.ok([...statuses.keys()].some((s) => s === 400), `bodies reach validation (${seen})`);
  });
}

t.test('a body over the size limit is a 413 problem+json and writes nothing', async (t) => {
  const h = await declared();
  t.teardown(h.close);
  const before = await h.runtime.store.headPosition();
  const payload = JSON.stringify({ amount: '1000', date: '2022-06-01', note: '备'.repeat(2 * 1024 * 1024) }); // 6 MB of UTF-8 > 5 MB
  const res = await send(h, { method: 'POST', url: `${base}/spending` }, { kind: 'huge', payload, contentType: 'application/json' });
  t.equal(res.statusCode, 413, res.body.slice(0, 300));
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.equal(res.json().status, 413);
  t.equal(await h.runtime.store.headPosition(), before);
});
