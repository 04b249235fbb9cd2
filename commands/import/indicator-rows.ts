import { comparatorOfCell } from '../../domain/values/comparators.js';
import type { TargetCells } from '../../domain/values/parse-target.js';
import { normalizeText } from '../../domain/values/text.js';
import { rowPlace, rowText, type Cell, type Row, type Warnings } from './grid.js';
import type { Header } from './indicator-header.js';
import { applyLevels, type Carry, type LevelCell } from './levels.js';
import type { RawIndicator } from './raw-table.js';
import { headerRoleOf, isSymbolCell, levelWordOf, type Role } from './vocabulary.js';

/**
 * One row of the indicator table. Word and Excel copies shift cells left or right where cells were merged,
 * so the row is read by content as much as by column: levels are recognised by their words, the name is the
 * last other cell before the target, the symbol cell (≥, =, 定性…) anchors the three-cell target, and the
 * remaining cells take the roles of the header columns they fall under once the shift is undone.
 */
export function readIndicatorRow(row: Row, header: Header, carry: Carry, warnings: Warnings): RawIndicator | undefined {
  if (!row.cells.some((c) => c.text !== '')) return undefined;
  const layout = header.threeCell ? threeCellLayout(row, header) : singleLayout(row, header);

  const levels: LevelCell[] = [];
  const names: Cell[] = [];
  for (const cell of layout.pre) {
    if (cell.text === '' || isLabelCell(cell.text)) continue;
    const word = levelWordOf(cell.text);
    if (word) levels.push({ cell, word });
    else names.push(cell);
  }
  const hasTarget = layout.target.cells.length > 0 || layout.rest.some((c) => c.text !== '');
  // A name that happens to read like a level word ("满意度指标") still is the name when it sits in the name column.
  if (names.length === 0 && hasTarget && levels.length > 0) {
    const last = levels[levels.length - 1]!;
    if (last.cell.col >= layout.nameCol) names.push(levels.pop()!.cell);
  }
  applyLevels(levels, carry, rowPlace(row), warnings);

  const nameCell = names.pop();
  for (const extra of names) warnings.add(extra.place, extra.text, '多余的单元格（三级指标名称之前），未使用 / extra cell before the indicator name, not used');
  if (!nameCell) {
    if (hasTarget || layout.symbol) {
      warnings.add(rowPlace(row), rowText(row), '缺少三级指标名称，此行未导入 / no indicator name: row not imported');
    }
    return undefined;
  }
  const level1 = carry.level1;
  let level2 = carry.level2;
  if (!level1) {
    warnings.add(rowPlace(row), rowText(row), '无法确定一级指标，此行未导入 / level 1 unknown: row not imported');
    return undefined;
  }
  if (!level2) {
    warnings.add(rowPlace(row), nameCell.text, `二级指标为空，以一级指标“${level1}”代替 / level 2 missing: level 1 used`);
    level2 = level1;
  }
  const indicator: RawIndicator = {
    level1,
    level2,
    name: nameCell.text,
    target: layout.target.value,
    rawTarget: layout.target.raw,
    targetPlace: layout.target.place ?? nameCell.place,
    qualitative: layout.symbol !== undefined && isSymbolCell(layout.symbol.text),
  };
  placeRest(indicator, layout.rest, header, layout.shift, warnings);
  return indicator;
}

type Layout = {
  pre: Cell[];
  nameCol: number;
  symbol?: Cell;
  target: { value: string | TargetCells | undefined; raw: string; place?: string; cells: Cell[] };
  rest: Cell[];
  shift: number;
};

const isLabelCell = (text: string) => headerRoleOf(text) === 'label';

function isSymbol(text: string): boolean {
  return isSymbolCell(text) || comparatorOfCell(normalizeText(text)) !== undefined;
}

const BARE_NUMBER = /^[-+]?\d[\d,]*(?:\.\d+)?$/;

/** "次", "万元", "%": a unit standing alone in the cell after a bare number. */
function isUnitOnly(text: string): boolean {
  const t = normalizeText(text);
  return t !== '' && t.length <= 4 && !/\d/.test(t) && !/标准|依据|政策/.test(t) && !isSymbol(t);
}

