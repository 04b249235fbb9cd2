import type { Decided } from '../../commands/project/command.js';
import { command, history } from './decider.js';
import { plan, register, targets } from './worked-example.js';

/** domain.md §7's worked example registered, its table declared and its plan set: the events those commands leave. */
export const declared: Decided[] = history([
  { command: command('register', register) },
  { command: command('declare-targets', targets) },
  { command: command('set-spending-plan', plan) },
]);

/** The same, with an actual recorded against i1 (1 个 by 6月底): the table is locked from then on. */
export const withAFact: Decided[] = history([{ command: command('record-actual', { value: 1, asOf: '2022-06-30' }, 'i1') }], declared);
