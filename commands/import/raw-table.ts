import type { TargetCells } from '../../domain/values/parse-target.js';

/** What was read from one table, as printed, before params are applied and targets parsed. */
export type RawIndicator = {
  level1: string;
  level2: string;
  name: string;
  /** Text of the 指标值 cell, or the 符号 | 值 | 单位 cells; undefined when empty. */
  target: string | TargetCells | undefined;
  /** The target as printed, for display and warnings. */
  rawTarget: string;
  targetPlace: string;
  /** The symbol cell said 定性 (an empty value is then allowed: the name states the aim). */
  qualitative: boolean;
  standard?: string;
  reference?: string;
  explanation?: string;
  scoringNote?: string;
  points?: number;
};

export type Placed<T> = { value: T; place: string };

export type RawTable = {
  place: string;
  title?: string;
  kind: 'project' | 'department';
  titleYear?: number;
  moneyUnit?: string;
  name?: Placed<string>;
  deptName?: Placed<string>;
  code?: Placed<string>;
  department?: Placed<string>;
  unit?: Placed<string>;
  /** The body named in the row that carries 单位：元 (e.g. "766001玉田县工商联合会本级"). */
  reportingBody?: Placed<string>;
  year?: Placed<number>;
  periodYear?: Placed<number>;
  /** 项目实施期 as printed ("2021.1-2020.12"). */
  period?: Placed<string>;
  /** Amounts as printed with the unit of their label, if any (the form's unit is applied later). */
  budget?: Placed<{ text: string; unit?: string }>;
  sources: Array<Placed<{ name: string; text: string; unit?: string }>>;
  goalsAnnual: string[];
  goalsLongTerm: string[];
  tasks: Array<{ name: string; content: string }>;
  plan: Array<Placed<{ month: number; text: string }>>;
  planUnit?: string;
  indicators: RawIndicator[];
};

export function emptyTable(place: string, title?: string): RawTable {
  const year = title ? /(\d{4})\s*年/.exec(title.normalize('NFKC')) : null;
  return {
    place,
    ...(title !== undefined ? { title } : {}),
    kind: title && /部门整体/.test(title) ? 'department' : 'project',
    ...(year ? { titleYear: Number(year[1]) } : {}),
    sources: [],
    goalsAnnual: [],
    goalsLongTerm: [],
    tasks: [],
    plan: [],
    indicators: [],
  };
}
