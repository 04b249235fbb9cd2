import { Refusal, invalid, refuse } from '../../errors.js';
import type { RegisterProjectInput } from '../inputs.js';
import { PolicySchema } from '../../../domain/project/policy.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { Decided, DecisionContext } from '../command.js';
import { declarationEffectiveAt, money } from './guards.js';
import { periodOf } from './form-facts.js';

export function registerProject(state: ProjectState, input: RegisterProjectInput, ctx: DecisionContext): Decided[] {
  if (state.status !== 'none') {
    throw new Refusal('conflict', 'project-exists', `项目 ${input.code}-${input.year} 已存在 / the project already exists`);
  }
  const initialFen = money('budget.initial', input.budget.initial);
  if (initialFen < 0) throw invalid('budget.initial', '年初预算数不能为负 / the budget cannot be negative');
  const sources = (input.budget.sources ?? []).map((s, i) => ({ name: s.name, fen: money(`budget.sources[${i}].amount`, s.amount) }));
  if (sources.length > 0) {
    const sum = sources.reduce((a, s) => a + s.fen, 0);
    if (sum !== initialFen) {
      throw refuse('sources-sum', `资金来源合计 ${sum / 100} 元 ≠ 年初预算数 ${initialFen / 100} 元 / sources do not add up to the budget`, [
        { field: 'budget.sources', message: `合计 ${sum / 100} 元，应为 ${initialFen / 100} 元` },
      ]);
    }
  }
  const policy = PolicySchema.parse(input.policy ?? {});
  if (policy.weights) {
    const w = policy.weights;
    const sum = w.execution + w.output + (w.cost ?? 0) + w.benefit + w.satisfaction;
    if (Math.abs(sum - 100) > 1e-9) {
      throw refuse('weights-sum', `权重合计 ${sum}，应为 100 / weights must add up to 100`, [
        {
          field: 'policy.weights',
          message: `预算执行率 ${w.execution} + 产出 ${w.output}${w.cost !== undefined ? ` + 成本 ${w.cost}` : ''} + 效益 ${w.benefit} + 满意度 ${w.satisfaction} = ${sum}，应为 100`,
        },
      ]);
    }
  }
  const thresholds = policy.grades;
  if (!(thresholds.excellent > thresholds.good && thresholds.good > thresholds.fair)) {
    throw invalid('policy.grades', '等级分数线应满足 优 > 良 > 中 / grade thresholds must decrease');
  }
  return [
    {
      type: 'ProjectRegistered',
      data: {
        code: input.code,
        year: input.year,
        name: input.name,
        department: input.department,
        ...(input.unit ? { unit: input.unit } : {}),
        budget: { initialFen, sources },
        goals: { ...(input.goals?.annual ? { annual: input.goals.annual } : {}), ...(input.goals?.longTerm ? { longTerm: input.goals.longTerm } : {}) },
        policy,
        ...(input.implementationPeriod !== undefined ? { implementationPeriod: periodOf('implementationPeriod', input.implementationPeriod) } : {}),
        ...(input.displayUnit !== undefined ? { displayUnit: input.displayUnit } : {}),
      },
      effectiveAt: declarationEffectiveAt(input.year, ctx),
    },
  ];
}
