import t from 'tap';
import type { z } from 'zod';
import { testApp } from '../helpers/test-app.js';
import { seedWorkedExample } from '../helpers/seed.js';
import { CommandReplySchema } from '../../src/http/schemas/command-reply.js';
import { DiffSchema } from '../../src/http/schemas/diff.js';
import { HealthSchema } from '../../src/http/schemas/health.js';
import { HistorySchema } from '../../src/http/schemas/history.js';
import { MonitoringSchema } from '../../src/http/schemas/monitoring.js';
import { ProblemSchema } from '../../src/http/schemas/problem.js';
import { ProjectListSchema } from '../../src/http/schemas/project-list.js';
import { ProjectAtSchema } from '../../src/http/schemas/project-state.js';
import { ScorecardSchema } from '../../src/http/schemas/scorecard.js';
import { SelfEvaluationTableSchema } from '../../src/http/schemas/self-evaluation.js';

/**
 * What the routes answer on the worked example, read back with the schemas the document publishes:
 * each answer is valid and the schema keeps every field of it (a schema missing a field would strip
 * it, and a client generated from the document would not know it).
 */
t.test('every answer of the worked example is described by its schema, field for field', async (t) => {
  const h = await testApp({ memory: true });
  t.teardown(h.close);
  const id = await seedWorkedExample(h);
  // A revision, an override and a deviation, so that the lists the schemas describe are not empty.
  for (const [url, body] of [
    [`/api/projects/${id}/indicators/i1/revisions`, { target: '= 2 个', reason: '需求变化', approvalRef: '财预〔2022〕5号' }],
    [`/api/projects/${id}/indicators/i7/score-override`, { score: 9, reason: '专家意见' }],
    [`/api/projects/${id}/deviations`, { indicatorId: 'i6', category: '其他', reason: '进度滞后', measure: '加强管理', likelihood: '有可能' }],
    [`/api/projects/${id}/budget-adjustments`, { total: '55万元', reason: '追加', approvalRef: '黔财〔2022〕1号', effectiveDate: '2022-09-01' }],
  ] as const) {
    const res = await h.call('POST', url, body);
    t.equal(res.statusCode, 200, res.body);
    t.same(CommandReplySchema.parse(res.json()), res.json(), `${url}: CommandReply`);
  }
  const answers: [string, z.ZodType][] = [
    ['/health', HealthSchema],
    ['/api/projects', ProjectListSchema],
    [`/api/projects/${id}`, ProjectAtSchema],
    [`/api/projects/${id}?asOf=2022-06-30`, ProjectAtSchema],
    [`/api/projects/${id}/scorecard`, ScorecardSchema],
    [`/api/projects/${id}/monitoring?asOf=2022-12-31`, MonitoringSchema],
    [`/api/projects/${id}/self-evaluation`, SelfEvaluationTableSchema],
    [`/api/projects/${id}/history`, HistorySchema],
    [`/api/projects/${id}/diff?from=2&to=2022-12-31`, DiffSchema],
    [`/api/projects/${id}/scorecard?asOf=2022-02-30`, ProblemSchema],
  ];
  for (const [url, schema] of answers) {
    const res = await h.call('GET', url);
    const body = res.json();
    const read = schema.safeParse(body);
    t.ok(read.success, `${url}: valid (${read.error?.message ?? ''})`);
    t.same(read.data, body, `${url}: every field described`);
  }
  const monitoring = (await h.call('GET', `/api/projects/${id}/monitoring?asOf=2022-12-31`)).json();
  t.ok(
    monitoring.deviations.some((d: { records: unknown[] }) => d.records.length > 0),
    'a deviation record appears in the monitoring answer',
  );
});
