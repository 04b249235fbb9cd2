import { createHash } from 'node:crypto';
import { Refusal } from '../../commands/errors.js';
import { projectIdOf, projectStream } from '../../domain/project/events.js';
import { DeclareTargetsInput, DeclareTasksInput, RegisterDepartmentInput, RegisterProjectInput, SpendingPlanInput } from '../../commands/project/inputs.js';
import { departmentRef, streamOfRef } from '../../domain/project/department-stream.js';
import type { ProjectCommand } from '../../commands/project/command.js';
import type { DeclaredProject, ProjectState } from '../../domain/project/state.js';
import { formatTarget } from '../../domain/values/format.js';
import { readTargetTables, type ImportParams, type ImportSource, type ImportedProject } from '../../commands/import/read-target-tables.js';
import { handleCommand, loadFromStream, type CommandDeps } from '../commands/handle-command.js';

export type ImportOutcome = {
  /** A project's id (<code>-<year>), or a department-year's (<key>-<year>, see departmentYear). */
  id: string | null;
  /** The department-year this table is (部门整体): its name and year, and where to read it. */
  departmentYear?: { name: string; year: number; url: string };
  name: string;
  status: 'would-create' | 'would-update' | 'unchanged' | 'created' | 'updated' | 'missing' | 'refused';
  /** What the import filled in where the table and the parameters were silent (a generated code, a zero budget). */
  assumed: string[];
  /** Commands that were (or, in a dry run, would be) sent. */
  commands: string[];
  missing: string[];
  revision?: number;
  error?: { rule: string; detail: string; errors: unknown[] };
};

export type ImportResult = {
  dryRun: boolean;
  projects: Array<ImportedProject & { outcome: ImportOutcome }>;
  warnings: Awaited<ReturnType<typeof readTargetTables>>['warnings'];
  message: string;
};

/** What the importing caller may do; absent: everything (single-user mode, the CLI). */
export type ImportAccess = {
  mayRecord?: (department: string) => boolean;
  mayRead?: (department: string) => boolean;
};

/**
 * Imports target tables through the same commands as the API (same events, the importing user as actor).
 * Importing the same file again sends nothing and says so.
 */
export async function importTables(
  deps: CommandDeps,
  source: ImportSource,
  options: {
    dryRun: boolean;
    actor: string;
    params?: ImportParams;
    /** How the file is read; the HTTP server reads in a worker thread (parse-pool.ts), the CLI in-process. */
    read?: (source: ImportSource, params: ImportParams) => Promise<Awaited<ReturnType<typeof readTargetTables>>>;
  } & ImportAccess,
): Promise<ImportResult> {
  const read = await (options.read ?? readTargetTables)(source, options.params ?? {});
  const projects: ImportResult['projects'] = [];
  for (const found of read.projects) {
    projects.push({ ...found, outcome: await importOne(deps, found, options) });
  }
  const count = (s: ImportOutcome['status'][]) => projects.filter((p) => s.includes(p.outcome.status)).length;
  const message = options.dryRun
    ? `试导入：发现 ${projects.length} 个项目，${count(['would-create'])} 个将新建，${count(['would-update'])} 个将更新，${count(['unchanged'])} 个无变化，${count(['missing'])} 个缺少必要信息；${read.warnings.length} 条警告`
    : count(['created', 'updated']) === 0 && count(['unchanged']) > 0
      ? `没有变化：这些项目已按此文件导入过（${count(['unchanged'])} 个） / nothing changed: already imported`
      : `已导入：新建 ${count(['created'])} 个，更新 ${count(['updated'])} 个，无变化 ${count(['unchanged'])} 个，缺少信息 ${count(['missing'])} 个，被拒 ${count(['refused'])} 个；${read.warnings.length} 条警告`;
  return { dryRun: options.dryRun, projects, warnings: read.warnings, message };
}

