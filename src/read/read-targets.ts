import { formatTarget } from '../../domain/values/format.js';
import { isNotApplicable } from '../../domain/values/not-applicable.js';
import { parseTarget, qualitativeFromName } from '../../domain/values/parse-target.js';
import type { Target } from '../../domain/values/types.js';

export type TargetReading =
  | { ok: true; kind: 'quantitative' | 'deadline' | 'qualitative' | 'not-applicable'; reading: string }
  | { ok: false; error: string };

/** Only the Chinese half of a bilingual message: the page shows no English. */
const chineseHalf = (message: string) => message.split(' / ')[0]!.trim();

function kindOf(target: Target): Extract<TargetReading, { ok: true }>['kind'] {
  if (isNotApplicable(target)) return 'not-applicable';
  if (target.kind === 'compare' || target.kind === 'range') return 'quantitative';
  return target.kind;
}

/**
 * How declare-targets will read each row's 指标值, without recording anything: the target grid shows it
 * per cell as one types. An empty target reads the name as a 定性 aim, as the command does.
 */
export function readTargets(rows: readonly { target?: string | undefined; name?: string | undefined }[], year: number | undefined): TargetReading[] {
  return rows.map((row) => {
    const text = row.target?.trim() ?? '';
    const parsed = text === '' ? qualitativeFromName(row.name ?? '') : parseTarget(text, year === undefined ? {} : { year });
    if (!parsed.ok) return { ok: false, error: chineseHalf(parsed.error) };
    return { ok: true, kind: kindOf(parsed.value), reading: formatTarget(parsed.value) };
  });
}
