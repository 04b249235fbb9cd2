import { invalid, refuse } from '../../errors.js';
import { parsePeriod } from '../../../domain/values/parse-period.js';
import type { DeclaredProject, ProjectState } from '../../../domain/project/state.js';
import type {
  DescribeAchievementsInput,
  OverrideExecutionScoreInput,
  ReviseGoalsInput,
  SetDisplayUnitInput,
  SetImplementationPeriodInput,
} from '../form-inputs.js';
import type { Decided, DecisionContext } from '../command.js';
import { applyWeights } from '../../../domain/scoring/weights.js';
import { date, requireOpen } from './guards.js';

/** 年度总体目标 (and 长期目标) revised with a reason; the previous text stays in the event. */
export function reviseGoals(state: ProjectState, input: ReviseGoalsInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const goals = {
    ...((input.annual ?? project.goals.annual) ? { annual: input.annual ?? project.goals.annual } : {}),
    ...((input.longTerm ?? project.goals.longTerm) ? { longTerm: input.longTerm ?? project.goals.longTerm } : {}),
  };
  if (goals.annual === project.goals.annual && goals.longTerm === project.goals.longTerm) {
    throw refuse('goals-unchanged', '目标与现有内容相同 / the goals already read so', [{ field: 'annual', message: '与现值相同' }]);
  }
  return [{ type: 'GoalsRevised', data: { goals, previous: project.goals, reason: input.reason }, reason: input.reason }];
}

/** 实际完成情况 written by the department; replacing a text already written is a correction and needs a reason. */
export function describeAchievements(state: ProjectState, input: DescribeAchievementsInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const previous = project.achievements?.text;
  if (previous !== undefined && !input.reason) {
    throw invalid('reason', '已填写实际完成情况，修改须说明原因（reason） / replacing the text needs a reason');
  }
  if (previous === input.text) throw refuse('achievements-unchanged', '实际完成情况与现有内容相同 / unchanged', [{ field: 'text', message: '与现值相同' }]);
  return [
    {
      type: 'AchievementsDescribed',
      data: { text: input.text, ...(previous !== undefined ? { previousText: previous } : {}), ...(input.reason ? { reason: input.reason } : {}) },
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}

/** An assessor's 预算执行率 score in [0, execution weight], with a reason; the computed score stays visible. */
export function overrideExecutionScore(state: ProjectState, input: OverrideExecutionScoreInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const w = applyWeights(project).weights.execution;
  if (input.score > w + 1e-9) {
    throw refuse('score-above-points', `得分 ${input.score} 超过预算执行率分值 ${w}`, [{ field: 'score', message: `应在 [0, ${w}] 内` }]);
  }
  return [{ type: 'ExecutionScoreOverridden', data: { score: input.score, reason: input.reason }, reason: input.reason }];
}

/** The period as first and last day; text as written is kept. Refuses only what cannot be read. */
export function periodOf(field: string, input: SetImplementationPeriodInput['period']): { start: string; end: string; text?: string } {
  if (typeof input === 'string') {
    const parsed = parsePeriod(input);
    if (!parsed.ok) throw invalid(field, parsed.error);
    return { ...parsed.value, text: input };
  }
  return { start: date(`${field}.start`, input.start), end: date(`${field}.end`, input.end) };
}

/** 项目实施期; a reversed or implausible one is recorded and warned about (scorecard warnings). */
export function setImplementationPeriod(state: ProjectState, input: SetImplementationPeriodInput, _ctx: DecisionContext): Decided[] {
  const project: DeclaredProject = requireOpen(state);
  const period = periodOf('period', input.period);
  const previous = project.implementationPeriod;
  if (previous && !input.reason) throw invalid('reason', '已登记项目实施期，修改须说明原因（reason） / changing the period needs a reason');
  if (previous && previous.start === period.start && previous.end === period.end) {
    throw refuse('period-unchanged', `项目实施期已是 ${period.start} 至 ${period.end} / unchanged`, [{ field: 'period', message: '与现值相同' }]);
  }
  return [
    {
      type: 'ImplementationPeriodSet',
      data: { period, ...(previous ? { previous } : {}), ...(input.reason ? { reason: input.reason } : {}) },
      ...(input.reason ? { reason: input.reason } : {}),
    },
  ];
}

/** The money unit the forms print: 元 or 万元. */
export function setDisplayUnit(state: ProjectState, input: SetDisplayUnitInput, _ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  if (project.displayUnit === input.unit) throw refuse('unit-unchanged', `金额单位已是 ${input.unit} / unchanged`, [{ field: 'unit', message: '与现值相同' }]);
  return [{ type: 'DisplayUnitSet', data: { unit: input.unit, previous: project.displayUnit } }];
}
