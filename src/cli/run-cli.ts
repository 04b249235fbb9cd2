import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Refusal, STATUS_OF } from '../../commands/errors.js';
import { projectIdOf } from '../../domain/project/events.js';
import { systemClock, type Clock } from '../clock.js';
import { ConfigError, loadConfig } from '../config.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { ProjectService } from '../application/project-service.js';
import { pointOf } from '../queries/point-in-time.js';
import { SELF_EVALUATION_FORMATS, type SelfEvaluationFormat } from '../../projections/reports/self-evaluation-file.js';
import { ALL_COMMANDS } from '../../commands/project/catalog.js';
import { runImport } from './import-command.js';
import { departmentRef, type YearRef } from '../../domain/project/department-stream.js';
import {
  DEPARTMENT_SELF_EVALUATION_FORMATS,
  type DepartmentSelfEvaluationFormat,
} from '../../projections/reports/department-self-evaluation/department-self-evaluation-file.js';
import { importSummary, nothingRecordable } from './import-summary.js';
import { GRADE_LABELS } from '../../domain/scoring/grade.js';
import { MONITORING_FORM_FORMATS, type MonitoringFormFormat } from '../../projections/reports/monitoring-form/monitoring-form-file.js';

export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
  clock?: Clock;
};

const USAGE = `用法 / usage:
  jixiao <command> --project <code-year> [--indicator <id>] --json <file|-> [--actor <name>] [--if-match <revision>]
  jixiao register --json <file|->
  jixiao register-department --json <file|->          a department-year (部门整体): {name, year, budget, goals, displayUnit}
  jixiao <command> --department 名称 --year 2022 ...    any command above on a department-year, in place of --project (declare-tasks too)
  jixiao department|department-history --department 名称 --year 2022 [--as-of DATE | --known-at TIME | --revision N]
  jixiao department-self-evaluation --department 名称 --year 2022 [--format json|xlsx|html] [--out FILE] [--as-of DATE …]
  jixiao scorecard|monitoring|forecast|state --project <id> [--as-of DATE | --known-at TIME | --revision N]
  jixiao self-evaluation --project <id> [--format json|csv|xlsx|html] [--out FILE] [--as-of DATE | --known-at TIME | --revision N]
  jixiao monitoring-form --project <id> --month N [--format json|xlsx|html] [--out FILE]
  jixiao history --project <id> [--from DATE] [--to DATE]
  jixiao diff --project <id> --from <revision|date|time> --to <revision|date|time>
  jixiao list [--department 名称] [--year 2022] [--colour green|yellow|red|blue] [--forecast-grade 优|良|中|差]
  jixiao departments --year 2022 [--as-of DATE | --known-at TIME]
  jixiao department-rollup --department 名称 --year 2022 [--as-of DATE | --known-at TIME]
  jixiao import <file> [--dry-run] [--json] [--year 2022] [--department 名称] [--code 编码] [--budget 50万元]
                            prints a summary table; --json adds the whole answer as JSON
  jixiao rebuild            replay all projections from position 0
commands (the bodies of the HTTP API):
${ALL_COMMANDS.map((c) => `  ${c.cli.padEnd(27)}${c.summary}`).join('\n')}
environment: JIXIAO_DB, EVENTSTORE_CONNECTION_STRING, JIXIAO_ACTOR`;

const HELP_HINT = '用法见 jixiao --help / see jixiao --help';

const COLOURS = ['green', 'yellow', 'red', 'blue'] as const;

