import type { Indicator } from '../project/events.js';
import type { Policy } from '../project/policy.js';
import type { Level1 } from '../values/types.js';
import { isNotApplicable } from '../values/not-applicable.js';

/** Level-1 weights as applied (docs/domain.md §5.1). `cost` is 0 unless 成本指标 is its own level 1. */
export type Weights = { execution: number; output: number; cost: number; benefit: number; satisfaction: number };

export type AppliedWeights = {
  weights: Weights;
  /** Points (分值) of each level-3 indicator by id. */
  pointsById: Map<string, number>;
  /** The table cannot be scored as declared: weights or points do not add up to 100. */
  errors: string[];
  /** Scorable, but worth a look: e.g. a level 1 with no indicator leaves its weight unused. */
  warnings: string[];
};

export const LEVEL1_ORDER: readonly Level1[] = ['output', 'cost', 'benefit', 'satisfaction'];
export const LEVEL1_LABEL: Record<Level1, string> = { output: '产出', cost: '成本', benefit: '效益', satisfaction: '满意度' };
export const EXECUTION_LABEL = '预算执行率';

export const DEFAULT_WEIGHTS = { execution: 10, output: 50, benefit: 30, satisfaction: 10 } as const;

/** Weights and points are kept in cents (0.01 分) so that sums are exact. */
const toCents = (points: number): number => Math.round(points * 100);
const fromCents = (cents: number): number => cents / 100;

/** "10", "7.5", "7.14": points as a person writes them. */
export const formatPoints = (points: number): string => String(fromCents(toCents(points)));

/**
 * Splits `cents` into `parts` shares that differ by at most one cent and add up exactly
 * (largest remainder): 50 分 over 7 → 7.15, 7.15, 7.14 … = 50.00, so full marks are exactly 100.
 */
export function splitCents(cents: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(cents / parts);
  const extra = cents - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Splits `cents` in proportion to `counts` (largest remainder, ties to the earlier). */
function splitProportionally(cents: number, counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (cents * c) / total);
  const shares = exact.map(Math.floor);
  let left = cents - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rem: e - Math.floor(e) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    left--;
  }
  return shares;
}

function sumMessage(parts: { label: string; cents: number }[]): string {
  const total = parts.reduce((a, p) => a + p.cents, 0);
  const terms = parts.map((p) => `${p.label} ${formatPoints(fromCents(p.cents))}`).join(' + ');
  return `分值合计不符：${terms} = ${formatPoints(fromCents(total))}，应为 100`;
}

/**
 * `inOutput`: the execution points are taken out of the 产出 level, whose indicators keep their
 * proportions (largest remainder, exact to 0.01 分): 产出 50 with execution 10 leaves 40 to share.
 */
function carveExecution(
  output: readonly Indicator[],
  weightCents: Record<Level1, number>,
  executionCents: number,
  pointsCents: Map<string, number>,
  errors: string[],
): void {
  if (weightCents.output <= executionCents) {
    errors.push(
      `预算执行率分值 ${formatPoints(fromCents(executionCents))} 计入产出指标，但产出指标合计只有 ${formatPoints(fromCents(weightCents.output))}`,
    );
    return;
  }
  const rest = weightCents.output - executionCents;
  const shares = splitProportionally(rest, output.map((i) => pointsCents.get(i.id) ?? 0));
  output.forEach((i, k) => pointsCents.set(i.id, shares[k] ?? 0));
  weightCents.output = rest;
}

/**
 * Level-1 weights and the points of every indicator (docs/domain.md §5.1–§5.2).
 *
 * - Weights: the project's declared weights, else 预算执行率 10 / 产出 50 / 效益 30 / 满意度 10. When
 *   成本指标 is its own level 1 and no cost weight is declared, 产出 and 成本 share the 产出 weight in
 *   proportion to their number of level-3 indicators.
 * - Points: declared points are used as given. A level 1 whose indicators all declare points weighs
 *   their sum; with none declared its weight is split equally; with some, the rest is split equally
 *   among the others. Equal splits are exact to 0.01 分 and add up to the weight.
 * - The execution weight and the level-1 weights must add up to 100, else an error shows the sums.
 */
