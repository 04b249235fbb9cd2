import type { Cell, Warnings } from './grid.js';
import { GROUP_NAME, groupOf, keyOf, levelWordOf, type Group, type LevelWord } from './vocabulary.js';

/** Level 1 and 2 in force: merged cells leave them blank below their first row, so they carry down. */
export type Carry = { level1?: string; level2?: string };

export type LevelCell = { cell: Cell; word: LevelWord };

const display = (text: string) => keyOf(text);

/**
 * Applies the level cells of one row to the carried levels. A level-2 word under a level 1 it cannot belong
 * to (满意度 under a carried 效益指标, or 数量指标 with no level 1 above) takes the level 1 it implies,
 * with a warning naming the row.
 */
export function applyLevels(found: LevelCell[], carry: Carry, rowPlace: string, warnings: Warnings): void {
  let { level1, level2 } = carry;
  const [a, b, ...rest] = found;
  if (a && b) {
    level1 = display(a.cell.text);
    level2 = display(b.cell.text);
    for (const extra of rest) {
      warnings.add(extra.cell.place, extra.cell.text, '多余的指标层级单元格，未使用 / extra level cell not used');
    }
  } else if (a) {
    const text = display(a.cell.text);
    const carried = level1 ? groupOf(level1) : undefined;
    const { word } = a;
    if (word.kind === 'level1') {
      level1 = text;
      level2 = undefined;
    } else if (word.kind === 'level2') {
      level2 = text;
    } else if ((word.group === 'cost' && (carried === 'output' || carried === 'cost')) || (word.group === 'satisfaction' && carried === 'satisfaction')) {
      level2 = text;
    } else {
      level1 = text;
      level2 = undefined;
    }
  }
  if (level2 !== undefined) {
    const allowed = groupsOf(level2);
    const current = level1 ? groupOf(level1) : undefined;
    if (allowed && allowed[0] && (!current || !allowed.includes(current))) {
      const implied = GROUP_NAME[allowed[0]];
      warnings.add(
        rowPlace,
        level2,
        level1
          ? `二级指标“${level2}”不属于一级指标“${level1}”，按二级指标推定一级指标为“${implied}” / level 2 does not belong to the level 1 above: level 1 taken as ${implied}`
          : `一级指标为空，按二级指标“${level2}”推定为“${implied}” / level 1 missing: taken as ${implied} from level 2`,
      );
      level1 = implied;
    }
  }
  carry.level1 = level1;
  carry.level2 = level2;
}

function groupsOf(level2: string): Group[] | undefined {
  const word = levelWordOf(level2);
  if (!word) return undefined;
  if (word.kind === 'level2') return word.groups;
  // 成本指标 as level 2 sits under 产出指标 (older templates); alone it implies the level 1 成本指标.
  return word.group === 'cost' ? ['cost', 'output'] : [word.group];
}
