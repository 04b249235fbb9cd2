import { ZONE } from '../../../domain/time-zone.js';
import { parseDate } from '../../../domain/values/parse-date.js';
import { parseMoney } from '../../../domain/values/parse-money.js';
import { invalid, notFound, refuse } from '../../errors.js';
import type { DeclaredProject, IndicatorState, ProjectState } from '../../../domain/project/state.js';
import type { DecisionContext } from '../command.js';

/** The project must exist and its evaluation must not be submitted. */
export function requireOpen(state: ProjectState): DeclaredProject {
  const project = requireProject(state);
  if (project.status === 'submitted') {
    throw refuse('evaluation-submitted', '自评已提交，需先重新打开（evaluation/reopen）才能修改 / the evaluation is submitted; reopen it first');
  }
  return project;
}

export function requireProject(state: ProjectState): DeclaredProject {
  if (state.status === 'none') throw notFound('project-unknown', '项目不存在 / no such project');
  return state;
}

export function requireIndicator(project: DeclaredProject, id: string): IndicatorState {
  const found = project.indicators.find((i) => i.id === id);
  if (!found) {
    const known = project.indicators.map((i) => i.id).join(', ') || '（尚未申报指标）';
    throw notFound('indicator-unknown', `指标 ${id} 不存在；已有指标：${known} / no such indicator`, 'indicatorId');
  }
  return found;
}

export function money(field: string, input: string | number): number {
  const parsed = parseMoney(input);
  if (!parsed.ok) throw invalid(field, parsed.error);
  return parsed.value;
}

export function date(field: string, input: string, year?: number): string {
  const parsed = parseDate(input, year === undefined ? {} : { year });
  if (!parsed.ok) throw invalid(field, parsed.error);
  return parsed.value;
}

/**
 * A fact's business date lies inside the project year (1 January – 31 December): spending, a budget
 * adjustment, an actual's asOf and a completion date. A correction recorded in the following months is
 * dated inside the year too (its record time is later); 1900-01-01 or last year is refused.
 */
export function inProjectYear(field: string, iso: string, year: number): void {
  if (iso >= `${year}-01-01` && iso <= `${year}-12-31`) return;
  throw refuse('date-outside-project-year', `${field}: ${iso} 不在项目年度 ${year} 内 / is outside the project year ${year}`, [
    { field, message: `应在 ${year}-01-01 至 ${year}-12-31 之间` },
  ]);
}

/** Facts happen in the past: a business date after today (Asia/Shanghai) is refused. */
export function notInFuture(field: string, iso: string, ctx: DecisionContext): void {
  const today = ctx.now.setZone(ZONE).toISODate()!;
  if (iso > today) throw refuse('date-in-future', `${field}: ${iso} 晚于今天 ${today} / is after today`, [{ field, message: `晚于今天 ${today}` }]);
}

/** Declarations count from the start of the project year even when typed in later. */
export function declarationEffectiveAt(year: number, ctx: DecisionContext): string {
  const recorded = ctx.now.setZone(ZONE);
  const yearStart = `${year}-01-01T00:00:00.000+08:00`;
  return recorded.year >= year ? yearStart : recorded.toISO()!;
}

/** End of a business day, Asia/Shanghai, for effectiveAt of dated facts. */
export const dayEffectiveAt = (isoDate: string): string => `${isoDate}T00:00:00.000+08:00`;
