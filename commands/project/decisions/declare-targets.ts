import { applyWeights } from '../../../domain/scoring/weights.js';
import { invalidMany, refuse, type FieldError } from '../../errors.js';
import { parseTarget, qualitativeFromName } from '../../../domain/values/parse-target.js';
import type { Indicator } from '../../../domain/project/events.js';
import type { DeclareTargetsInput, IndicatorInput } from '../inputs.js';
import { level1Of } from '../../../domain/project/level1.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
import { declarationEffectiveAt, requireOpen } from './guards.js';

/** Declares (or, until something is recorded against it, replaces) the indicator table. */
export function declareTargets(state: ProjectState, input: DeclareTargetsInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  if (project.targetsLocked) {
    throw refuse(
      'targets-locked',
      '指标表已有实际记录，不能整表替换；请对单个指标提交目标调整（revisions） / the table has recorded facts; revise single targets instead',
    );
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const indicators: Indicator[] = [];
  input.indicators.forEach((raw, i) => {
    if (raw.task !== undefined && !project.tasks?.some((t) => t.id === raw.task)) {
      const known = project.tasks?.map((t) => t.id).join(', ') || '（尚未申报年度主要任务）';
      errors.push({
        field: `indicators[${i}].task`,
        message: project.kind === 'department' ? `第 ${i + 1} 行「${raw.name}」：任务 ${raw.task} 不存在；已有任务：${known}` : '只有部门整体的指标可以属于任务 / only a department-year has tasks',
      });
    }
    const indicator = readIndicator(raw, i, project.year, errors);
    if (!indicator) return;
    if (seen.has(indicator.id)) errors.push({ field: `indicators[${i}].key`, message: `指标标识 ${indicator.id} 重复 / duplicate key` });
    seen.add(indicator.id);
    indicators.push(indicator);
  });
  if (errors.length > 0) throw invalidMany(errors);

  const weighed = applyWeights({ indicators, policy: project.policy });
  if (weighed.errors.length > 0) {
    const option =
      project.policy.executionPoints === 'separate'
        ? '。若本表的指标分值已合计 100，可登记项目时选择 policy.executionPoints = "inOutput"（预算执行率分值计入产出指标）或 "none"（预算执行率不计分） / if the indicator points alone add up to 100, register with policy.executionPoints "inOutput" or "none"'
        : '';
    throw refuse('points-sum', weighed.errors.join('；') + option, weighed.errors.map((message: string) => ({ field: 'indicators[].points', message })));
  }
  return [{ type: 'TargetsDeclared', data: { indicators }, effectiveAt: declarationEffectiveAt(project.year, ctx) }];
}

function readIndicator(raw: IndicatorInput, i: number, year: number, errors: FieldError[]): Indicator | undefined {
  const at = (f: string) => `indicators[${i}].${f}`;
  const level1 = level1Of(raw.level1);
  if (!level1) {
    errors.push({ field: at('level1'), message: `无法识别的一级指标 "${raw.level1}"：应为 产出指标、成本指标、效益指标 或 满意度指标` });
  }
  const empty = raw.target === undefined || (typeof raw.target === 'string' && raw.target.trim() === '');
  const target = empty ? qualitativeFromName(raw.name) : parseTarget(raw.target!, { year });
  if (!target.ok) errors.push({ field: at('target'), message: target.error });
  let reference: Indicator['reference'];
  if (raw.reference !== undefined && String(raw.reference).trim() !== '') {
    const text = String(raw.reference).trim();
    const parsed = parseTarget(text, { year });
    reference = parsed.ok && parsed.value.kind === 'compare' ? { text, quantity: parsed.value.quantity } : { text };
  }
  if (!level1 || !target.ok) return undefined;
  const targetText = empty ? '' : typeof raw.target === 'string' ? raw.target.trim() : `${raw.target!.comparator}${raw.target!.value}${raw.target!.unit ?? ''}`;
  return {
    id: raw.key ?? `i${i + 1}`,
    level1Name: raw.level1,
    level1,
    level2: raw.level2,
    name: raw.name,
    target: target.value,
    targetText: targetText === '' ? target.value.kind === 'qualitative' ? target.value.text : '' : targetText,
    ...(raw.standard ? { standard: raw.standard } : {}),
    ...(reference ? { reference } : {}),
    ...(raw.explanation ? { explanation: raw.explanation } : {}),
    ...(raw.scoringNote ? { scoringNote: raw.scoringNote } : {}),
    ...(raw.points !== undefined ? { points: raw.points } : {}),
    ...(raw.task !== undefined ? { task: raw.task } : {}),
  };
}
