/**
 * Benchmark 8 (issue 17): the roll-up of one department with `--big` projects, and the list of
 * `--departments` departments (the big one and the others with `--per` projects each). Every project:
 * the 3 setup events of the synthetic 40-indicator project (budget by two sources) and `--facts`
 * facts. Measured through the HTTP app with inject, one request at a time, beside the raw limit of the
 * same run: a constant route answering the same bytes (routing, inject and the answer's size, no work).
 * - roll-up now and as of 6月底 (a past point: every project folded to that date), warm: the project
 *   lines cached for their revision and point, as between two commands;
 * - cold: a point never asked before (the clock moved a day for "now"; a new asOf date for the past),
 *   so that every line is computed again — in the notes;
 * - list of departments, warm and cold alike.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { decide } from '../commands/project/decide.js';
import { foldProject } from '../domain/project/fold.js';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import type { NewEvent } from '../src/store/event-store.js';
import { childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { latency, sample } from './lib/stats.js';
import { benchNow, projectEvents, registerInput, toNewEvent } from './lib/synthetic.js';

export const BIG_DEPARTMENT = '黔南州基准部门0';

childMain(async () => {
  const dbPath = join(requiredArg('dir'), 'departments.db');
  const departments = numberArg('departments', 100);
  const big = numberArg('big', 200);
  const per = numberArg('per', 20);
  const facts = numberArg('facts', 40);
  const iterations = numberArg('iterations', 500);
  const listIterations = numberArg('list-iterations', 100);
  const coldIterations = numberArg('cold-iterations', 10);
  const now0 = benchNow();
  const template = projectEvents(0, facts, now0);
  // Project n: the first `big` in department 0, then `per` each in departments 1 … departments-1.
  const departmentOf = (n: number) => (n < big ? 0 : 1 + Math.floor((n - big) / per));
  const projects = big + per * (departments - 1);
  const make = (n: number): NewEvent[] => {
    const department = `黔南州基准部门${departmentOf(n)}`;
    const input = { ...registerInput(n), department, unit: department, budget: { initial: '120万元', sources: [{ name: '财政拨款', amount: '100万元' }, { name: '其他资金', amount: '20万元' }] } };
    const registered = toNewEvent(decide({ type: 'RegisterProject', input }, foldProject([]), { now: now0, actor: '张三' })[0]!, now0);
    return template.map((e, i) => (i === 0 ? registered : { ...e, id: randomUUID() }));
  };
  await seedProjects(dbPath, projects, facts, { make });
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  let now = now0;
  const app = await buildApp({ ...runtime, clock: () => now });
  const rollupUrl = (query: string) => `/api/departments/${encodeURIComponent(BIG_DEPARTMENT)}/2022/rollup${query}`;
  const listUrl = '/api/departments?year=2022';

  // The raw limit: the same answers' bytes from constant routes.
  const constant = new Map<string, string>();
  // As the routes send theirs (sendJson): UTF-8 bytes.
  app.get('/bench/constant/:which', async (request, reply) => reply.type('application/json; charset=utf-8').send(Buffer.from(constant.get((request.params as { which: string }).which)!)));

  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  const first = JSON.parse((await get(rollupUrl(''))).body) as { projectCount: number; weightedScore: number };
  if (first.projectCount !== big) throw new Error(`the roll-up has ${first.projectCount} projects, expected ${big}`);
  const listed = (JSON.parse((await get(listUrl)).body) as { departments: unknown[] }).departments.length;
  if (listed !== departments) throw new Error(`the list has ${listed} departments, expected ${departments}`);
  constant.set('rollup', (await get(rollupUrl(''))).body);
  constant.set('list', (await get(listUrl)).body);

  const warmup = Math.min(20, iterations);
  const current = latency(await sample(iterations, warmup, () => get(rollupUrl(''))));
  const past = latency(await sample(iterations, warmup, () => get(rollupUrl('?asOf=2022-06-30'))));
  const rawRollup = latency(await sample(iterations, warmup, () => get('/bench/constant/rollup')));
  const list = latency(await sample(listIterations, Math.min(5, listIterations), () => get(listUrl)));
  const rawList = latency(await sample(listIterations, Math.min(5, listIterations), () => get('/bench/constant/list')));

  let day = 0;
  const coldNow = latency(
    await sample(coldIterations, 0, () => {
      now = now0.plus({ days: ++day });
      return get(rollupUrl(''));
    }),
  );
  let date = now0.set({ month: 5, day: 1 });
  const coldPast = latency(
    await sample(coldIterations, 0, () => {
      date = date.plus({ days: 1 });
      return get(rollupUrl(`?asOf=${date.toISODate()}`));
    }),
  );
  const coldList = latency(
    await sample(Math.min(coldIterations, 5), 0, () => {
      now = now0.plus({ days: ++day });
      return get(listUrl);
    }),
  );
  await app.close();
  await runtime.close();
  return {
    projects,
    departments,
    big,
    rollupBytes: constant.get('rollup')!.length,
    listBytes: constant.get('list')!.length,
    currentP50: current.p50,
    currentP99: current.p99,
    pastP50: past.p50,
    pastP99: past.p99,
    rawRollupP50: rawRollup.p50,
    rawRollupP99: rawRollup.p99,
    listP50: list.p50,
    listP99: list.p99,
    rawListP50: rawList.p50,
    rawListP99: rawList.p99,
    coldNowP50: coldNow.p50,
    coldNowP99: coldNow.p99,
    coldPastP50: coldPast.p50,
    coldPastP99: coldPast.p99,
    coldListP50: coldList.p50,
    coldListP99: coldList.p99,
  };
});
