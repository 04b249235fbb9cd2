import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t, { type Test } from 'tap';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { testApp } from '../helpers/test-app.js';
import { PROJECT_COMMANDS } from '../../commands/project/catalog.js';

/**
 * The OpenAPI document at /docs/json is what another system (a province's 一体化 platform) builds a
 * client from: it must lint clean and generate a typed client with which a call to every operation
 * type-checks, and wrong calls do not.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
type Operation = { operationId?: string; responses: Record<string, unknown>; security?: unknown[] };
type Document = { paths: Record<string, Record<string, Operation>>; servers?: unknown[]; components: { securitySchemes?: object } };

async function openapiDocument(): Promise<Document> {
  const h = await testApp({ memory: true });
  try {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    return res.json() as Document;
  } finally {
    await h.close();
  }
}

const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, ...op })));

/** A work directory under node_modules, so that the generated client resolves openapi-fetch from here. */
function workDir(t: Test): string {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'openapi-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('every operation has an operationId, a response schema, problem+json 4xx answers and a security rule', async (t) => {
  const doc = await openapiDocument();
  const ops = operations(doc);
  t.equal(ops.length, 58, 'twenty commands, import, eleven queries, the target reading and health; a department-year: register, declare tasks, the nineteen project commands, its state, history and 自评表; the department list and roll-up');
  t.same(doc.servers, [{ url: '/', description: '本服务 / the server serving this document' }]);
  t.match(doc.components.securitySchemes, { bearerToken: { type: 'http', scheme: 'bearer' } });
  const ids = new Set<string>();
  for (const op of ops) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    t.ok(op.operationId, `${name} has an operationId`);
    ids.add(op.operationId!);
    const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
    t.equal(success.length, 1, `${name}: one success answer`);
    t.ok((success[0]![1] as { content?: object }).content, `${name}: its success answer has a schema`);
    const problems = Object.entries(op.responses).filter(([status]) => status.startsWith('4'));
    t.ok(problems.length > 0, `${name}: documents its 4xx answers`);
    for (const [status, answer] of problems) {
      t.match(answer, { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }, `${name} ${status}: problem+json`);
    }
  }
  t.equal(ids.size, ops.length, 'operationIds are unique');
  // The catalog's CLI names name the commands.
  for (const cli of ['register', 'declare-targets', 'set-spending-plan', 'record-spending', 'adjust-budget', 'record-actual', 'revise-target', 'assess', 'override-score', 'record-deviation', 'submit', 'reopen']) {
    t.ok(ids.has(cli), `operation ${cli}`);
  }
  t.same(operations(doc).find((op) => op.path === '/health')?.security, [], 'health needs no token');
});

t.test('redocly lint with its recommended rules finds no error', async (t) => {
  const dir = workDir(t);
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(await openapiDocument()));
  const cli = join(root, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--format', 'json'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  }).catch((error: { stdout: string; stderr: string }) => error);
  const report = JSON.parse(run.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; severity: string; message: string }[] };
  t.equal(report.totals.errors, 0, JSON.stringify(report.problems.filter((p) => p.severity === 'error').slice(0, 5)));
  // The one warning left: the licence is the owner's to state.
  t.same([...new Set(report.problems.map((p) => p.ruleId))].sort(), ['info-license']);
});

