import t from 'tap';
import { PolicySchema, type PolicyInput } from '../../domain/project/policy.js';
import type { Indicator } from '../../domain/project/events.js';
import type { Level1 } from '../../domain/values/types.js';
import { applyWeights, splitCents } from '../../domain/scoring/weights.js';
import { indicator } from './project-builder.js';

const q = { kind: 'qualitative', text: '有效' } as const;
let n = 0;
const ind = (level1: Level1, points?: number): Indicator =>
  indicator(`i${++n}`, level1, q, '有效', points !== undefined ? { points } : {});
const weigh = (indicators: Indicator[], policy: PolicyInput = {}) =>
  applyWeights({ indicators, policy: PolicySchema.parse(policy) });
const pointsOf = (r: ReturnType<typeof weigh>) => [...r.pointsById.values()];

t.test('default weights: 预算执行率 10, 产出 50, 效益 30, 满意度 10, split equally within each level 1', async (t) => {
  const r = weigh([ind('output'), ind('output'), ind('output'), ind('output'), ind('output'), ind('benefit'), ind('satisfaction')]);
  t.same(r.weights, { execution: 10, output: 50, cost: 0, benefit: 30, satisfaction: 10 });
  t.same(pointsOf(r), [10, 10, 10, 10, 10, 30, 10]);
  t.same(r.errors, []);
  t.same(r.warnings, []);
});

t.test('an equal split is exact to 0.01 分 and adds up to the weight: 50 over 7 → 7.15 ×2, 7.14 ×5 = 50', async (t) => {
  t.same(splitCents(5000, 7), [715, 715, 714, 714, 714, 714, 714]);
  const r = weigh([...Array.from({ length: 7 }, () => ind('output')), ind('benefit'), ind('benefit'), ind('benefit'), ind('satisfaction')]);
  const outputs = pointsOf(r).slice(0, 7);
  t.same(outputs, [7.15, 7.15, 7.14, 7.14, 7.14, 7.14, 7.14]);
  t.equal(Math.round(outputs.reduce((a, b) => a + b, 0) * 100), 5000);
});

t.test('成本 as its own level 1 shares the 50 with 产出 in proportion to their indicators', async (t) => {
  const r = weigh([ind('output'), ind('output'), ind('output'), ind('cost'), ind('cost'), ind('benefit'), ind('satisfaction')]);
  t.same(r.weights, { execution: 10, output: 30, cost: 20, benefit: 30, satisfaction: 10 });
  t.same(pointsOf(r), [10, 10, 10, 10, 10, 30, 10]);
  t.same(r.errors, []);
});

t.test('成本 as its own level 1 with an uneven split still adds up to 100', async (t) => {
  const r = weigh([ind('output'), ind('output'), ind('output'), ind('cost'), ind('cost'), ind('cost'), ind('cost'), ind('benefit'), ind('satisfaction')]);
  t.equal(r.weights.output, 21.43);
  t.equal(r.weights.cost, 28.57);
  t.same(r.errors, []);
});

t.test('declared weights are used when they add up to 100', async (t) => {
  const r = weigh([ind('output'), ind('output'), ind('benefit'), ind('satisfaction')], {
    weights: { execution: 20, output: 40, benefit: 20, satisfaction: 20 },
  });
  t.same(r.weights, { execution: 20, output: 40, cost: 0, benefit: 20, satisfaction: 20 });
  t.same(pointsOf(r), [20, 20, 20, 20]);
  t.same(r.errors, []);
});

t.test('declared weights that do not add up to 100 are refused with the sums', async (t) => {
  const r = weigh([ind('output'), ind('benefit'), ind('satisfaction')], {
    weights: { execution: 10, output: 50, benefit: 30, satisfaction: 20 },
  });
  t.same(r.errors, ['权重合计不符：预算执行率 10 + 产出 50 + 效益 30 + 满意度 20 = 110，应为 100']);
});

t.test('points declared on every indicator are used as given and each level 1 weighs their sum (产出 40 / 效益 30 / 满意度 20)', async (t) => {
  const r = weigh([ind('output', 20), ind('output', 20), ind('benefit', 15), ind('benefit', 15), ind('satisfaction', 20)]);
  t.same(r.weights, { execution: 10, output: 40, cost: 0, benefit: 30, satisfaction: 20 });
  t.same(pointsOf(r), [20, 20, 15, 15, 20]);
  t.same(r.errors, []);
});

t.test('a table whose declared points do not add up is refused with the sums shown', async (t) => {
  const r = weigh([ind('output', 20), ind('output', 20), ind('benefit', 30), ind('satisfaction', 10)]);
  t.same(r.errors, ['分值合计不符：预算执行率 10 + 产出 40 + 效益 30 + 满意度 10 = 90，应为 100']);
});

t.test('a table with 成本 as level 1 and declared points shows 成本 in the sums', async (t) => {
  const r = weigh([ind('output', 20), ind('cost', 10), ind('benefit', 30), ind('satisfaction', 10)]);
  t.same(r.errors, ['分值合计不符：预算执行率 10 + 产出 20 + 成本 10 + 效益 30 + 满意度 10 = 80，应为 100']);
});

t.test('partly declared points: the rest of the level 1 weight splits equally among the others', async (t) => {
  const r = weigh([ind('output', 20), ind('output'), ind('output'), ind('benefit'), ind('satisfaction')]);
  t.same(pointsOf(r), [20, 15, 15, 30, 10]);
  t.equal(r.weights.output, 50);
  t.same(r.errors, []);
});

t.test('partly declared points over the level 1 weight are refused', async (t) => {
  const r = weigh([ind('output', 40), ind('output', 20), ind('output'), ind('benefit'), ind('satisfaction')]);
  t.same(r.errors, ['产出指标已声明分值合计 60，超过其权重 50']);
  t.equal(pointsOf(r)[2], 0);
});

t.test('a level 1 with no indicator loses its weight with a warning, not an error', async (t) => {
  const r = weigh([ind('output'), ind('benefit')]);
  t.equal(r.weights.satisfaction, 0);
  t.same(r.errors, []);
  t.same(r.warnings, ['满意度指标没有三级指标，其权重 10 分未计入，满分为 90']);
});
