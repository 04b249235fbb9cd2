import { level1Of } from '../../domain/project/level1.js';

/**
 * The words of the forms: labels of the fields above the indicator table, the columns of its header,
 * and the names of the indicator levels. Matching is on a key: NFKC, no whitespace, no "*" marks,
 * no trailing colon, so "*三级指标", "年度本级\n预算金额" and "项目名称：" all match.
 */

export function keyOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(TRAILING_COLONS, '');
}

/** Trailing colons, matched from a position that is not itself after a colon: a plain `[:：]+$` is quadratic on a long run of colons. */
const TRAILING_COLONS = /(?<![:：])[:：]+$/;

/** "预算金额(万元)" → { base: "预算金额", paren: "万元" } (on a key: parentheses already ASCII). */
export function splitParen(key: string): { base: string; paren?: string } {
  const m = /^(.*?)\(([^()]*)\)$/.exec(key);
  return m ? { base: m[1] ?? '', paren: m[2] ?? '' } : { base: key };
}

export type Field =
  | 'name'
  | 'deptName'
  | 'code'
  | 'department'
  | 'unit'
  | 'year'
  | 'period'
  | 'budget'
  | 'source'
  | 'goalsAnnual'
  | 'goalsLongTerm'
  | 'taskName'
  | 'taskContent';

const FIELDS: ReadonlyArray<readonly [Field, RegExp]> = [
  ['name', /^(?:项目名称|项目支出名称|项目全称)$/],
  ['deptName', /^(?:部门名称|部门全称)$/],
  ['code', /^(?:项目编码|项目代码|项目编号)$/],
  ['department', /^(?:主管部门|主管部门及代码|预算部门|主管单位)$/],
  ['unit', /^(?:实施单位|项目实施单位|填报单位|编制单位|预算单位)$/],
  ['year', /^(?:年度|预算年度|项目年度|所属年度)$/],
  ['period', /^(?:项目支出实施期|项目实施期|实施期|项目期限)$/],
  [
    'budget',
    /^(?:年度本级预算金额|年度预算金额|预算金额|预算数|年度预算|年度预算数|年初预算数|全年预算数|项目预算|预算资金|资金总额|年度资金总额|项目总金额|预算总额|预算|项目资金|资金)$/,
  ],
  ['source', /^(?:其中)?(?:财政拨款|财政资金|本级财政资金|其他资金|上级资金|该项目支出上级资金|上年结转|上年结转资金|自有资金)$/],
  ['goalsAnnual', /^(?:绩效目标|本年度绩效目标|年度绩效目标|年度总体目标|年度目标|总体绩效目标|年度总体绩效目标)$/],
  ['goalsLongTerm', /^(?:实施期绩效目标|实施期目标|长期目标|中长期目标|总体目标)$/],
  ['taskName', /^任务名称$/],
  ['taskContent', /^主要内容$/],
];

/** Labels that head a block and take no value of their own. */
const SECTIONS = /^(?:预算规模及资金用途|年度主要任务|年度部门整体支出预算|资金支出计划|支出计划|本?年度绩效指标|绩效指标)$/;
export const PLAN_SECTION = /^(?:资金支出计划|支出计划)$/;

export type Label =
  | { kind: 'field'; field: Field; paren?: string; sourceName?: string }
  | { kind: 'section'; plan: boolean; paren?: string }
  | { kind: 'month'; month: number };

export function labelOf(text: string): Label | undefined {
  const key = keyOf(text).replace(/^其中[:：]?/, '其中');
  if (key === '') return undefined;
  const month = /^(\d{1,2})月(?:底|末|份)?$/.exec(key);
  if (month) {
    const m = Number(month[1]);
    return m >= 1 && m <= 12 ? { kind: 'month', month: m } : undefined;
  }
  const { base, paren } = splitParen(key);
  for (const candidate of [key, base]) {
    if (SECTIONS.test(candidate)) return { kind: 'section', plan: PLAN_SECTION.test(candidate), ...(paren !== undefined ? { paren } : {}) };
    const found = FIELDS.find(([, re]) => re.test(candidate));
    if (found) {
      const label: Label = { kind: 'field', field: found[0], ...(paren !== undefined && candidate === base ? { paren } : {}) };
      if (found[0] === 'source') label.sourceName = candidate.replace(/^其中/, '').replace(/^该项目支出/, '');
      return label;
    }
  }
  return undefined;
}

/** "单位：万元" / "金额单位：元" — the unit of every amount on the form. */
export function moneyUnitOf(text: string): string | undefined {
  const m = /^(?:金额)?单位[:：]\s*(万元|元|千元|亿元)$/.exec(text.normalize('NFKC').trim());
  return m?.[1];
}

