import type { Decided } from '../../commands/project/command.js';
import { command, history } from './decider.js';
import { plan, register, spending, targets } from './worked-example.js';

export const YEAR_END = '2022-12-31T16:00:00';

/** domain.md §7's worked example registered, its table declared and its plan set: the events those commands leave. */
export const declared: Decided[] = history([
  { command: command('register', register) },
  { command: command('declare-targets', targets) },
  { command: command('set-spending-plan', plan) },
]);

/** The same, with an actual recorded against i1 (1 个 by 6月底): the table is locked from then on. */
export const withAFact: Decided[] = history([{ command: command('record-actual', { value: 1, asOf: '2022-06-30' }, 'i1') }], declared);

/**
 * The worked example at year end, as test/http/worked-example.test.ts records it: the payments on
 * their days, the actuals and assessments on 31 December (scores 88.80 良).
 */
export const atYearEnd: Decided[] = history([
  ...spending.map(([now, body]) => ({ command: command('record-spending', body), now })),
  ...(
    [
      ['i1', '1个'],
      ['i3', '2022-11-30'],
      ['i4', '45万元'],
      ['i5', '90%'],
      ['i7', '96%'],
    ] as const
  ).map(([indicator, value]) => ({ command: command('record-actual', { value, asOf: '2022-12-31' }, indicator), now: YEAR_END })),
  { command: command('assess', { grade: '达成' }, 'i2'), now: YEAR_END },
  { command: command('assess', { grade: '部分达成', comment: '组织保障作用初步显现' }, 'i6'), now: YEAR_END },
], declared);
