import { round2 } from '../../domain/scoring/round.js';
import { formatFen } from '../../domain/values/format.js';
import type { RollupMoney } from './rollup-types.js';

/** Budget and spending in fen and 元 text, and the execution % (null on a zero budget). */
export const rollupMoney = (budgetFen: number, spentFen: number): RollupMoney => ({
  budgetFen,
  budget: formatFen(budgetFen),
  spentFen,
  spent: formatFen(spentFen),
  executionPercent: budgetFen > 0 ? round2((spentFen / budgetFen) * 100) : null,
});
