import { IndicatorInput, type SpendingPlanInput } from '../project/inputs.js';
import { displayTarget } from '../../domain/values/display.js';
import { parseMoney } from '../../domain/values/parse-money.js';
import { parsePeriod, periodWarnings } from '../../domain/values/parse-period.js';
import { parseTarget, qualitativeFromName } from '../../domain/values/parse-target.js';
import { TEXT_LIMITS } from '../project/limits.js';
import type { Warnings } from './grid.js';
import type { RawTable } from './raw-table.js';
import { asDepartment } from './build-department.js';
import type { ImportedProject, ImportParams, PreviewIndicator } from './types.js';

const CODE_RE = /^[A-Za-z0-9_\-.]+$/;

/**
 * Turns a table as read into command bodies. What the table lacks comes from the params; what neither
 * gives is listed in `missing`. Targets are parsed only to preview them and to warn about the cells that
 * do not parse: the commands receive the text as printed and parse it themselves.
 */
/** 项目实施期 as printed, when it reads as two months; a reversed one is kept (and warned about once recorded). */
function periodOfTable(table: RawTable, year: number | undefined, warnings: Warnings): { implementationPeriod: string } | undefined {
  if (!table.period) return undefined;
  const parsed = parsePeriod(table.period.value);
  if (!parsed.ok) {
    warnings.add(table.period.place, table.period.value, parsed.error);
    return undefined;
  }
  if (year !== undefined) for (const w of periodWarnings(parsed.value, year)) warnings.add(table.period.place, table.period.value, w);
  return { implementationPeriod: table.period.value };
}

export function buildProject(table: RawTable, params: ImportParams, onlyProject: boolean, warnings: Warnings): ImportedProject {
  const missing: string[] = [];
  const department = table.kind === 'department' ? table.deptName?.value.replace(/部门$/, '') : undefined;
  const name = projectName(table);
  if (!name) {
    missing.push('name');
    warnings.add(table.place, table.title ?? '', '未找到项目名称 / no project name found');
  }

  const year = fromTableOrParam('year', table.titleYear ?? table.year?.value ?? table.periodYear?.value, params.year, warnings, table.place);
  const dept = departmentOf(
    table.department?.value ?? department ?? table.deptName?.value ?? table.reportingBody?.value.replace(/^\d+\s*/, ''),
    params.department,
    warnings,
    table.place,
  );
  let code = table.code?.value;
  if (code !== undefined && (!CODE_RE.test(code) || code.length > TEXT_LIMITS.code)) {
    warnings.add(
      table.code!.place,
      code,
      `项目编码只能包含字母、数字、-、_、.，最多 ${TEXT_LIMITS.code} 个字符，未使用 / a project code has letters, digits, -, _, . and at most ${TEXT_LIMITS.code} characters: not used`,
    );
    code = undefined;
  }
  code ??= onlyProject ? params.code : undefined;

  let budget = table.budget ? withUnit(table.budget.value.text, table.budget.value.unit ?? table.moneyUnit) : undefined;
  if (budget === undefined && onlyProject && params.budget !== undefined) budget = String(params.budget);
  const budgetFen = budget === undefined ? undefined : parseMoney(budget);
  if (budgetFen && !budgetFen.ok) {
    warnings.add(table.budget?.place ?? table.place, budget ?? '', budgetFen.error);
    budget = undefined;
  }
  const sources = table.sources.map((s) => ({ name: s.value.name, amount: withUnit(s.value.text, s.value.unit ?? table.moneyUnit) }));

  for (const [field, value] of [['code', code], ['year', year], ['department', dept], ['budget', budget]] as const) {
    if (value === undefined) missing.push(field);
  }

  const goals = table.kind === 'department' ? undefined : goalsOf(table);
  const register: ImportedProject['register'] = {
    name: name ?? `未命名项目（${table.place}）`,
    ...(code !== undefined ? { code } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(dept !== undefined ? { department: dept } : {}),
    ...(table.unit ? { unit: table.unit.value } : {}),
    ...(budget !== undefined ? { budget: { initial: budget, ...(sources.length > 0 ? { sources } : {}) } } : {}),
    ...(goals ? { goals } : {}),
    ...(periodOfTable(table, year, warnings) ?? {}),
    // The form's 单位 line: its amounts print in that unit (元 or 万元; others print in 元).
    ...(table.moneyUnit === '万元' || table.moneyUnit === '元' ? { displayUnit: table.moneyUnit } : {}),
  };

  const { inputs, preview } = indicatorsOf(table, year, warnings);
  if (inputs.length === 0) warnings.add(table.place, table.title ?? register.name, '此表没有可导入的指标 / no indicators found in this table');
  const spendingPlan = planOf(table, warnings);
  const project: ImportedProject = {
    register,
    targets: { indicators: inputs },
    ...(spendingPlan ? { spendingPlan } : {}),
    missing,
    preview: { indicators: preview, ...(budgetFen?.ok ? { budgetFen: budgetFen.value } : {}) },
    source: { place: table.place },
  };
  return table.kind === 'department' ? asDepartment(project, table, warnings) : project;
}

function projectName(table: RawTable): string | undefined {
  if (table.kind === 'department' && table.deptName) {
    const dept = table.deptName.value;
    return dept.endsWith('部门') ? `${dept}整体支出` : `${dept}部门整体支出`;
  }
  if (table.name) return table.name.value;
  // "1.残疾人保障金绩效目标表" names its project; "预算项目绩效目标表" does not.
  const fromTitle = table.title
    ?.normalize('NFKC')
    .replace(/^\s*\d+[.、]\s*/, '')
    .replace(/(?:预算)?(?:项目)?(?:支出)?绩效(?:目标|信息|指标)(?:申报)?表.*$/, '')
    .replace(/^\d{4}\s*年度?/, '')
    .trim();
  return fromTitle || table.deptName?.value;
}

function fromTableOrParam<T extends string | number>(field: string, inTable: T | undefined, param: T | undefined, warnings: Warnings, place: string): T | undefined {
  if (inTable !== undefined && param !== undefined && inTable !== param) {
    warnings.add(place, String(inTable), `参数 ${field}=${param} 与表中的 "${inTable}" 不同，采用表中的值 / param ${field} differs from the table: the table's value is used`);
  }
  return inTable ?? param;
}

/**
 * The department parameter beats the table (docs/domain.md §10): a 预算部门 cell often holds a
 * functional classification (行政政法) rather than the department, and the caller knows whose tables
 * these are. A table that names another one is said in a warning.
 */
function departmentOf(inTable: string | undefined, param: string | undefined, warnings: Warnings, place: string): string | undefined {
  if (inTable !== undefined && param !== undefined && inTable !== param) {
    warnings.add(place, inTable, `表中的部门 "${inTable}" 与参数 department=${param} 不同，采用参数 / the department parameter is used, not the table's`);
  }
  return param ?? inTable;
}

/** "14" on a form in 万元 is "14万元"; an amount that names its unit keeps it. */
function withUnit(text: string, unit: string | undefined): string {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/,/g, '');
  if (/[元万亿]$/.test(t) || unit === undefined) return t;
  return `${t}${unit}`;
}

