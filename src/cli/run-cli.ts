import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CommandRefused, STATUS_OF } from '../../commands/errors.js';
import { projectIdOf } from '../../domain/project/events.js';
import { systemClock, type Clock } from '../clock.js';
import { ConfigError, loadConfig } from '../config.js';
import { handleCommand } from '../commands/handle-command.js';
import { openRuntime, type Runtime } from '../runtime.js';
import { ProjectQueries } from '../queries/project-queries.js';
import { pointOf } from '../queries/point-in-time.js';
import { ALL_COMMANDS } from '../../commands/project/catalog.js';
import { runImport } from './import-command.js';

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
  jixiao scorecard|monitoring|state --project <id> [--as-of DATE | --known-at TIME | --revision N]
  jixiao history --project <id>
  jixiao import <file> [--dry-run] [--year 2022] [--department 名称] [--code 编码] [--budget 50万元]
  jixiao rebuild            replay all projections from position 0
commands: ${ALL_COMMANDS.map((c) => `${c.cli} (${c.summary})`).join(', ')}
environment: JIXIAO_DB, EVENTSTORE_CONNECTION_STRING, JIXIAO_ACTOR`;

/** The CLI as a function (exit code), so tests drive it like a user does. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
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
        year: { type: 'string' },
        department: { type: 'string' },
        code: { type: 'string' },
        budget: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}\n`);
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

  let runtime: Runtime | undefined;
  try {
    runtime = await openRuntime(config);
    const queries = new ProjectQueries(runtime.store, runtime.readDb, clock, runtime.states);
    if (name === 'rebuild') {
      const started = performance.now();
      const result = await runtime.runner.rebuild();
      out({ rebuilt: result.events, position: result.position.toString(), ms: Math.round(performance.now() - started) });
      return 0;
    }
    if (name === 'import') {
      const file = positionals[1];
      if (!file) throw usage('import 需要文件路径 / a file is required');
      const result = await runImport(runtime, clock, {
        file,
        dryRun: values['dry-run'] === true,
        actor,
        params: {
          ...(values.year ? { year: Number(values.year) } : {}),
          ...(values.department ? { department: values.department } : {}),
          ...(values.code ? { code: values.code } : {}),
          ...(values.budget ? { budget: values.budget } : {}),
        },
      });
      out(result);
      return 0;
    }
    if (name === 'scorecard' || name === 'monitoring' || name === 'state' || name === 'history') {
      const projectId = required(values.project, '--project');
      const point = pointOf({ asOf: values['as-of'], knownAt: values['known-at'], revision: values.revision });
      if (name === 'scorecard') out(await queries.scorecard(projectId, point));
      else if (name === 'monitoring') out(await queries.monitoring(projectId, point));
      else if (name === 'state') out((await queries.at(projectId, point)).project);
      else {
        const { historyEntries } = await import('../../projections/reports/history.js');
        out(historyEntries(await queries.events(projectId)));
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
      throw new CommandRefused('invalid', 'invalid-json', `--json 不是有效的 JSON：${(error as Error).message}`);
    }
    const input = spec.schema.safeParse(body);
    if (!input.success) {
      const errors = input.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message }));
      throw new CommandRefused('invalid', 'invalid-input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
    }
    const indicatorId = spec.needsIndicator ? required(values.indicator, '--indicator') : '';
    const projectId =
      name === 'register' ? projectIdOf((input.data as { code: string }).code, (input.data as { year: number }).year) : required(values.project, '--project');
    const ifMatch = values['if-match'];
    const result = await handleCommand(
      { store: runtime.store, clock, awaitProjections: (p) => runtime!.runner.waitFor(p) },
      projectId,
      spec.command(input.data as never, indicatorId),
      { actor, ...(ifMatch !== undefined ? { expectedRevision: Number(ifMatch) } : {}) },
    );
    out({ id: result.id, revision: result.revision });
    return 0;
  } catch (error) {
    if (error instanceof CommandRefused) {
      io.stderr(`${JSON.stringify({ status: STATUS_OF[error.kind], rule: error.rule, detail: error.message, errors: error.errors }, null, 2)}\n`);
      return error.rule === 'usage' ? 2 : 1;
    }
    io.stderr(`${(error as Error).stack ?? String(error)}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

const usage = (message: string) => new CommandRefused('invalid', 'usage', `${message}\n${USAGE}`);

function required(value: string | undefined, flag: string): string {
  if (!value) throw usage(`缺少 ${flag} / ${flag} is required`);
  return value;
}

const formatPath = (path: PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || 'body';
