import { parseMoney } from '../../domain/values/parse-money.js';
import type { Cell, Row, Warnings } from './grid.js';
import type { RawTable } from './raw-table.js';
import { keyOf, labelOf, moneyUnitOf, yearCellOf, type Label } from './vocabulary.js';

/**
 * The part of a table above the indicator header: label | value pairs in any arrangement the forms use —
 * side by side ("项目名称 | X | 项目编码 | Y"), a row of labels over a row of values ("资金总额 | 财政拨款"
 * then "2,550.87 | 2,550.87"; "3月底 … 12月底" then " | | | 100%"), a label over paragraphs (年度总体目标),
 * or "填报单位：X" inside one cell. A cell that fits none of these is reported, never dropped.
 */

type Item = { kind: 'label'; label: Label; cell: Cell } | { kind: 'value'; text: string; cell: Cell };
type Pending = { label: Label; cell: Cell };

export type HeadState = { pending: Pending[] };

export function readHeadRow(row: Row, table: RawTable, state: HeadState, warnings: Warnings): void {
  let hasMoneyUnit = false;
  const items: Item[] = [];
  for (const cell of row.cells) {
    if (cell.text === '') continue;
    for (const text of segmentsOf(cell.text)) {
      const unit = moneyUnitOf(text);
      if (unit) {
        table.moneyUnit = unit;
        hasMoneyUnit = true;
        continue;
      }
      const year = yearCellOf(text);
      if (year !== undefined) {
        setYear(table, 'year', year, cell, warnings);
        continue;
      }
      const label = labelOf(text);
      if (label) {
        items.push({ kind: 'label', label, cell });
        continue;
      }
      const inline = inlineLabel(text);
      if (inline) {
        items.push({ kind: 'label', label: inline.label, cell }, { kind: 'value', text: inline.value, cell });
        continue;
      }
      items.push({ kind: 'value', text, cell });
    }
  }
  if (items.length === 0) return;

  if (!items.some((i) => i.kind === 'label')) {
    const values = items as Array<Extract<Item, { kind: 'value' }>>;
    const first = values[0];
    if (hasMoneyUnit && first && values.length === 1 && !table.reportingBody) {
      table.reportingBody = { value: first.text, place: first.cell.place };
      return;
    }
    pairWithPending(values, table, state, warnings);
    return;
  }
  const bare: Pending[] = [];
  const unpaired: Array<Extract<Item, { kind: 'value' }>> = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'value') {
      unpaired.push(item);
      continue;
    }
    if (item.label.kind === 'section') {
      if (item.label.plan && item.label.paren !== undefined) table.planUnit = item.label.paren;
      continue;
    }
    const next = items[i + 1];
    if (next?.kind === 'value') {
      assign(item.label, next.text, next.cell, table, warnings);
      i++;
    } else {
      bare.push({ label: item.label, cell: item.cell });
    }
  }
  state.pending = bare;
  for (const value of unpaired) {
    // The row holding 单位：元 names the body that drew up the form on its other side.
    if (hasMoneyUnit && !table.reportingBody) table.reportingBody = { value: value.text, place: value.cell.place };
    else unknownCell(value.cell, value.text, warnings);
  }
}

/** "填报单位：会同县工商联（盖章）      单位：万元" holds two fields: split on wide gaps when every part is one. */
function segmentsOf(text: string): string[] {
  const parts = text.split(/\s{2,}|\u3000+/).filter((p) => p.trim() !== '');
  if (parts.length > 1 && parts.every((p) => moneyUnitOf(p) || inlineLabel(p))) return parts;
  return [text];
}

function inlineLabel(text: string): { label: Label; value: string } | undefined {
  const m = /^([^:：]{2,12})[:：]\s*(.+)$/s.exec(text.trim());
  if (!m) return undefined;
  const label = labelOf(m[1] ?? '');
  return label && label.kind === 'field' ? { label, value: (m[2] ?? '').trim() } : undefined;
}

function pairWithPending(values: Array<Extract<Item, { kind: 'value' }>>, table: RawTable, state: HeadState, warnings: Warnings): void {
  const { pending } = state;
  // As many values as labels: they go in order (rows shifted by merged cells); otherwise by column.
  const inOrder = values.length === pending.length;
  values.forEach((value, n) => {
    const target = inOrder ? pending[n] : pending.find((p) => p.cell.col === value.cell.col);
    if (!target || !fits(target.label, value.text)) return unknownCell(value.cell, value.text, warnings);
    assign(target.label, value.text, value.cell, table, warnings);
  });
}

