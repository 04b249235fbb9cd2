import t from 'tap';
import { formatFen, formatMoneyChinese, formatQuantity, formatTarget } from '../../domain/values/format.js';
import { quantityMagnitude, sameUnit } from '../../domain/values/units.js';

const fen: Array<[number, string]> = [
  [45_000_000, '450000.00'],
  [-1250, '-12.50'],
  [5, '0.05'],
  [-5, '-0.05'],
  [0, '0.00'],
  [-0, '0.00'],
  [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
];
for (const [value, shown] of fen) t.equal(formatFen(value), shown, `formatFen ${value} is "${shown}"`);

const chinese: Array<[number, string]> = [
  [45_000_000, '45万元'],
  [50_000, '500元'],
  [123_456, '1234.56元'],
  [500_000, '5000元'],
  [1_000_000, '1万元'],
  [136_220_000, '136.22万元'],
  [-3_000_000, '-3万元'],
];
for (const [value, shown] of chinese) t.equal(formatMoneyChinese(value), shown, `formatMoneyChinese ${value} is "${shown}"`);

t.equal(formatQuantity({ kind: 'number', value: 7, unit: '次' }), '7 次', 'a count shows its unit after a space');
t.equal(formatQuantity({ kind: 'number', value: 90, unit: '' }), '90', 'a number without unit shows alone');
t.equal(formatQuantity({ kind: 'number', value: 1e-7, unit: '%' }), '0.0000001 %', 'small numbers are never in exponent form');
t.equal(formatQuantity({ kind: 'number', value: 1e21, unit: '' }), '1000000000000000000000', 'large numbers are never in exponent form');
t.equal(formatQuantity({ kind: 'money', fen: 20_000_000 }), '200000.00 元', 'money shows in 元 with two decimals');

t.equal(formatTarget({ kind: 'compare', comparator: '>=', quantity: { kind: 'number', value: 7, unit: '次' } }), '≥ 7 次', 'a ≥ target');
t.equal(formatTarget({ kind: 'compare', comparator: '<=', quantity: { kind: 'money', fen: 20_000_000 } }), '≤ 200000.00 元', 'a ≤ money target');
t.equal(formatTarget({ kind: 'compare', comparator: '=', quantity: { kind: 'number', value: 100, unit: '%' } }), '= 100 %', 'an = target');
t.equal(formatTarget({ kind: 'compare', comparator: '<', quantity: { kind: 'number', value: 3, unit: '' } }), '< 3', 'a < target');
t.equal(
  formatTarget({ kind: 'range', min: { kind: 'number', value: 90, unit: '%' }, max: { kind: 'number', value: 100, unit: '%' } }),
  '90–100 %',
  'a range shows its unit once',
);
t.equal(formatTarget({ kind: 'deadline', date: '2022-12-31' }), '2022-12-31 前完成', 'a deadline');
t.equal(formatTarget({ kind: 'qualitative', text: '高质量完成' }), '高质量完成', 'a qualitative target is its text');

t.equal(quantityMagnitude({ kind: 'money', fen: 4500 }), 4500, 'the magnitude of money is its fen');
t.equal(quantityMagnitude({ kind: 'number', value: 96, unit: '%' }), 96, 'the magnitude of a number is its value');
t.equal(sameUnit({ kind: 'money', fen: 1 }, { kind: 'money', fen: 2 }), true, 'money compares with money');
t.equal(sameUnit({ kind: 'number', value: 1, unit: '次' }, { kind: 'number', value: 2, unit: '次' }), true, 'equal units compare');
t.equal(sameUnit({ kind: 'number', value: 1, unit: '次' }, { kind: 'number', value: 2, unit: '%' }), false, 'different units do not');
t.equal(sameUnit({ kind: 'money', fen: 1 }, { kind: 'number', value: 1, unit: '元' }), false, 'money never compares with a number');
