import { Refusal, type FieldError } from '../../errors.js';
import type { ProjectState } from '../../../domain/project/state.js';
import type { RecordActualsBatchInput } from '../inputs.js';
import type { Decided, DecisionContext } from '../command.js';
import { requireOpen } from './guards.js';
import { recordActual } from './indicator-facts.js';
import { recordForecast } from './forecasts.js';

type Row = RecordActualsBatchInput['rows'][number];

/**
 * A checkpoint's actuals and forecasts in one command: each row is decided as its own record-actual /
 * record-forecast would be, all on the same state; one refused row refuses the whole batch, with every
 * row's failures named (rows[2].actual …), and nothing is written. Accepted, the events go in one append.
 */
export function recordActualsBatch(state: ProjectState, input: RecordActualsBatchInput, ctx: DecisionContext): Decided[] {
  const project = requireOpen(state);
  const errors: FieldError[] = [];
  const events: Decided[] = [];
  const seen = new Map<string, number>();
  input.rows.forEach((row, i) => {
    const at = `rows[${i}]`;
    const earlier = seen.get(row.indicatorId);
    if (earlier !== undefined) {
      errors.push({ field: `${at}.indicatorId`, message: `指标 ${row.indicatorId} 已在第 ${earlier + 1} 行填写，同一批次每个指标只填一行` });
      return;
    }
    seen.set(row.indicatorId, i);
    if (!project.indicators.some((x) => x.id === row.indicatorId)) {
      errors.push({ field: `${at}.indicatorId`, message: `指标 ${row.indicatorId} 不存在` });
      return;
    }
    if (row.actual === undefined && row.forecast === undefined) {
      errors.push({ field: `${at}.actual`, message: '请填写实际完成值或预计全年完成值' });
      return;
    }
    const common = { asOf: input.asOf, ...(row.note ? { note: row.note } : {}) };
    if (row.actual !== undefined) {
      const decided = attempt(() => recordActual(state, row.indicatorId, { value: row.actual!, ...common, ...(row.evidence ? { evidence: row.evidence } : {}) }, ctx), `${at}.actual`, errors);
      events.push(...decided);
    }
    if (row.forecast !== undefined) {
      events.push(...attempt(() => recordForecast(state, row.indicatorId, { value: row.forecast!, ...common }, ctx), `${at}.forecast`, errors));
    }
  });
  if (errors.length > 0) {
    const rows = new Set(errors.filter((e) => e.field.startsWith('rows[')).map((e) => e.field.slice(0, e.field.indexOf(']') + 1)));
    const where = rows.size > 0 ? `${rows.size} 行未通过` : '截至日期未通过';
    throw new Refusal('rule', 'batch-refused', `${where}，整批未写入（${project.id}）：${errors.map((e) => `${e.field}: ${e.message}`).join('; ')} / the batch was refused; nothing was written`, errors);
  }
  return events;
}

/** One row's decision; its refusal becomes errors at the row (value → the row's field), asOf stays shared. */
function attempt(run: () => Decided[], field: string, errors: FieldError[]): Decided[] {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const found = error.errors.length > 0 ? error.errors : [{ field: 'value', message: error.message }];
    for (const e of found) {
      const shared = e.field === 'asOf';
      const message = !shared && field.endsWith('.forecast') ? e.message.replace(/^实际完成值/, '预计全年完成值') : e.message;
      const mapped = { field: shared ? 'asOf' : field, message };
      if (!errors.some((x) => x.field === mapped.field && x.message === mapped.message)) errors.push(mapped);
    }
    return [];
  }
}
