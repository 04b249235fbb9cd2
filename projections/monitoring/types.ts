import type { Grade } from '../../domain/values/types.js';
import type { Deviation } from '../../domain/project/state.js';

/** The monitoring view (绩效监控) served by the query API. Money is a decimal string in 元 ("450000.00"). */

export type Colour = 'green' | 'yellow' | 'red' | 'blue';

export type CheckpointProgress = {
  month: number;
  date: string; // last day of the month, YYYY-MM-DD
  plannedPercent: number;
  actualPercent: number; // spent by that date / budget × 100
  ratio: number | null; // actual / planned × 100
  colour: Colour;
};

export type IndicatorMonitoring = {
  id: string;
  name: string;
  target: string;
  actual: string | null;
  ratio: number | null;
  colour: Colour | null; // null: nothing to judge yet (e.g. 定性 not assessed)
  grade?: Grade;
};

export type Monitoring = {
  projectId: string;
  asOf: string;
  colour: Colour;
  execution: {
    budget: string;
    spent: string;
    actualPercent: number;
    plannedPercent: number; // latest checkpoint passed, or month/12 with no plan
    ratio: number | null;
    colour: Colour;
  };
  checkpoints: CheckpointProgress[];
  indicators: IndicatorMonitoring[];
  /** Red or yellow items, with their deviation records if any. */
  deviations: { indicatorId: string | null; name: string; colour: Colour; records: Deviation[] }[];
};
