import { DateTime } from 'luxon';
import { ZONE } from '../domain/time-zone.js';

export { ZONE };

/** The only source of "now"; decisions receive it, tests inject a fixed one. */
export type Clock = () => DateTime;

export const systemClock: Clock = () => DateTime.now().setZone(ZONE);

export const fixedClock = (iso: string): Clock => {
  const t = DateTime.fromISO(iso, { zone: ZONE });
  if (!t.isValid) throw new Error(`invalid clock time ${iso}`);
  return () => t;
};

/** ISO timestamp with the +08:00 offset, as stored in event metadata. */
export const isoTimestamp = (t: DateTime): string => t.setZone(ZONE).toISO({ suppressMilliseconds: false })!;