function unknownCell(cell: Cell, text: string, warnings: Warnings): void {
  warnings.add(cell.place, text, '未识别的单元格，未导入（不是已知的栏目或其值） / cell not understood: not a known field or its value');
}

/** Whether a value found under a label (not beside it) is of the label's kind: an amount under 预算数, a share under 6月底. */
function fits(label: Label, text: string): boolean {
  if (label.kind === 'month') return PERCENT_RE.test(text.normalize('NFKC').trim());
  if (label.kind !== 'field') return false;
  if (label.field === 'budget' || label.field === 'source') return parseMoney(text).ok;
  if (label.field === 'year' || label.field === 'period') return /(?:19|20)\d{2}/.test(text);
  return true;
}

const PERCENT_RE = /^\d+(?:\.\d+)?\s*%?$/;
const MONEY_UNITS = new Set(['元', '万元', '千元', '亿元']);
const clean = (text: string) => text.replace(/[（(]盖章[)）]/g, '').trim();

function assign(label: Label, text: string, cell: Cell, table: RawTable, warnings: Warnings): void {
  const place = cell.place;
  if (label.kind === 'section') return;
  if (label.kind === 'month') {
    if (!PERCENT_RE.test(text.normalize('NFKC').trim())) {
      warnings.add(place, text, `${label.month}月底的支出计划应为百分比，如 "30%" / the spending plan share should be a percentage`);
      return;
    }
    table.plan.push({ value: { month: label.month, text }, place });
    return;
  }
  const unit = label.paren !== undefined && MONEY_UNITS.has(label.paren) ? label.paren : undefined;
  switch (label.field) {
    case 'name':
    case 'deptName':
    case 'code':
    case 'department':
    case 'unit': {
      const existing = table[label.field];
      const value = clean(text);
      if (existing && existing.value !== value) {
        warnings.add(place, text, `重复的栏目，已保留 ${existing.place} 的 "${existing.value}" / repeated field: kept the first`);
        return;
      }
      table[label.field] = { value, place };
      return;
    }
    case 'year':
    case 'period': {
      const year = /(?:19|20)\d{2}/.exec(keyOf(text));
      if (!year) {
        warnings.add(place, text, '无法识别的年度，应含四位年份 / year not understood');
        return;
      }
      setYear(table, label.field === 'year' ? 'year' : 'periodYear', Number(year[0]), cell, warnings);
      if (label.field === 'period' && !table.period) table.period = { value: text.trim(), place };
      return;
    }
    case 'budget':
    case 'source': {
      if (!parseMoney(text).ok) {
        warnings.add(place, text, '无法识别的金额，应为数字或带单位的金额 / amount not understood');
        return;
      }
      if (label.field === 'budget') {
        if (table.budget) warnings.add(place, text, `重复的预算栏目，已保留 ${table.budget.place} 的值 / repeated budget: kept the first`);
        else table.budget = { value: { text, ...(unit ? { unit } : {}) }, place };
      } else {
        table.sources.push({ value: { name: label.sourceName ?? '其他资金', text, ...(unit ? { unit } : {}) }, place });
      }
      return;
    }
    case 'goalsAnnual':
      table.goalsAnnual.push(text);
      return;
    case 'goalsLongTerm':
      table.goalsLongTerm.push(text);
      return;
    case 'taskName':
      table.tasks.push({ name: text, content: '' });
      return;
    case 'taskContent': {
      const last = table.tasks[table.tasks.length - 1];
      if (last && last.content === '') last.content = text;
      else table.tasks.push({ name: '', content: text });
      return;
    }
  }
}

function setYear(table: RawTable, key: 'year' | 'periodYear', year: number, cell: Cell, warnings: Warnings): void {
  const existing = table[key];
  if (!existing) table[key] = { value: year, place: cell.place };
  else if (existing.value !== year) {
    warnings.add(cell.place, cell.text, `年度与 ${existing.place} 的 ${existing.value} 不同，保留第一个 / a second, different year: kept the first`);
  }
}
