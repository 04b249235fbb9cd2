import { latestActual, type DeclaredProject, type IndicatorState } from '../../domain/project/state.js';
import { formatFen } from '../../domain/values/format.js';
import type { Scorecard } from '../../domain/scoring/scorecard-types.js';

/**
 * What changed between two points of one project (docs/domain.md §6): side `a` is the earlier point,
 * `b` the later. Either side may be undefined (before registration, or no scorecard). Only
 * entries that changed are listed; money is a decimal string in 元 like the other read models.
 */

export type ProjectSnapshot = { project: DeclaredProject | undefined; card: Scorecard | undefined };

export type Change<T> = { from: T; to: T };

export type ActualSnapshot = { text: string; asOf: string };

export type ProjectDiff = {
  /** False when nothing below changed. */
  changed: boolean;
  status: Change<DeclaredProject['status'] | null> | null;
  /** Indicators on both sides whose latest approved target changed. */
  targets: { indicatorId: string; name: string; from: string; to: string }[];
  /** Latest actual (by asOf) per indicator of `b`, where it differs. */
  actuals: { indicatorId: string; name: string; from: ActualSnapshot | null; to: ActualSnapshot | null }[];
  spending: {
    /** Total spent, when it changed. */
    total: Change<string> | null;
    /** Entries in `b` that `a` does not have (by revision). */
    added: { revision: number; amount: string; date: string; note?: string; reason?: string; actor: string }[];
  };
  /** 全年预算数, when it changed. */
  budget: Change<string | null> | null;
  scores: {
    indicators: { indicatorId: string; name: string; from: number | null; to: number | null }[];
    execution: Change<number | null> | null;
    total: Change<number | null> | null;
    grade: Change<Scorecard['grade'] | null> | null;
  };
  indicatorsAdded: { indicatorId: string; name: string; target: string }[];
  indicatorsRemoved: { indicatorId: string; name: string; target: string }[];
};

const change = <T>(from: T, to: T): Change<T> | null => (from === to ? null : { from, to });

const spentFen = (p: DeclaredProject | undefined): number => (p ? p.spending.reduce((sum, s) => sum + s.amountFen, 0) : 0);

function actualOf(i: IndicatorState | undefined): ActualSnapshot | null {
  const latest = i ? latestActual(i) : undefined;
  return latest ? { text: latest.text, asOf: latest.asOf } : null;
}

const sameActual = (x: ActualSnapshot | null, y: ActualSnapshot | null): boolean =>
  x === y || (x !== null && y !== null && x.text === y.text && x.asOf === y.asOf);

const brief = (i: IndicatorState) => ({ indicatorId: i.id, name: i.name, target: i.targetText });

function spendingChange(a: DeclaredProject | undefined, b: DeclaredProject | undefined): ProjectDiff['spending'] {
  const known = new Set(a?.spending.map((s) => s.revision));
  return {
    total: a || b ? change(formatFen(spentFen(a)), formatFen(spentFen(b))) : null,
    added: (b?.spending ?? [])
      .filter((s) => !known.has(s.revision))
      .map((s) => ({
        revision: s.revision,
        amount: formatFen(s.amountFen),
        date: s.date,
        ...(s.note !== undefined ? { note: s.note } : {}),
        ...(s.reason !== undefined ? { reason: s.reason } : {}),
        actor: s.actor,
      })),
  };
}

function scoreChanges(a: Scorecard | undefined, b: Scorecard | undefined): ProjectDiff['scores'] {
  const before = new Map(a?.indicators.map((i) => [i.id, i]));
  const after = new Map(b?.indicators.map((i) => [i.id, i]));
  const ids = [...new Set([...after.keys(), ...before.keys()])];
  const indicators = ids.flatMap((id) => {
    const from = before.get(id)?.score ?? null;
    const to = after.get(id)?.score ?? null;
    const name = after.get(id)?.name ?? before.get(id)?.name ?? id;
    return from === to ? [] : [{ indicatorId: id, name, from, to }];
  });
  return {
    indicators,
    execution: change(a?.execution.score ?? null, b?.execution.score ?? null),
    total: change(a?.total ?? null, b?.total ?? null),
    grade: change(a?.grade ?? null, b?.grade ?? null),
  };
}

export function diffProjects(a: ProjectSnapshot, b: ProjectSnapshot): ProjectDiff {
  const pa = a.project;
  const pb = b.project;
  const before = new Map(pa?.indicators.map((i) => [i.id, i]));
  const after = new Map(pb?.indicators.map((i) => [i.id, i]));

  const targets = (pb?.indicators ?? []).flatMap((i) => {
    const old = before.get(i.id);
    if (!old) return [];
    const same = old.targetText === i.targetText && JSON.stringify(old.target) === JSON.stringify(i.target);
    return same ? [] : [{ indicatorId: i.id, name: i.name, from: old.targetText, to: i.targetText }];
  });

  const actuals = (pb?.indicators ?? []).flatMap((i) => {
    const from = actualOf(before.get(i.id));
    const to = actualOf(i);
    return sameActual(from, to) ? [] : [{ indicatorId: i.id, name: i.name, from, to }];
  });

  const diff: Omit<ProjectDiff, 'changed'> = {
    status: change(pa?.status ?? null, pb?.status ?? null),
    targets,
    actuals,
    spending: spendingChange(pa, pb),
    budget: change(pa ? formatFen(pa.budget.totalFen) : null, pb ? formatFen(pb.budget.totalFen) : null),
    scores: scoreChanges(a.card, b.card),
    indicatorsAdded: (pb?.indicators ?? []).filter((i) => !before.has(i.id)).map(brief),
    indicatorsRemoved: (pa?.indicators ?? []).filter((i) => !after.has(i.id)).map(brief),
  };
  const changed =
    diff.status !== null ||
    diff.targets.length > 0 ||
    diff.actuals.length > 0 ||
    diff.spending.total !== null ||
    diff.spending.added.length > 0 ||
    diff.budget !== null ||
    diff.scores.indicators.length > 0 ||
    diff.scores.execution !== null ||
    diff.scores.total !== null ||
    diff.scores.grade !== null ||
    diff.indicatorsAdded.length > 0 ||
    diff.indicatorsRemoved.length > 0;
  return { changed, ...diff };
}
