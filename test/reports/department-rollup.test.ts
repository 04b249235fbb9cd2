import t from 'tap';
import { departmentKey } from '../../domain/department/department-key.js';
import { budgetWeightedScore } from '../../projections/departments/department-rollup.js';

t.test('a department name is the same department with or without spaces and in full-width forms', async (t) => {
  t.equal(departmentKey('成都市 工商业联合会'), '成都市工商业联合会');
  t.equal(departmentKey('成都市　工商业联合会\t'), '成都市工商业联合会', 'ideographic space and tab');
  t.equal(departmentKey('ＡＢＣ县１局'), 'ABC县1局', 'full-width letters and digits');
  t.not(departmentKey('成都市工商联'), departmentKey('成都市工商业联合会'), 'an abbreviation is another name');
});

t.test('the weighted score weighs each project by its 全年预算数', async (t) => {
  t.equal(budgetWeightedScore([{ score: 90, budgetFen: 300 }, { score: 60, budgetFen: 100 }]), 82.5, '(90 × 3 + 60) / 4');
  t.equal(budgetWeightedScore([{ score: 90, budgetFen: 300 }, { score: 0, budgetFen: 0 }]), 90, 'a zero-budget project weighs nothing');
  t.equal(budgetWeightedScore([{ score: 75, budgetFen: 0 }]), null, 'no budget at all: no weighted score');
  t.equal(budgetWeightedScore([]), null);
  t.equal(budgetWeightedScore([{ score: 80.01, budgetFen: 1 }, { score: 80, budgetFen: 1 }]), 80.01, '80.005 rounds half-up');
  // Budgets near the limit of 10^15 fen: the products pass 2^53 and stay exact.
  t.equal(budgetWeightedScore([{ score: 99.99, budgetFen: 9e14 }, { score: 0.01, budgetFen: 9e14 }]), 50);
  t.equal(budgetWeightedScore([{ score: 33.33, budgetFen: 999_999_999_999_999 }, { score: 66.67, budgetFen: 1 }]), 33.33);
});