export function applyWeights(project: {
  indicators: readonly Indicator[];
  policy: Pick<Policy, 'weights'> & Partial<Pick<Policy, 'executionPoints'>>;
}): AppliedWeights {
  const errors: string[] = [];
  const warnings: string[] = [];
  const declared = project.policy.weights;
  const byLevel1 = new Map<Level1, Indicator[]>(LEVEL1_ORDER.map((l) => [l, []]));
  for (const indicator of project.indicators) byLevel1.get(indicator.level1)?.push(indicator);
  const count = (l: Level1) => byLevel1.get(l)?.length ?? 0;

  const weightCents: Record<Level1, number> = {
    output: toCents(declared?.output ?? DEFAULT_WEIGHTS.output),
    cost: toCents(declared?.cost ?? 0),
    benefit: toCents(declared?.benefit ?? DEFAULT_WEIGHTS.benefit),
    satisfaction: toCents(declared?.satisfaction ?? DEFAULT_WEIGHTS.satisfaction),
  };
  const placement = project.policy.executionPoints ?? 'separate';
  const executionCents = placement === 'none' ? 0 : toCents(declared?.execution ?? DEFAULT_WEIGHTS.execution);

  if (declared) {
    const parts = [
      { label: EXECUTION_LABEL, cents: executionCents },
      ...LEVEL1_ORDER.filter((l) => l !== 'cost' || declared.cost !== undefined).map((l) => ({
        label: LEVEL1_LABEL[l],
        cents: weightCents[l],
      })),
    ];
    if (parts.reduce((a, p) => a + p.cents, 0) !== 10000) errors.push(sumMessage(parts).replace('分值', '权重'));
  }
  if (count('cost') > 0 && declared?.cost === undefined) {
    const [output = 0, cost = 0] = splitProportionally(weightCents.output, [count('output'), count('cost')]);
    weightCents.output = output;
    weightCents.cost = cost;
  }

  const pointsCents = new Map<string, number>();
  const lost: { level1: Level1; cents: number }[] = [];
  for (const level1 of LEVEL1_ORDER) {
    const indicators = byLevel1.get(level1) ?? [];
    if (indicators.length === 0) {
      if (weightCents[level1] > 0) lost.push({ level1, cents: weightCents[level1] });
      weightCents[level1] = 0;
      continue;
    }
    // A row not applicable (target `/`) gets 0 points; its points go back to the level's other rows.
    const applicable = indicators.filter((i) => !isNotApplicable(i.target));
    for (const i of indicators) if (isNotApplicable(i.target)) pointsCents.set(i.id, 0);
    if (applicable.length === 0) {
      warnings.push(`${LEVEL1_LABEL[level1]}指标均不适用，其权重 ${formatPoints(fromCents(weightCents[level1]))} 分未计入`);
      lost.push({ level1, cents: weightCents[level1] });
      weightCents[level1] = 0;
      continue;
    }
    const allDeclared = indicators.every((i) => i.points !== undefined);
    const withPoints = applicable.filter((i) => i.points !== undefined);
    const declaredCents = withPoints.reduce((a, i) => a + toCents(i.points ?? 0), 0);
    for (const i of withPoints) pointsCents.set(i.id, toCents(i.points ?? 0));
    if (allDeclared) weightCents[level1] = indicators.reduce((a, i) => a + toCents(i.points ?? 0), 0);
    const rest = weightCents[level1] - declaredCents;
    if (rest < 0) {
      errors.push(
        `${LEVEL1_LABEL[level1]}指标已声明分值合计 ${formatPoints(fromCents(declaredCents))}，超过其权重 ${formatPoints(
          fromCents(weightCents[level1]),
        )}`,
      );
    }
    const others = applicable.filter((i) => i.points === undefined);
    if (others.length > 0) {
      const shares = splitCents(Math.max(rest, 0), others.length);
      others.forEach((i, k) => pointsCents.set(i.id, shares[k] ?? 0));
    } else if (rest > 0) {
      // Every applicable row declared points: the not-applicable rows' points are shared in proportion.
      const extra = splitProportionally(rest, withPoints.map((i) => toCents(i.points ?? 0)));
      withPoints.forEach((i, k) => pointsCents.set(i.id, toCents(i.points ?? 0) + (extra[k] ?? 0)));
    }
  }

  if (placement === 'inOutput') carveExecution(byLevel1.get('output') ?? [], weightCents, executionCents, pointsCents, errors);

  const parts = [
    { label: EXECUTION_LABEL, cents: executionCents },
    ...LEVEL1_ORDER.filter((l) => l !== 'cost' || count('cost') > 0 || weightCents.cost > 0).map((l) => ({
      label: LEVEL1_LABEL[l],
      cents: weightCents[l],
    })),
  ];
  const sum = parts.reduce((a, p) => a + p.cents, 0);
  const lostCents = lost.reduce((a, l) => a + l.cents, 0);
  if (sum !== 10000 && errors.length === 0) {
    // A level 1 left without indicators only loses its weight: scorable, but out of less than 100.
    if (sum + lostCents === 10000) {
      for (const l of lost) {
        warnings.push(`${LEVEL1_LABEL[l.level1]}指标没有三级指标，其权重 ${formatPoints(fromCents(l.cents))} 分未计入，满分为 ${formatPoints(fromCents(sum))}`);
      }
    } else errors.push(sumMessage(parts));
  }

  return {
    weights: {
      execution: fromCents(executionCents),
      output: fromCents(weightCents.output),
      cost: fromCents(weightCents.cost),
      benefit: fromCents(weightCents.benefit),
      satisfaction: fromCents(weightCents.satisfaction),
    },
    pointsById: new Map([...pointsCents].map(([id, cents]) => [id, fromCents(cents)])),
    errors,
    warnings,
  };
}
