import t from 'tap';
import { round } from '../../domain/scoring/round.js';

t.test('2 decimals rounds half up: 7.456 → 7.46, 2.675 → 2.68, 1.005 → 1.01 despite binary floats', async (t) => {
  t.equal(round(7.456, 'decimal2'), 7.46);
  t.equal(round(2.675, 'decimal2'), 2.68);
  t.equal(round(1.005, 'decimal2'), 1.01);
  t.equal(round(9.795918367346939, 'decimal2'), 9.8);
  t.equal(round(7.454, 'decimal2'), 7.45);
  t.equal(round(0.1 + 0.2, 'decimal2'), 0.3);
});

t.test('integer floor drops the fraction: 7.456 → 7, 9.99 → 9, but float noise under 21 stays 21', async (t) => {
  t.equal(round(7.456, 'floor'), 7);
  t.equal(round(9.99, 'floor'), 9);
  t.equal(round(0.7 * 30, 'floor'), 21); // 20.999999999999996 in binary
});

t.test('integer round is half up: 7.456 → 7, 7.5 → 8, 2.675 → 3', async (t) => {
  t.equal(round(7.456, 'round'), 7);
  t.equal(round(7.5, 'round'), 8);
  t.equal(round(2.675, 'round'), 3);
  t.equal(round(8.4999, 'round'), 8);
});

t.test('rounding keeps whole numbers and zero as they are, with no -0', async (t) => {
  t.equal(round(10, 'decimal2'), 10);
  t.equal(round(0, 'floor'), 0);
  t.ok(Object.is(round(-0.001, 'decimal2'), 0));
  t.equal(round(1e-7, 'decimal2'), 0);
});

t.test('the float shortcut agrees with the exact rounding on every value tried', async (t) => {
  const { roundExact } = await import('../../domain/scoring/round.js');
  const fc = await import('fast-check');
  const modes = ['decimal2', 'floor', 'round'] as const;
  // Scores and percents as they occur (w × B / A), edges (x.xx5, whole numbers) and noise around them.
  const values = fc.oneof(
    fc.double({ min: -1000, max: 1000, noNaN: true }),
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 })).map(([w, b, a]) => (w * b) / a),
    fc.integer({ min: -100000, max: 100000 }).map((n) => n / 1000 + 0.0005),
    fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100),
    fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: -3, max: 3 })).map(([n, k]) => n / 100 + k * Number.EPSILON * 64),
  );
  fc.assert(
    fc.property(values, fc.constantFrom(...modes), (v, mode) => Object.is(round(v, mode), roundExact(v, mode))),
    { numRuns: 20000 },
  );
  t.pass('20,000 values');
});