async function importOne(
  deps: CommandDeps,
  found: ImportedProject,
  options: { dryRun: boolean; actor: string } & ImportAccess,
): Promise<ImportOutcome> {
  if (found.kind === 'department') return importDepartment(deps, found, options);
  const name = found.register.name;
  const { body, assumed } = fillSoftGaps(found);
  const register = RegisterProjectInput.safeParse(body);
  const hardMissing = found.missing.filter((m) => !SOFT.has(m));
  if (hardMissing.length > 0 || !register.success) {
    const missing = hardMissing.length > 0 ? found.missing : register.error!.issues.map((i) => i.path.join('.'));
    return { id: null, name, status: 'missing', commands: [], missing, assumed: [] };
  }
  const missing = found.missing;
  const id = projectIdOf(register.data.code, register.data.year);
  if (options.mayRecord && !options.mayRecord(register.data.department)) {
    const detail = `${options.actor} 无权记录「${register.data.department}」的项目 / not allowed`;
    return { id, name, status: 'refused', commands: [], missing, assumed, error: { rule: 'forbidden', detail, errors: [] } };
  }
  const stream = projectStream(id);
  // The stream is read once: the commands below decide on this state, then on the states the
  // projection steps forward (a stale one is decided again on a fresh read).
  let latest: ProjectState | undefined = await (deps.loadState ?? loadFromStream(deps.store))(stream);
  const current = latest.status === 'none' ? undefined : latest;
  if (current && current.department !== register.data.department) {
    // The code is another department's project: never re-declare its targets from this table. Its
    // department is named only to a caller who may read it; a dry run refuses alike.
    const visible = options.mayRead?.(current.department) ?? true;
    const detail = visible
      ? `编码 ${register.data.code}（${register.data.year} 年）是「${current.department}」的项目，不能按「${register.data.department}」的目标表导入 / the code belongs to another department's project`
      : `编码 ${register.data.code}（${register.data.year} 年）不能用于「${register.data.department}」的项目，请核对项目编码 / this code cannot be used for this department`;
    return { id, name, status: 'refused', commands: [], missing, assumed, error: { rule: 'code-of-another-department', detail, errors: [{ field: 'code', message: detail }] } };
  }
  const commands: ProjectCommand[] = [];
  if (!current) commands.push({ type: 'RegisterProject', input: register.data });
  const targets = DeclareTargetsInput.safeParse(found.targets);
  if (targets.success && !sameTargets(current, found)) commands.push({ type: 'DeclareTargets', input: targets.data });
  if (found.spendingPlan) {
    const plan = SpendingPlanInput.safeParse(found.spendingPlan);
    if (plan.success && !samePlan(current, plan.data.checkpoints)) commands.push({ type: 'SetSpendingPlan', input: plan.data });
  }
  const names = commands.map((c) => c.type);
  if (commands.length === 0) return { id, name, status: 'unchanged', commands: [], missing, assumed };
  if (options.dryRun) return { id, name, status: current ? 'would-update' : 'would-create', commands: names, missing, assumed };
  let revision: number | undefined;
  try {
    for (const command of commands) {
      const loaded = latest;
      latest = undefined;
      const decideOn = { ...deps, heldState: (s: string) => loaded ?? deps.heldState?.(s) };
      revision = (
        await handleCommand(decideOn, id, command, {
          actor: options.actor,
          // Checked again on the state each command is decided on (a write since the read above).
          authorize: (department) => {
            if (department !== undefined && department !== register.data.department) {
              throw new Refusal('forbidden', 'code-of-another-department', `编码 ${register.data.code} 不能用于「${register.data.department}」的项目 / this code cannot be used for this department`);
            }
          },
        })
      ).revision;
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return {
      id,
      name,
      status: 'refused',
      commands: names,
      missing,
      assumed,
      ...(revision !== undefined ? { revision } : {}),
      error: { rule: error.rule, detail: error.message, errors: error.errors },
    };
  }
  return { id, name, status: current ? 'updated' : 'created', commands: names, missing, assumed, ...(revision !== undefined ? { revision } : {}) };
}

/**
 * A 部门整体 table becomes a department-year through the department commands: register-department,
 * declare-tasks, declare-targets (only what differs from what is recorded, as for a project).
 */
async function importDepartment(
  deps: CommandDeps,
  found: ImportedProject,
  options: { dryRun: boolean; actor: string } & ImportAccess,
): Promise<ImportOutcome> {
  const { name: tableName, department: _department, ...rest } = found.register;
  const assumed: string[] = [];
  const budget = rest.budget ?? (assumed.push('预算金额缺失，按 0 元登记，请以预算调整补录全年预算数 / no budget in the table: registered as 0, record a budget adjustment'), { initial: 0 });
  const name = found.register.department ?? tableName;
  const register = RegisterDepartmentInput.safeParse({ ...rest, name, budget });
  const hardMissing = found.missing.filter((m) => m !== 'budget');
  if (hardMissing.length > 0 || !register.success) {
    const missing = hardMissing.length > 0 ? found.missing : register.error!.issues.map((i) => i.path.join('.'));
    return { id: null, name, status: 'missing', commands: [], missing, assumed: [] };
  }
  const { year } = register.data;
  const ref = departmentRef(register.data.name, year);
  const id = ref.id;
  const departmentYear = { name: register.data.name, year, url: `/api/departments/${encodeURIComponent(register.data.name)}/${year}` };
  const base = { id, departmentYear, name, missing: found.missing, assumed };
  if (options.mayRecord && !options.mayRecord(register.data.name)) {
    const detail = `${options.actor} 无权记录「${register.data.name}」 / not allowed`;
    return { ...base, status: 'refused', commands: [], error: { rule: 'forbidden', detail, errors: [] } };
  }
  let latest: ProjectState | undefined = await (deps.loadState ?? loadFromStream(deps.store))(streamOfRef(ref));
  const current = latest.status === 'none' ? undefined : latest;
  const commands: ProjectCommand[] = [];
  if (!current) commands.push({ type: 'RegisterDepartment', input: register.data });
  const tasks = found.tasks ? DeclareTasksInput.safeParse(found.tasks) : undefined;
  if (tasks?.success && !sameTasks(current, tasks.data)) commands.push({ type: 'DeclareTasks', input: tasks.data });
  const targets = DeclareTargetsInput.safeParse(found.targets);
  if (targets.success && !sameTargets(current, found)) commands.push({ type: 'DeclareTargets', input: targets.data });
  const names = commands.map((c) => c.type);
  if (commands.length === 0) return { ...base, status: 'unchanged', commands: [] };
  if (options.dryRun) return { ...base, status: current ? 'would-update' : 'would-create', commands: names };
  let revision: number | undefined;
  try {
    for (const command of commands) {
      const loaded = latest;
      latest = undefined;
      const decideOn = { ...deps, heldState: (s: string) => loaded ?? deps.heldState?.(s), awaitProjections: undefined };
      revision = (await handleCommand(decideOn, ref, command, { actor: options.actor })).revision;
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { ...base, status: 'refused', commands: names, ...(revision !== undefined ? { revision } : {}), error: { rule: error.rule, detail: error.message, errors: error.errors } };
  }
  return { ...base, status: current ? 'updated' : 'created', commands: names, ...(revision !== undefined ? { revision } : {}) };
}

function sameTasks(current: DeclaredProject | undefined, declared: DeclareTasksInput): boolean {
  const tasks = current?.tasks ?? [];
  return (
    tasks.length === declared.tasks.length &&
    declared.tasks.every((t, i) => tasks[i]?.id === (t.id ?? `t${i + 1}`) && tasks[i]?.name === t.name && (tasks[i]?.content ?? '') === (t.content ?? ''))
  );
}

function sameTargets(current: DeclaredProject | undefined, found: ImportedProject): boolean {
  if (!current || current.indicators.length !== found.preview.indicators.length) return false;
  return current.indicators.every((i, n) => {
    const p = found.preview.indicators[n];
    return p !== undefined && i.name === p.name && p.parsed !== null && formatTarget(i.originalTarget) === formatTarget(p.parsed);
  });
}

function samePlan(current: DeclaredProject | undefined, checkpoints: { month: number; cumulativePercent: number }[]): boolean {
  if (!current) return false;
  const a = JSON.stringify(current.spendingPlan);
  const b = JSON.stringify([...checkpoints].sort((x, y) => x.month - y.month));
  return a === b;
}

/** Gaps the import can fill itself; the others (name, year, department) must come from the table or the parameters. */
const SOFT = new Set(['code', 'budget']);

/**
 * A table without 项目编码 gets a stable code made from its department, year and name (so importing the
 * same file again finds the same project); one without a budget is registered with 0 元, to be set by a
 * budget adjustment. Both are reported in `assumed`.
 */
function fillSoftGaps(found: ImportedProject): { body: ImportedProject['register']; assumed: string[] } {
  const body = { ...found.register };
  const assumed: string[] = [];
  if (found.missing.includes('code') || !body.code) {
    const digest = createHash('sha256').update(`${body.department ?? ''}|${body.year ?? ''}|${body.name}`).digest('hex');
    body.code = `IMP${digest.slice(0, 12).toUpperCase()}`;
    assumed.push(`项目编码缺失，按部门、年度与名称生成 ${body.code} / no code in the table: generated ${body.code}`);
  }
  if (found.missing.includes('budget') || !body.budget) {
    body.budget = { initial: 0 };
    assumed.push('预算金额缺失，按 0 元登记，请以预算调整补录全年预算数 / no budget in the table: registered as 0, record a budget adjustment');
  }
  return { body, assumed };
}
