/**
 * Benchmark 6 (issue 16): the year-end forecast of one 40-indicator project, and the project list
 * with forecasts over `--projects` projects. Each project: the 3 setup events, `--facts` facts, then
 * a forecast of every indicator and of the spending dated 6月底. Measured through the HTTP app with
 * inject, one request at a time.
 * - forecast: `GET /api/projects/:id/forecast?asOf=2022-07-31`, a mid-year point (the stream is folded
 *   as of that date, trajectories projected, the forecast scored);
 * - list, warm: `GET /api/projects` with each project's summary (score, colour, forecast) cached for
 *   its revision and day, as between two commands;
 * - list, recomputed: the clock moved one day before each request, so every summary (scorecard,
 *   monitoring and forecast of all projects) is computed again.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DateTime } from 'luxon';
import { decide } from '../commands/project/decide.js';
import { foldProject } from '../domain/project/fold.js';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import type { NewEvent, RecordedEvent } from '../src/store/event-store.js';
import { childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { latency, sample } from './lib/stats.js';
import { benchNow, MEASURABLE, projectEvents, projectIdOfN, projectTemplate, toNewEvent } from './lib/synthetic.js';

/** A forecast of every indicator (its usual actual, or 部分达成 for the 定性 ones) and of the spending. */
function forecastEvents(now: DateTime): NewEvent[] {
  const setup = projectEvents(0, 0, now);
  const state = foldProject(setup.map((e, revision): RecordedEvent => ({ ...e, stream: 'x', revision, position: BigInt(revision + 1) })));
  if (state.status === 'none') throw new Error('no project');
  const values = new Map(MEASURABLE.map((m) => [m.id, m.value]));
  const ctx = { now, actor: '张三' };
  const out: NewEvent[] = [];
  for (const i of state.indicators) {
    const input = { value: values.get(i.id) ?? '部分达成', asOf: '2022-06-30' };
    out.push(...decide({ type: 'RecordForecast', indicatorId: i.id, input }, state, ctx).map((d) => toNewEvent(d, now)));
  }
  out.push(...decide({ type: 'RecordSpendingForecast', input: { amount: '110万元', asOf: '2022-06-30' } }, state, ctx).map((d) => toNewEvent(d, now)));
  return out;
}

childMain(async () => {
  const dbPath = join(requiredArg('dir'), 'forecast.db');
  const projects = numberArg('projects', 1000);
  const facts = numberArg('facts', 40);
  const iterations = numberArg('iterations', 2000);
  const listIterations = numberArg('list-iterations', 50);
  const now0 = benchNow();
  const base = projectTemplate(facts, now0);
  const extra = forecastEvents(now0);
  await seedProjects(dbPath, projects, facts, { make: (n) => [...base(n), ...extra.map((e) => ({ ...e, id: randomUUID() }))] });
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  let now = now0;
  const app = await buildApp({ ...runtime, clock: () => now });
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  const first = JSON.parse((await get(`/api/projects/${projectIdOfN(0)}/forecast?asOf=2022-07-31`)).body) as { indicators: { basis: string }[] };
  if (first.indicators.length !== 40 || first.indicators.some((r) => r.basis !== 'forecast')) throw new Error('expected 40 rows on their forecasts');
  let i = 0;
  const forecast = latency(await sample(iterations, Math.min(200, iterations), () => get(`/api/projects/${projectIdOfN(i++ % projects)}/forecast?asOf=2022-07-31`)));
  const listed = (JSON.parse((await get('/api/projects')).body) as { projects: { forecastGrade: string }[] }).projects;
  if (listed.length !== projects || listed.some((p) => !p.forecastGrade)) throw new Error(`the list has ${listed.length} projects with forecasts, expected ${projects}`);
  const warm = latency(await sample(listIterations, Math.min(3, Math.ceil(listIterations / 4)), () => get('/api/projects')));
  const recomputed = latency(
    await sample(listIterations, Math.min(3, Math.ceil(listIterations / 4)), () => {
      now = now.plus({ days: 1 });
      return get('/api/projects');
    }),
  );
  await app.close();
  await runtime.close();
  return { forecastP50: forecast.p50, forecastP99: forecast.p99, listP50: warm.p50, listP99: warm.p99, recomputedP50: recomputed.p50, recomputedP99: recomputed.p99, listed: listed.length };
});