/** The CLI as a function (exit code), so tests drive it like a user does. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: importJsonFlag(argv),
      allowPositionals: true,
      options: {
        project: { type: 'string' },
        indicator: { type: 'string' },
        json: { type: 'string' },
        actor: { type: 'string' },
        'if-match': { type: 'string' },
        'as-of': { type: 'string' },
        'known-at': { type: 'string' },
        revision: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'print-json': { type: 'boolean' },
        year: { type: 'string' },
        department: { type: 'string' },
        code: { type: 'string' },
        budget: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        colour: { type: 'string' },
        'forecast-grade': { type: 'string' },
        month: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`错误：${argumentProblem(error as Error & { code?: string })}\n${HELP_HINT}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const name = positionals[0];
  if (!name || values.help) {
    (values.help ? io.stdout : io.stderr)(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const clock = io.clock ?? systemClock;
  const actor = values.actor ?? io.env.JIXIAO_ACTOR ?? io.env.USER ?? 'local';
  const out = (value: unknown) => io.stdout(`${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`);
  /** A filed form: its table as JSON, its file into --out, or html on stdout (xlsx needs --out). */
  const printReport = (answer: { format: 'json'; table: unknown } | { format: string; body: string | Buffer }, file: string | undefined) => {
    if ('table' in answer) out(answer.table);
    else if (file !== undefined) {
      writeFileSync(file, answer.body);
      out({ file, format: answer.format, bytes: Buffer.byteLength(answer.body) });
    } else if (answer.format === 'xlsx') throw usage('xlsx 须以 --out 指定文件 / xlsx needs --out FILE');
    else io.stdout(answer.body as string);
  };

  let runtime: Runtime | undefined;
  try {
    // A file that cannot be read is said before the store is opened (and created).
    if (name === 'import' && positionals[1]) mustBeReadableFile(positionals[1]);
    if (values.json !== undefined && values.json !== '-') mustBeReadableFile(values.json);
    runtime = await openRuntime(config);
    const service = new ProjectService({ ...runtime, clock });
    if (name === 'rebuild') {
      const started = performance.now();
      const result = await service.rebuild();
      out({ rebuilt: result.events, position: result.position.toString(), ms: Math.round(performance.now() - started) });
      return 0;
    }
    if (name === 'import') {
      const file = positionals[1];
      if (!file) throw usage('import 需要文件路径 / a file is required');
      const year = yearOf(values.year);
      const result = await runImport(service, {
        file,
        dryRun: values['dry-run'] === true,
        actor,
        params: {
          ...(year !== undefined ? { year } : {}),
          ...(values.department ? { department: values.department } : {}),
          ...(values.code ? { code: values.code } : {}),
          ...(values.budget ? { budget: values.budget } : {}),
        },
      });
      io.stdout(importSummary(result));
      if (values['print-json']) out(result);
      return nothingRecordable(result) ? 1 : 0;
    }
    if (name === 'list') {
      const colour = values.colour;
      if (colour !== undefined && !(COLOURS as readonly string[]).includes(colour)) throw usage(`--colour 应为 ${COLOURS.join('|')}`);
      const year = yearOf(values.year);
      const forecastGrade = values['forecast-grade'];
      if (forecastGrade !== undefined && !(GRADE_LABELS as readonly string[]).includes(forecastGrade)) throw usage(`--forecast-grade 应为 ${GRADE_LABELS.join('|')}`);
      out(await service.list({
        ...(values.department ? { department: values.department } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(colour ? { colour: colour as (typeof COLOURS)[number] } : {}),
        ...(forecastGrade ? { forecastGrade: forecastGrade as (typeof GRADE_LABELS)[number] } : {}),
      }));
      return 0;
    }
    if (name === 'departments' || name === 'department-rollup') {
      const year = Number(required(values.year, '--year'));
      if (!Number.isInteger(year)) throw usage('--year 应为年度，如 2022');
      if (values.revision !== undefined) throw usage('部门汇总没有单一的版本号：请用 --as-of 或 --known-at');
      const point = pointOf({ asOf: values['as-of'], knownAt: values['known-at'] });
      if (name === 'departments') out(await service.departments(year, point));
      else out(await service.departmentRollup(required(values.department, '--department'), year, point));
      return 0;
    }
    if (name === 'monitoring-form') {
      const projectId = required(values.project, '--project');
      const month = Number(required(values.month, '--month'));
      if (!Number.isInteger(month) || month < 1 || month > 12) throw usage('--month 应为 1–12 的月份');
      const format = values.format ?? 'json';
      if (!(MONITORING_FORM_FORMATS as readonly string[]).includes(format)) throw usage(`--format 应为 ${MONITORING_FORM_FORMATS.join('|')}`);
      const answer = await service.monitoringForm(projectId, month, format as MonitoringFormFormat);
      printReport(answer, values.out);
      return 0;
    }
    if (name === 'history') {
      out((await service.history(required(values.project, '--project'), { from: values.from, to: values.to })).entries);
      return 0;
    }
    if (name === 'diff') {
      out(await service.diff(required(values.project, '--project'), required(values.from, '--from'), required(values.to, '--to')));
      return 0;
    }
    if (name === 'department' || name === 'department-history' || name === 'department-self-evaluation') {
      const department = required(values.department, '--department');
      const year = yearOf(required(values.year, '--year'));
      const point = pointOf({ asOf: values['as-of'], knownAt: values['known-at'], revision: values.revision });
      if (name === 'department') out((await service.department(department, year, point)).department);
      else if (name === 'department-history') out((await service.history(departmentRef(department, year), { from: values.from, to: values.to })).entries);
      else {
        const format = values.format ?? 'json';
        if (!(DEPARTMENT_SELF_EVALUATION_FORMATS as readonly string[]).includes(format)) throw usage(`--format 应为 ${DEPARTMENT_SELF_EVALUATION_FORMATS.join('|')}`);
        const answer = await service.departmentSelfEvaluation(department, year, point, format as DepartmentSelfEvaluationFormat);
        printReport(answer, values.out);
      }
      return 0;
    }
    if (name === 'scorecard' || name === 'monitoring' || name === 'forecast' || name === 'state' || name === 'self-evaluation') {
      const projectId = required(values.project, '--project');
      const point = pointOf({ asOf: values['as-of'], knownAt: values['known-at'], revision: values.revision });
      if (name === 'scorecard') out(await service.scorecard(projectId, point));
      else if (name === 'monitoring') out(await service.monitoring(projectId, point));
      else if (name === 'forecast') out(await service.forecast(projectId, point));
      else if (name === 'state') out((await service.project(projectId, point)).project);
      else {
        const format = values.format ?? 'json';
        if (!(SELF_EVALUATION_FORMATS as readonly string[]).includes(format)) throw usage(`--format 应为 ${SELF_EVALUATION_FORMATS.join('|')}`);
        const answer = await service.selfEvaluation(projectId, point, format as SelfEvaluationFormat);
        printReport(answer, values.out);
      }
      return 0;
    }
    const spec = ALL_COMMANDS.find((c) => c.cli === name);
    if (!spec) throw usage(`未知命令 ${name} / unknown command`);
    const text = values.json === undefined || values.json === '-' ? await io.readStdin() : readFileSync(values.json, 'utf8');
    let body: unknown;
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new Refusal('invalid', 'invalid-json', `--json 不是有效的 JSON：${(error as Error).message}`);
    }
    const commandFor = spec.withSchema((schema, build) => {
      const input = schema.safeParse(body);
      if (!input.success) {
        const errors = input.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message }));
        throw new Refusal('invalid', 'invalid-input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
      }
      return (indicatorId: string) => build(input.data, indicatorId);
    });
    const command = commandFor(spec.needsIndicator ? required(values.indicator, '--indicator') : '');
    const projectId: string | YearRef =
      command.type === 'RegisterProject'
        ? projectIdOf(command.input.code, command.input.year)
        : command.type === 'RegisterDepartment'
          ? departmentRef(command.input.name, command.input.year)
          : values.department !== undefined && values.project === undefined
            ? departmentRef(values.department, yearOf(required(values.year, '--year')))
            : required(values.project, '--project');
    const ifMatch = values['if-match'];
    const result = await service.execute(projectId, command, {
      actor,
      ...(ifMatch !== undefined ? { expectedRevision: Number(ifMatch) } : {}),
    });
    out({ id: result.id, revision: result.revision });
    return 0;
  } catch (error) {
    if (error instanceof Refusal && error.rule === 'usage') {
      io.stderr(`错误：${error.message}\n${HELP_HINT}\n`);
      return 2;
    }
    const fileProblem = fileProblemOf(error);
    if (fileProblem) {
      io.stderr(`错误：${fileProblem}\n`);
      return 2;
    }
    if (error instanceof Refusal) {
      io.stderr(`${JSON.stringify({ status: STATUS_OF[error.kind], rule: error.rule, detail: error.message, errors: error.errors }, null, 2)}\n`);
      return error.rule === 'usage' ? 2 : 1;
    }
    io.stderr(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

const usage = (message: string) => new Refusal('invalid', 'usage', message);

/** `--json` after `import` asks for the JSON answer (elsewhere it names the body's file). */
function importJsonFlag(argv: string[]): string[] {
  const command = argv.find((a) => !a.startsWith('-'));
  return command === 'import' ? argv.map((a) => (a === '--json' ? '--print-json' : a)) : argv;
}

/** A year as the commands take it (2000–2100), or a usage error: a bad --year is refused, not dropped. */
function yearOf(text: string): number;
function yearOf(text: string | undefined): number | undefined;
function yearOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || year < 2000 || year > 2100) throw usage(`--year 应为 2000–2100 之间的年度，如 2022，而不是 "${text}"`);
  return year;
}

/** node:util parseArgs's messages, said in the user's words. */
function argumentProblem(error: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `没有 ${option} 这个选项 / unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(error.message) ? `选项 ${option} 后面需要一个值 / ${option} needs a value` : `选项 ${option} 不接受值 / ${option} takes no value`;
    default:
      return error.message;
  }
}

function mustBeReadableFile(path: string): void {
  if (statSync(path).isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR', path });
  closeSync(openSync(path, 'r'));
}

/** A file that cannot be read (missing, a directory, not allowed): said in one line, no stack trace. */
function fileProblemOf(error: unknown): string | undefined {
  const e = error as { code?: string; path?: string };
  if (typeof e?.code !== 'string' || typeof e.path !== 'string') return undefined;
  const what: Record<string, string> = {
    ENOENT: '找不到文件 / no such file',
    EISDIR: '这是一个目录，不是文件 / is a directory',
    EACCES: '没有权限读取 / permission denied',
    EPERM: '没有权限 / not permitted',
  };
  return what[e.code] ? `${what[e.code]}：${e.path}` : undefined;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw usage(`缺少 ${flag} / ${flag} is required`);
  return value;
}

const formatPath = (path: PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'body';