/** One call per operation, written as a client author would; the test checks it names every operationId. */
const CALLS: Record<string, string> = {
  health: `const kind: 'sqlite' | 'eventstoredb' | 'postgres' | undefined = (await client.GET('/health')).data?.store.kind;`,
  register: `{
    const { data, error } = await client.POST('/api/projects', { body: { code: '52270022P00430210142W', year: 2022, name: '平台建设', department: '工商联', budget: { initial: '50万元' } } });
    const revision: number | undefined = data?.revision;
    const rule: string | undefined = error?.rule;
    const field: string | undefined = error?.errors?.[0]?.field;
  }`,
  list: `{
    // json or (format=xlsx) a workbook: the client tells them apart as for the 自评表
    const data = (await client.GET('/api/projects', { params: { query: { year: 2022, colour: 'red', q: '平台', sort: 'budget', order: 'desc' } } })).data;
    const totals: number[] | undefined = typeof data === 'object' ? data.projects.map((p) => p.total) : undefined;
    const units: ('元' | '万元')[] | undefined = typeof data === 'object' ? data.projects.map((p) => p.displayUnit) : undefined;
    const red: number | undefined = typeof data === 'object' ? data.colourThresholds.red : undefined;
  }`,
  'declare-targets': `await client.PUT('/api/projects/{id}/targets', { params: { path: { id } }, body: { indicators: [{ level1: '产出指标', level2: '数量指标', name: '平台', target: '= 1 个' }] } });`,
  'set-spending-plan': `await client.PUT('/api/projects/{id}/spending-plan', { params: { path: { id } }, body: { checkpoints: [{ month: 6, cumulativePercent: 30 }], reason: '调整' } });`,
  'record-spending': `await client.POST('/api/projects/{id}/spending', { params: { path: { id } }, body: { amount: '7万元', date: '2022年6月20日', note: '首付款' } });`,
  'adjust-budget': `await client.POST('/api/projects/{id}/budget-adjustments', { params: { path: { id } }, body: { total: '60万元', reason: '追加', approvalRef: '黔财〔2022〕1号', effectiveDate: '2022-06-01' } });`,
  'record-actual': `await client.POST('/api/projects/{id}/indicators/{indicatorId}/actuals', { params: { path: { id, indicatorId: 'i7' } }, body: { value: '96%', asOf: '2022-12-31' } });`,
  'revise-target': `await client.POST('/api/projects/{id}/indicators/{indicatorId}/revisions', { params: { path: { id, indicatorId: 'i1' } }, body: { target: '= 2 个', reason: '需求变化', approvalRef: '财预〔2022〕5号' } });`,
  assess: `await client.POST('/api/projects/{id}/indicators/{indicatorId}/assessment', { params: { path: { id, indicatorId: 'i2' } }, body: { grade: '部分达成', score: 7 } });`,
  'revise-goals': `await client.POST('/api/projects/{id}/goals', { params: { path: { id } }, body: { annual: '完成平台建设并上线运行', reason: '批复调整' } });`,
  'describe-achievements': `await client.PUT('/api/projects/{id}/achievements', { params: { path: { id } }, body: { text: '平台已建成并上线' } });`,
  'override-execution-score': `await client.POST('/api/projects/{id}/execution/score-override', { params: { path: { id } }, body: { score: 9, reason: '专家评议' } });`,
  'set-implementation-period': `await client.PUT('/api/projects/{id}/implementation-period', { params: { path: { id } }, body: { period: '2022.1-2022.12' } });`,
  'set-display-unit': `await client.PUT('/api/projects/{id}/display-unit', { params: { path: { id } }, body: { unit: '万元' } });`,
  'record-forecast': `await client.POST('/api/projects/{id}/indicators/{indicatorId}/forecasts', { params: { path: { id, indicatorId: 'i7' } }, body: { value: '97%', asOf: '2022-07-31', note: '问卷中期结果' } });`,
  'record-actuals': `await client.POST('/api/projects/{id}/actuals/batch', { params: { path: { id } }, body: { asOf: '2022-06-30', rows: [{ indicatorId: 'i1', actual: '1个', forecast: '1个' }, { indicatorId: 'i7', actual: '96%', note: '问卷' }] } });`,
  'read-targets': `{
    const reading = (await client.POST('/api/read/targets', { body: { year: 2022, rows: [{ target: '≥7次' }, { name: '群众满意' }] } })).data?.readings[0];
    const text: string | undefined = reading && reading.ok ? reading.reading : undefined;
  }`,
  'record-spending-forecast': `await client.POST('/api/projects/{id}/spending-forecasts', { params: { path: { id } }, body: { amount: '48万元', asOf: '2022-07-31' } });`,
  'monitoring-form': `{
    const form = (await client.GET('/api/projects/{id}/monitoring-form', { params: { path: { id }, query: { month: 7 } } })).data;
    const likelihood: string | null | undefined = typeof form === 'object' && form !== null && 'indicators' in form ? form.indicators[0]?.likelihood : undefined;
  }`,
  forecast: `{
    const forecast = (await client.GET('/api/projects/{id}/forecast', { params: { path: { id }, query: { asOf: '2022-07-31' } } })).data;
    const grade: '优' | '良' | '中' | '差' | undefined = forecast?.expected.grade;
    const basis: 'forecast' | 'latest-actual' | 'trajectory' | 'none' | undefined = forecast?.indicators[0]?.basis;
  }`,
  'override-score': `await client.POST('/api/projects/{id}/indicators/{indicatorId}/score-override', { params: { path: { id, indicatorId: 'i1' } }, body: { score: 8, reason: '专家意见' } });`,
  'record-deviation': `await client.POST('/api/projects/{id}/deviations', { params: { path: { id } }, body: { indicatorId: 'i5', category: '其他', reason: '进度滞后', measure: '加强管理' } });`,
  submit: `await client.POST('/api/projects/{id}/evaluation/submit', { params: { path: { id } }, body: {} });`,
  reopen: `await client.POST('/api/projects/{id}/evaluation/reopen', { params: { path: { id } }, body: { reason: '财政局退回' } });`,
  state: `{
    const project = (await client.GET('/api/projects/{id}', { params: { path: { id }, query: { asOf: '2022-06-30' } } })).data?.project;
    const fen: number | undefined = project?.budget.totalFen;
    const actor: string | undefined = project?.indicators[0]?.actuals[0]?.actor;
  }`,
  scorecard: `{
    const card = (await client.GET('/api/projects/{id}/scorecard', { params: { path: { id } } })).data;
    const total: number | undefined = card?.total;
    const grade: '优' | '良' | '中' | '差' | undefined = card?.grade;
    const status: 'met' | 'partial' | 'unmet' | 'pending' | 'notApplicable' | undefined = card?.indicators[0]?.status;
  }`,
  monitoring: `const colour: 'green' | 'yellow' | 'red' | 'blue' | undefined = (await client.GET('/api/projects/{id}/monitoring', { params: { path: { id }, query: { asOf: '2022-06-30' } } })).data?.colour;`,
  'self-evaluation': `await client.GET('/api/projects/{id}/self-evaluation', { params: { path: { id }, query: { format: 'csv' } }, parseAs: 'text' });`,
  departments: `{
    const rows = (await client.GET('/api/departments', { params: { query: { year: 2022, asOf: '2022-06-30' } } })).data?.departments;
    const weighted: number | null | undefined = rows?.[0]?.weightedScore;
    const red: number | undefined = rows?.[0]?.colours.red;
  }`,
  'department-rollup': `{
    const rollup = (await client.GET('/api/departments/{name}/{year}/rollup', { params: { path: { name: '成都市工商业联合会', year: 2022 }, query: { knownAt: '2022-07-01' } } })).data;
    const fen: number | undefined = rollup?.sources[0]?.budgetFen;
    const submitted: boolean | undefined = rollup?.projects[0]?.submitted;
    const grade: '优' | '良' | '中' | '差' | null | undefined = rollup?.grade;
  }`,
  history: `const summaries: string[] | undefined = (await client.GET('/api/projects/{id}/history', { params: { path: { id } } })).data?.entries.map((e) => e.summary);`,
  diff: `const changed: boolean | undefined = (await client.GET('/api/projects/{id}/diff', { params: { path: { id }, query: { from: '3', to: '2022-06-30' } } })).data?.changes.changed;`,
  import: `{
    const result = (await client.POST('/api/import', { params: { query: { dryRun: 'true', year: 2022 } }, body: '项目名称\\t平台建设', bodySerializer: (body) => body, headers: { 'content-type': 'text/plain' } })).data;
    const outcome: string | undefined = result?.projects[0]?.outcome.status;
  }`,
};

