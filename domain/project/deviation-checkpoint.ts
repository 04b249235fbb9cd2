import { DateTime } from 'luxon';
import { ZONE } from '../time-zone.js';
import type { DeviationCheckpoint } from './events.js';
import { checkpointDate } from './checkpoints.js';
import type { DeclaredProject, Deviation } from './state.js';

/** Which checkpoint a deviation explains, and whether the record said so or it was read from its date. */
export type DeviationCheckpointReading = { checkpoint: DeviationCheckpoint; stated: boolean };

/**
 * The checkpoint current on `day` (YYYY-MM-DD, Asia/Shanghai): the latest policy checkpoint whose month
 * end is on or before it; before the first one, the first (the one being worked towards); after the
 * project year, the year end.
 */
export function checkpointCurrentOn(project: Pick<DeclaredProject, 'year' | 'policy'>, day: string): DeviationCheckpoint {
  if (day > `${project.year}-12-31`) return 'year-end';
  const months = [...new Set(project.policy.checkpoints)].sort((a, b) => a - b);
  let current: number | undefined;
  for (const m of months) if (checkpointDate(project.year, m) <= day) current = m;
  return current ?? months[0] ?? 12;
}

/** Business date (Asia/Shanghai) of a recording timestamp. */
export const recordedDay = (recordedAt: string): string => DateTime.fromISO(recordedAt, { zone: ZONE }).toISODate() ?? recordedAt.slice(0, 10);

/**
 * The checkpoint a deviation explains. A record made before deviations named their checkpoint has
 * none: it is read as the checkpoint current on the day it was recorded (stated: false).
 */
export function deviationCheckpoint(project: Pick<DeclaredProject, 'year' | 'policy'>, d: Pick<Deviation, 'checkpoint' | 'recordedAt'>): DeviationCheckpointReading {
  if (d.checkpoint !== undefined) return { checkpoint: d.checkpoint, stated: true };
  return { checkpoint: checkpointCurrentOn(project, recordedDay(d.recordedAt)), stated: false };
}
