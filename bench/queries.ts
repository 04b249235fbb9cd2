/**
 * Benchmark 4: the scorecard of one 40-indicator project, and the project list over `--projects`
 * projects (each with 40 indicators and `--facts` spending/actual facts). Measured through the HTTP
 * app with inject (routing, validation, the query, serialization; no socket), one request at a time.
 */
import { join } from 'node:path';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';
import { childMain, numberArg, requiredArg } from './lib/child.js';
import { seedProjects } from './lib/seed.js';
import { latency, sample } from './lib/stats.js';
import { benchNow, projectIdOfN } from './lib/synthetic.js';

childMain(async () => {
  const dbPath = join(requiredArg('dir'), 'queries.db');
  const projects = numberArg('projects', 1000);
  const iterations = numberArg('iterations', 2000);
  const listIterations = numberArg('list-iterations', 50);
  await seedProjects(dbPath, projects, numberArg('facts', 40));
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  const now = benchNow();
  const app = await buildApp({ ...runtime, clock: () => now });
  const get = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  let i = 0;
  const scorecard = latency(await sample(iterations, Math.min(200, iterations), () => get(`/api/projects/${projectIdOfN(i++ % projects)}/scorecard`)));
  const listed = (JSON.parse((await get('/api/projects')).body) as { projects: unknown[] }).projects.length;
  if (listed !== projects) throw new Error(`the list has ${listed} projects, expected ${projects}`);
  const list = latency(await sample(listIterations, Math.min(3, Math.ceil(listIterations / 4)), () => get('/api/projects')));
  await app.close();
  await runtime.close();
  return { scorecardP50: scorecard.p50, scorecardP99: scorecard.p99, listP50: list.p50, listP99: list.p99, listed };
});