function goalsOf(table: RawTable): { annual?: string; longTerm?: string } | undefined {
  const tasks = table.tasks.map((task) => [task.name, task.content].filter((s) => s !== '').join('——'));
  const annual = [...table.goalsAnnual, ...(tasks.length > 0 ? ['年度主要任务：', ...tasks] : [])].join('\n');
  const longTerm = table.goalsLongTerm.join('\n');
  if (annual === '' && longTerm === '') return undefined;
  return { ...(annual !== '' ? { annual } : {}), ...(longTerm !== '' ? { longTerm } : {}) };
}

function indicatorsOf(table: RawTable, year: number | undefined, warnings: Warnings): { inputs: IndicatorInput[]; preview: PreviewIndicator[] } {
  const inputs: IndicatorInput[] = [];
  const preview: PreviewIndicator[] = [];
  for (const raw of table.indicators) {
    if (raw.target === undefined && !raw.qualitative) {
      warnings.add(raw.targetPlace, raw.name, '目标值为空：按定性指标处理，以指标名称为目标 / empty target: taken as qualitative, the name states the aim');
    }
    const parsed = raw.target === undefined ? qualitativeFromName(raw.name) : parseTarget(raw.target, year !== undefined ? { year } : {});
    if (!parsed.ok) warnings.add(raw.targetPlace, raw.rawTarget, parsed.error);
    const input = {
      level1: raw.level1,
      level2: raw.level2,
      name: raw.name,
      ...(raw.target !== undefined ? { target: raw.target } : {}),
      ...(raw.standard !== undefined ? { standard: raw.standard } : {}),
      ...(raw.reference !== undefined ? { reference: raw.reference } : {}),
      ...(raw.explanation !== undefined ? { explanation: raw.explanation } : {}),
      ...(raw.scoringNote !== undefined ? { scoringNote: raw.scoringNote } : {}),
      ...(raw.points !== undefined ? { points: raw.points } : {}),
    };
    const checked = IndicatorInput.safeParse(input);
    if (!checked.success) {
      const why = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('；');
      warnings.add(raw.targetPlace, raw.name, `指标不完整，未导入：${why} / indicator incomplete, not imported`);
      continue;
    }
    inputs.push(checked.data);
    preview.push({
      level1: raw.level1,
      level2: raw.level2,
      name: raw.name,
      target: raw.rawTarget,
      place: raw.targetPlace,
      parsed: parsed.ok ? parsed.value : null,
      display: parsed.ok ? displayTarget(parsed.value, raw.rawTarget) : null,
      ...(raw.standard !== undefined ? { standard: raw.standard } : {}),
    });
  }
  return { inputs, preview };
}

/** The plan's cells as cumulative percentages; an impossible plan is reported and left out, not half-sent. */
function planOf(table: RawTable, warnings: Warnings): SpendingPlanInput | undefined {
  if (table.plan.length === 0) return undefined;
  const checkpoints = table.plan
    .map((p) => ({ month: p.value.month, cumulativePercent: Number(p.value.text.normalize('NFKC').replace(/[%\s]/g, '')), place: p.place, raw: p.value.text }))
    .sort((a, b) => a.month - b.month);
  for (const [i, c] of checkpoints.entries()) {
    const before = checkpoints[i - 1];
    const problem =
      !Number.isFinite(c.cumulativePercent) || c.cumulativePercent < 0 || c.cumulativePercent > 100
        ? '支出计划的累计比例应在 0–100% 之间 / a cumulative share is between 0 and 100%'
        : before && before.month === c.month
          ? `${c.month}月出现两次 / month given twice`
          : before && c.cumulativePercent < before.cumulativePercent
            ? `累计支出比例不能下降（${before.month}月 ${before.cumulativePercent}% → ${c.month}月 ${c.cumulativePercent}%） / cumulative shares must not decrease`
            : undefined;
    if (problem) {
      warnings.add(c.place, c.raw, `${problem}；支出计划未导入 / spending plan not imported`);
      return undefined;
    }
  }
  return { checkpoints: checkpoints.map(({ month, cumulativePercent }) => ({ month, cumulativePercent })) };
}
