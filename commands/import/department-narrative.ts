import { rowPlace, rowsPlace, rowText, type Row, type Warnings } from './grid.js';
import { emptyTable, type RawTable } from './raw-table.js';

const HEADING = /^\s*部门整体绩效目标\s*$/u;
/** "一、总体绩效目标": a section of the narrative (its goals are numbered 一、… too, so the names decide). */
const SECTION = /^(?:\[bookmark:[^\]]*\])?\s*[一二三四五六七八九十]+、\s*(总体绩效目标|分项绩效目标|工作保障措施)\s*$/u;

/**
 * The narrative 部门整体绩效目标 of a department's document (003 part 1) as a department table: its
 * 总体绩效目标 become the department-year's goals; the other sections (分项绩效目标 restates the
 * project tables, 工作保障措施) are reported, not imported. Undefined when the rows are not such a part.
 */
export function departmentNarrative(rows: readonly Row[], warnings: Warnings): RawTable | undefined {
  const texts = rows.map((r) => rowText(r).trim());
  const at = texts.findIndex((t) => HEADING.test(t));
  if (at < 0) return undefined;
  const table = emptyTable(rowPlace(rows[at]!), '部门整体绩效目标');
  table.kind = 'department';
  let section: string | undefined;
  let skipped: Row[] = [];
  const flushSkipped = () => {
    if (skipped.length > 0) {
      warnings.add(rowsPlace(skipped[0]!, skipped[skipped.length - 1]!), rowText(skipped[0]!).slice(0, 40), `部门整体绩效目标中的“${section ?? '其他'}”部分（${skipped.length} 行）没有对应的字段，未导入 / not imported`);
    }
    skipped = [];
  };
  rows.forEach((row, i) => {
    const text = texts[i]!;
    if (i <= at || text === '') return;
    const heading = SECTION.exec(text);
    if (heading) {
      flushSkipped();
      section = heading[1];
      return;
    }
    if (section === '总体绩效目标') table.goalsAnnual.push(text);
    else if (/^第[一二三四五六七八九十]+部分$/.test(text)) return;
    else skipped.push(row);
  });
  flushSkipped();
  if (at > 0) warnings.add(rowsPlace(rows[0]!, rows[at - 1]!), texts[0]!.slice(0, 40), '部门整体绩效目标之前的文字，未导入 / not imported');
  return table;
}
