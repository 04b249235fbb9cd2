/**
 * The project list as the page shows it: searched by name, code or department, sorted by a column.
 * One implementation for the page (which asks the server) and the Excel export of what it shows.
 */

export const LIST_SORT_KEYS = [
  'name',
  'code',
  'department',
  'year',
  'colour',
  'budget',
  'spent',
  'executionPercent',
  'total',
  'grade',
  'forecastTotal',
  'forecastGrade',
  'status',
] as const;
export type ListSortKey = (typeof LIST_SORT_KEYS)[number];
export type ListSort = { q?: string; sort?: ListSortKey; order?: 'asc' | 'desc' };

/** The fields of a list row this needs (the list's ProjectSummary has them). */
export type ListRow = {
  id: string;
  code: string;
  name: string;
  department: string;
  year: number;
  colour: 'green' | 'yellow' | 'red' | 'blue' | null;
  budget: string;
  spent: string;
  executionPercent: number;
  total: number;
  grade: string;
  forecastTotal: number;
  forecastGrade: string;
  status: string;
};

/** Worst first: red, yellow, green, blue, then nothing to judge. */
const COLOUR_RANK: Record<string, number> = { red: 0, yellow: 1, green: 2, blue: 3 };
const GRADE_RANK: Record<string, number> = { 差: 0, 中: 1, 良: 2, 优: 3 };

function keyOf(row: ListRow, sort: ListSortKey): string | number {
  switch (sort) {
    case 'colour':
      return row.colour === null ? 4 : (COLOUR_RANK[row.colour] ?? 4);
    case 'grade':
    case 'forecastGrade':
      return GRADE_RANK[row[sort]] ?? -1;
    case 'budget':
    case 'spent':
      return Number(row[sort]);
    default:
      return row[sort];
  }
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** Rows whose name, code or department contains `q` (case-insensitive, NFKC), sorted stably by `sort`. */
export function selectProjects<R extends ListRow>(rows: readonly R[], { q, sort, order }: ListSort): R[] {
  const needle = q?.normalize('NFKC').trim().toLowerCase() ?? '';
  const found = needle === '' ? [...rows] : rows.filter((r) => [r.name, r.code, r.department].some((f) => f.normalize('NFKC').toLowerCase().includes(needle)));
  if (!sort) return found;
  const sign = order === 'desc' ? -1 : 1;
  return found
    .map((row, index) => ({ row, index, key: keyOf(row, sort) }))
    .sort((a, b) => {
      const c = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return c !== 0 ? sign * c : a.index - b.index;
    })
    .map((x) => x.row);
}