/** The department-year routes mirror the project commands: the same call on /api/departments/{name}/{year}. */
const departmentCall = (call: string): string =>
  call.replace("'/api/projects/{id}", "'/api/departments/{name}/{year}").replace(/path: \{ id(?=[ ,])/, 'path: { name, year');
for (const spec of PROJECT_COMMANDS) CALLS[`department-${spec.cli}`] = departmentCall(CALLS[spec.cli]!);
Object.assign(CALLS, {
  'register-department': `await client.POST('/api/departments', { body: { name, year, budget: { initial: '2550.87万元', sources: [{ name: '财政拨款', amount: '2550.87万元' }] }, displayUnit: '万元' } });`,
  'declare-tasks': `await client.PUT('/api/departments/{name}/{year}/tasks', { params: { path: { name, year } }, body: { tasks: [{ id: 't1', name: '非公经济信息建设', amounts: [{ name: '财政拨款', amount: '86万元' }] }] } });`,
  department: `{
    const department = (await client.GET('/api/departments/{name}/{year}', { params: { path: { name, year }, query: { asOf: '2022-06-30' } } })).data?.department;
    const task: string | undefined = department?.indicators[0]?.task;
    const spent: number | undefined = department?.tasks[0]?.spentFen;
  }`,
  'department-history': `const departmentSummaries: string[] | undefined = (await client.GET('/api/departments/{name}/{year}/history', { params: { path: { name, year } } })).data?.entries.map((e) => e.summary);`,
  'department-self-evaluation': `{
    const form = (await client.GET('/api/departments/{name}/{year}/self-evaluation', { params: { path: { name, year } } })).data;
    const tasks: string[] | undefined = typeof form === 'object' && form !== null && 'tasks' in form ? form.tasks.map((t) => t.name) : undefined;
  }`,
});

/** Calls the generated types must refuse: if the client were untyped, these would compile and the test fail. */
const WRONG = [
  `// @ts-expect-error a payment needs its date
  await client.POST('/api/projects/{id}/spending', { params: { path: { id } }, body: { amount: 100 } });`,
  `// @ts-expect-error an amount is a number or text, not a yes/no
  await client.POST('/api/projects/{id}/spending', { params: { path: { id } }, body: { amount: true, date: '2022-06-01' } });`,
  `// @ts-expect-error record-actual needs its indicator in the path
  await client.POST('/api/projects/{id}/indicators/{indicatorId}/actuals', { params: { path: { id } }, body: { value: 1, asOf: '2022-06-30' } });`,
  `// @ts-expect-error the scorecard's total is a number
  const total: string | undefined = (await client.GET('/api/projects/{id}/scorecard', { params: { path: { id } } })).data?.total;`,
  `// @ts-expect-error an assessment's grade is one of three
  await client.POST('/api/projects/{id}/indicators/{indicatorId}/assessment', { params: { path: { id, indicatorId: 'i2' } }, body: { grade: '优秀' } });`,
  `// @ts-expect-error no such route
  await client.GET('/api/projects/{id}/scores', { params: { path: { id } } });`,
];

t.test('a client generated from /docs/json type-checks a call to every operation', async (t) => {
  const doc = await openapiDocument();
  t.same(Object.keys(CALLS).sort(), operations(doc).map((op) => op.operationId).sort(), 'one call per operationId');
  const dir = workDir(t);
  writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(doc as never)));
  const body = [...Object.entries(CALLS).map(([name, call]) => `  // ${name}\n  ${call}`), ...WRONG.map((w) => `  ${w}`)].join('\n');
  writeFileSync(
    join(dir, 'calls.ts'),
    `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:3000', headers: { authorization: 'Bearer token' } });
const id = '52270022P00430210142W-2022';
const name = '成都市工商业联合会';
const year = 2022;

export async function callEveryOperation(): Promise<void> {
${body}
}
`,
  );
  const program = ts.createProgram([join(dir, 'calls.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const line = where && d.file ? d.file.text.split('\n')[where.line]!.trim() : '';
    return `${d.file?.fileName.split('/').pop()}:${where ? where.line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')} — ${line}`;
  });
  t.same(diagnostics, [], 'the calls type-check and every wrong call is refused');
});
