import type { Policy } from '../../domain/project/policy.js';
import { latestActual, type ActualEntry, type IndicatorState } from '../../domain/project/state.js';
import { quantityMagnitude } from '../../domain/values/units.js';
import type { Comparator, Grade, Quantity } from '../../domain/values/types.js';
import type { Colour, IndicatorMonitoring } from './types.js';
import { round2 } from '../../domain/scoring/round.js';
import { colourOfGrade, colourOfRatio } from './colour.js';

/** The latest actual recorded with an asOf on or before the monitoring date. */
export function actualAsOf(indicator: IndicatorState, asOf: string): ActualEntry | undefined {
  return latestActual({ ...indicator, actuals: indicator.actuals.filter((a) => a.asOf <= asOf) });
}

type Judgement = { ratio: number | null; colour: Colour | null; grade?: Grade };

const comparable = (a: Quantity, b: Quantity): boolean =>
  a.kind === b.kind && (a.kind !== 'number' || b.kind !== 'number' || !a.unit || !b.unit || a.unit === b.unit);

/** ≥ > =: B / (A × planned share) × 100, blue from 120. Nothing planned yet: nothing can be behind. */
function progress(a: number, b: number, comparator: Comparator, plannedPercent: number, colours: Policy['colours']): Judgement {
  if (comparator === '=' && a <= 0) return { ratio: null, colour: b > 0 ? 'red' : 'green' };
  if (a <= 0 || plannedPercent <= 0) return { ratio: null, colour: 'green' };
  const ratio = round2((b / ((a * plannedPercent) / 100)) * 100);
  return { ratio, colour: colourOfRatio(ratio, colours, true) };
}

/** ≤ <: red once the actual breaks the ceiling, else green; ratio = share of the ceiling used. */
function ceiling(a: number, b: number, strict: boolean): Judgement {
  const broken = strict ? b >= a : b > a;
  return { ratio: a > 0 ? round2((b / a) * 100) : null, colour: broken ? 'red' : 'green' };
}

function judge(indicator: IndicatorState, actual: ActualEntry | undefined, asOf: string, plannedPercent: number, colours: Policy['colours']): Judgement {
  const target = indicator.target;
  const grade = actual?.value.kind === 'grade' ? actual.value.grade : indicator.assessment?.grade;
  const byGrade = (): Judgement => (grade ? { ratio: null, colour: colourOfGrade(grade), grade } : { ratio: null, colour: null });
  switch (target.kind) {
    case 'compare':
    case 'range': {
      if (actual?.value.kind !== 'quantity') return byGrade();
      const q = actual.value.quantity;
      const reference = target.kind === 'compare' ? target.quantity : target.min;
      if (!comparable(reference, q)) return { ratio: null, colour: null };
      const b = Math.max(0, quantityMagnitude(q));
      if (target.kind === 'range') {
        const hi = quantityMagnitude(target.max);
        if (b > hi) return ceiling(hi, b, false);
        return progress(quantityMagnitude(target.min), b, '>=', plannedPercent, colours);
      }
      const a = quantityMagnitude(target.quantity);
      if (target.comparator === '<=' || target.comparator === '<') return ceiling(a, b, target.comparator === '<');
      return progress(a, b, target.comparator, plannedPercent, colours);
    }
    case 'deadline':
      if (actual?.value.kind === 'date') return { ratio: null, colour: actual.value.date <= target.date ? 'green' : 'red' };
      if (grade) return byGrade();
      return { ratio: null, colour: asOf > target.date ? 'red' : null };
    case 'qualitative':
      return byGrade();
  }
}

/**
 * One indicator's monitoring colour at `asOf` (docs/domain.md §4), using the latest actual dated on or
 * before it and the planned share of the latest checkpoint passed:
 * - ≥ > =: B / (A × planned share) × 100 → red/yellow/green, blue from 120;
 * - ≤ <: red when the actual already breaks the target, else green;
 * - range: above the maximum → red, else as ≥ its minimum;
 * - deadline: completed on time green, late (or overdue and not completed) red;
 * - 定性 (or a grade recorded): 达成 green, 部分达成 yellow, 未达成 red;
 * - nothing recorded: colour null.
 */
export function monitorIndicator(
  indicator: IndicatorState,
  asOf: string,
  plannedPercent: number,
  colours: Policy['colours'],
): IndicatorMonitoring {
  const actual = actualAsOf(indicator, asOf);
  const j = judge(indicator, actual, asOf, plannedPercent, colours);
  return {
    id: indicator.id,
    name: indicator.name,
    target: indicator.targetText,
    actual: actual?.text ?? j.grade ?? null,
    ratio: j.ratio,
    colour: j.colour,
    ...(j.grade ? { grade: j.grade } : {}),
  };
}