/** "(2022年度)", "2022年度", "2022年". */
export function yearCellOf(text: string): number | undefined {
  const m = /^[(]?(\d{4})年度?[)]?$/.exec(keyOf(text));
  return m ? Number(m[1]) : undefined;
}

export type Role =
  | 'label'
  | 'level1'
  | 'level2'
  | 'name'
  | 'description'
  | 'target'
  | 'comparator'
  | 'value'
  | 'unit'
  | 'standard'
  | 'explanation'
  | 'scoringNote'
  | 'points'
  | 'reference';

const HEADER_ROLES: ReadonlyArray<readonly [Role, RegExp]> = [
  ['label', /^(?:本?年度)?绩效指标$/],
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['name', /^(?:三级指标|指标名称|绩效指标名称)/],
  ['scoringNote', /^(?:指标值说明|评分标准|评分规则|评分方法|计分方法)/],
  ['description', /^(?:绩效指标描述|指标描述|指标内容|指标说明)/],
  ['explanation', /^(?:备注|指标解释)/],
  ['comparator', /^(?:符号|比较符号|运算符)$/],
  ['unit', /^(?:计量单位|度量单位|单位)$/],
  ['reference', /^(?:参考值|行业值|历史值|标准值)/],
  ['standard', /(?:绩效标准|确定依据|^标准$|^指标来源|^依据)/],
  ['points', /^(?:分值|权重|分数)/],
  ['target', /^(?:年度指标值|指标值|目标值|年度目标值|预期目标)/],
];

/** The role of a header cell; in the second header row "值" means the value cell of 符号 | 值 | 单位. */
export function headerRoleOf(text: string, subHeader = false): Role | undefined {
  const key = keyOf(text);
  if (subHeader && /^(?:值|数值|指标值|目标值)$/.test(key)) return 'value';
  return HEADER_ROLES.find(([, re]) => re.test(key))?.[0];
}

export function isHeaderRow(texts: string[]): boolean {
  const roles = new Set(texts.map((t) => headerRoleOf(t)));
  return roles.has('name') && (roles.has('level1') || roles.has('level2'));
}

export function isSubHeaderRow(texts: string[]): boolean {
  const filled = texts.filter((t) => t !== '');
  return filled.length > 0 && filled.every((t) => ['comparator', 'value', 'unit'].includes(headerRoleOf(t, true) ?? ''));
}

/** Level-1 groups, as level1Of in commands/project reads them. */
export type Group = 'output' | 'cost' | 'benefit' | 'satisfaction';

export const GROUP_NAME: Record<Group, string> = { output: '产出指标', cost: '成本指标', benefit: '效益指标', satisfaction: '满意度指标' };

export type LevelWord =
  | { kind: 'level1'; group: Group }
  | { kind: 'level2'; groups: Group[] }
  /** 成本指标 and 满意度指标 are level 1 in some templates and level 2 in others. */
  | { kind: 'either'; group: Group };

export function levelWordOf(text: string): LevelWord | undefined {
  const key = keyOf(text);
  if (/^产出(?:指标)?$/.test(key)) return { kind: 'level1', group: 'output' };
  if (/^(?:效益|效果)(?:指标)?$/.test(key)) return { kind: 'level1', group: 'benefit' };
  if (/^成本(?:指标)?$/.test(key)) return { kind: 'either', group: 'cost' };
  if (/^满意度(?:指标)?$/.test(key)) return { kind: 'either', group: 'satisfaction' };
  if (key.length > 16) return undefined;
  const named = /^(?:数量|质量|时效|经济效益|社会效益|生态效益|可持续影响|可持续效益|服务对象满意度)$/.test(key);
  if (!named && !/指标$/.test(key)) return undefined;
  if (/满意/.test(key)) return { kind: 'level2', groups: ['satisfaction'] };
  if (/成本/.test(key)) return { kind: 'level2', groups: /^(?:经济|社会|生态环境)成本/.test(key) ? ['cost'] : ['output', 'cost'] };
  if (/效益|影响|可持续/.test(key)) return { kind: 'level2', groups: ['benefit'] };
  if (/数量|质量|时效/.test(key)) return { kind: 'level2', groups: ['output'] };
  return undefined;
}

/** The canonical group of a level-1 name: the same rule as the commands use. */
export const groupOf: (level1: string) => Group | undefined = level1Of;

export function isSymbolCell(text: string): boolean {
  return /^定性(?:指标|描述)?$/.test(keyOf(text));
}

export const NOTES_RE = /^(?:备注|注|说明|填表说明)[:：]?/;
