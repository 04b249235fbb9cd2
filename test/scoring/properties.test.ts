import fc from 'fast-check';
import t from 'tap';
import { PolicySchema } from '../../domain/project/policy.js';
import type { Comparator, Level1 } from '../../domain/values/types.js';
import { scoreIndicator } from '../../domain/scoring/indicator-score.js';
import { round } from '../../domain/scoring/round.js';
import { applyWeights } from '../../domain/scoring/weights.js';

const comparator = fc.constantFrom<Comparator>('>=', '>', '<=', '<', '=');
const magnitude = fc.double({ min: -1e6, max: 1e6, noNaN: true });

t.test('an indicator scores within [0, w], and is met exactly when it earns full points', async (t) => {
  fc.assert(
    fc.property(comparator, magnitude, magnitude, fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('linear', 'ratio' as const), (c, a, b, w, reverse) => {
      const r = scoreIndicator({
        target: { kind: 'compare', comparator: c, quantity: { kind: 'number', value: Math.abs(a), unit: '' } },
        actual: { kind: 'quantity', quantity: { kind: 'number', value: b, unit: '' } },
        points: w,
        reverse,
      });
      const metIffFull = w <= 0 || (r.status === 'met') === r.score >= w - 1e-9;
      return r.score >= 0 && r.score <= w + 1e-9 && metIffFull;
    }),
  );
  t.pass('held');
});

t.test('with default weights and no declared points, execution and all points add up to exactly 100', async (t) => {
  const level1 = fc.constantFrom<Level1>('output', 'cost', 'benefit', 'satisfaction');
  fc.assert(
    fc.property(fc.array(level1, { minLength: 1, maxLength: 40 }), (levels) => {
      const all: Level1[] = ['output', 'benefit', 'satisfaction', ...levels];
      const indicators = all.map((level1, k) => ({
        id: `i${k}`, level1, level1Name: level1, level2: '', name: `i${k}`,
        target: { kind: 'qualitative' as const, text: '有效' }, targetText: '有效',
      }));
      const r = applyWeights({ indicators, policy: PolicySchema.parse({}) });
      const cents = [...r.pointsById.values()].reduce((s, p) => s + Math.round(p * 100), Math.round(r.weights.execution * 100));
      return r.errors.length === 0 && cents === 10000;
    }),
  );
  t.pass('held');
});

t.test('2-decimal rounding is idempotent and within half a cent', async (t) => {
  fc.assert(
    fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (v) => {
      const r = round(v, 'decimal2');
      return round(r, 'decimal2') === r && Math.abs(r - v) <= 0.005 + 1e-9;
    }),
  );
  t.pass('held');
});