function threeCellLayout(row: Row, header: Header): Layout {
  const compCol = header.col.comparator ?? 0;
  const nameCol = header.col.name ?? compCol - 1;
  const k = row.cells.findIndex(
    (c, i) => c.text !== '' && isSymbol(c.text) && row.cells.slice(0, i).some((p) => p.text !== '' && !levelWordOf(p.text) && !isLabelCell(p.text)),
  );
  const symbol = row.cells[k];
  if (k < 0 || !symbol) {
    // No symbol cell: read the target cells where the header puts them.
    const at = (col: number | undefined) => (col === undefined ? undefined : row.cells.find((c) => c.col === col && c.text !== ''));
    // A comparator cell that is no symbol ("约") still goes to the parser, which names it in its refusal.
    const comparator = at(header.col.comparator);
    const value = at(header.col.value);
    const unit = at(header.col.unit);
    const used = new Set([header.col.comparator, header.col.value, header.col.unit]);
    const cells = [comparator, value, unit].filter((c): c is Cell => c !== undefined);
    return {
      pre: row.cells.filter((c) => c.col < compCol),
      nameCol,
      target: {
        value:
          cells.length === 0
            ? undefined
            : { comparator: comparator?.text ?? '', value: value ? (value.num ?? value.text) : '', ...(unit ? { unit: unit.text } : {}) },
        raw: cells.map((c) => c.text).join(' '),
        ...(cells[0] ? { place: cells[0].place } : {}),
        cells,
      },
      rest: row.cells.filter((c) => c.col > compCol && !used.has(c.col) && c.text !== ''),
      shift: 0,
    };
  }
  const shift = symbol.col - compCol;
  const after = row.cells.slice(k + 1).filter((c) => c.text !== '');
  const v1 = after[0];
  const next = after[1];
  const bare = v1 !== undefined && (v1.num !== undefined || BARE_NUMBER.test(normalizeText(v1.text)));
  // The unit cell follows the value: a bare number's neighbour ("0.5" | "万元"), or whatever sits under 单位.
  const underUnit = next !== undefined && header.roles.get(next.col - shift) === 'unit';
  const unit = v1 && next && next.col === v1.col + 1 && isUnitOnly(next.text) && (bare || underUnit) ? next : undefined;
  const consumed = (v1 ? 1 : 0) + (unit ? 1 : 0);
  const qualitativeOnly = isSymbolCell(symbol.text) && !v1;
  return {
    pre: row.cells.slice(0, k),
    nameCol: nameCol + shift,
    symbol,
    target: {
      value: qualitativeOnly ? undefined : { comparator: symbol.text, value: v1 ? (v1.num ?? v1.text) : '', ...(unit ? { unit: unit.text } : {}) },
      raw: [symbol.text, v1?.text, unit?.text].filter((s) => s !== undefined && s !== '').join(' '),
      place: (v1 ?? symbol).place,
      cells: [symbol, ...(v1 ? [v1] : []), ...(unit ? [unit] : [])],
    },
    rest: after.slice(consumed),
    shift,
  };
}

function singleLayout(row: Row, header: Header): Layout {
  const lastFilled = Math.max(-1, ...row.cells.filter((c) => c.text !== '').map((c) => c.col));
  const extra = lastFilled + 1 - header.width;
  // More cells than the header, the extra ones in front and empty or a row label ("年度绩效指标"): shifted right.
  const shift = extra > 0 && row.cells.slice(0, extra).every((c) => c.text === '' || isLabelCell(c.text)) ? extra : 0;
  const nameCol = (header.col.name ?? (header.col.level2 ?? 0) + 1) + shift;
  const targetCol = (header.col.target ?? nameCol + 1 - shift) + shift;
  const targetCell = row.cells.find((c) => c.col === targetCol);
  const filledTarget = targetCell && targetCell.text !== '' ? targetCell : undefined;
  return {
    pre: row.cells.filter((c) => c.col <= nameCol),
    nameCol,
    target: {
      value: filledTarget ? filledTarget.text : undefined,
      raw: filledTarget?.text ?? '',
      ...(targetCell ? { place: targetCell.place } : {}),
      cells: filledTarget ? [filledTarget] : [],
    },
    rest: row.cells.filter((c) => c.col > nameCol && c.col !== targetCol && c.text !== ''),
    shift,
  };
}

/** Cells after the target: by the header column they fall under; strays go to the free note fields, else a warning. */
function placeRest(indicator: RawIndicator, rest: Cell[], header: Header, shift: number, warnings: Warnings): void {
  const append = (key: 'explanation' | 'scoringNote', text: string) => {
    indicator[key] = indicator[key] ? `${indicator[key]}；${text}` : text;
  };
  for (const cell of rest) {
    const role: Role | undefined = header.roles.get(cell.col - shift);
    switch (role) {
      case 'description':
      case 'explanation':
        append('explanation', cell.text);
        break;
      case 'scoringNote':
        append('scoringNote', cell.text);
        break;
      case 'standard':
        if (indicator.standard === undefined) indicator.standard = cell.text;
        else warnings.add(cell.place, cell.text, '重复的绩效标准，未使用 / second standard not used');
        break;
      case 'reference':
        indicator.reference = cell.text;
        break;
      case 'points': {
        const points = cell.num ?? (BARE_NUMBER.test(normalizeText(cell.text)) ? Number(normalizeText(cell.text).replace(/,/g, '')) : NaN);
        if (Number.isFinite(points) && points >= 0 && points <= 100) indicator.points = points;
        else warnings.add(cell.place, cell.text, '无法识别的分值，应为 0–100 的数字 / points not understood: expected a number 0–100');
        break;
      }
      default:
        if (header.threeCell && indicator.explanation === undefined) indicator.explanation = cell.text;
        else if (header.threeCell && indicator.scoringNote === undefined) indicator.scoringNote = cell.text;
        else warnings.add(cell.place, cell.text, '此单元格不在任何已知的列下，未导入 / cell under no known column, not imported');
    }
  }
}
