import type { Row } from './grid.js';
import { headerRoleOf, type Role } from './vocabulary.js';

/** The columns of the indicator table, from its header row (and the 符号 | 值 | 单位 row under 指标值). */
export type Header = {
  roles: Map<number, Role>;
  /** First column of each role. */
  col: Partial<Record<Role, number>>;
  /** Columns up to the last header cell. */
  width: number;
  /** Target in three cells 符号 | 值 | 单位 rather than one 指标值 cell. */
  threeCell: boolean;
};

export function headerOf(row: Row): Header {
  const roles = new Map<number, Role>();
  for (const cell of row.cells) {
    const role = cell.text === '' ? undefined : headerRoleOf(cell.text);
    if (role) roles.set(cell.col, role);
  }
  return summarise(roles, row);
}

export function withSubHeader(header: Header, row: Row): Header {
  const roles = new Map(header.roles);
  for (const cell of row.cells) {
    const role = cell.text === '' ? undefined : headerRoleOf(cell.text, true);
    if (role) roles.set(cell.col, role);
  }
  return summarise(roles, row, header.width);
}

function summarise(roles: Map<number, Role>, row: Row, width = 0): Header {
  const col: Partial<Record<Role, number>> = {};
  for (const [c, role] of [...roles].sort((a, b) => a[0] - b[0])) col[role] ??= c;
  const last = Math.max(-1, ...row.cells.filter((c) => c.text !== '').map((c) => c.col));
  return { roles, col, width: Math.max(width, last + 1), threeCell: col.comparator !== undefined };
}
