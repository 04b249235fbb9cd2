import type { Policy } from '../../domain/project/policy.js';
import type { Grade } from '../../domain/values/types.js';
import type { Colour } from './types.js';

/**
 * Progress colour (docs/domain.md §4): red below 60, yellow 60 to below 80, green from 80; with
 * `blue` allowed (quantitative indicators), blue from 120: far ahead, the target may be too low.
 */
export function colourOfRatio(ratio: number, thresholds: Policy['colours'], allowBlue = false): Colour {
  if (ratio < thresholds.red) return 'red';
  if (ratio < thresholds.yellow) return 'yellow';
  if (allowBlue && ratio >= thresholds.blue) return 'blue';
  return 'green';
}

const GRADE_COLOUR: Record<Grade, Colour> = { 达成: 'green', 部分达成: 'yellow', 未达成: 'red' };

export const colourOfGrade = (grade: Grade): Colour => GRADE_COLOUR[grade];

/** Blue is ahead of plan: as good as green when looking for the worst. */
const SEVERITY: Record<Colour, number> = { blue: 0, green: 0, yellow: 1, red: 2 };

/** The worst colour of the parts (red > yellow > green); no colour at all → green. */
export function worstColour(colours: readonly (Colour | null)[]): Colour {
  let worst: Colour = 'green';
  for (const c of colours) if (c !== null && SEVERITY[c] > SEVERITY[worst]) worst = c;
  return worst;
}
