import { normalizeText } from './text.js';
import type { Grade } from './types.js';

/**
 * A qualitative actual that states achievement, as self-evaluation tables write it: "有效",
 * "达成预期指标", "显著提升", "按时完成", "效果良好". A leading 部分/基本/初步 makes it 部分达成, a
 * leading 未/没有/不 makes it 未达成. Anything else is not a statement we read (null): the indicator
 * then needs an assessment.
 */
const ACHIEVED: readonly RegExp[] = [
  /^(?:已|已经|全部|全面|按时|按期|如期|圆满|顺利|高质量|保质保量)?(?:完成|达成|达到|实现|落实)(?:了)?(?:预期|既定|年度|计划|全部)?(?:目标|指标|效果|要求|任务|标准)?$/,
  /^(?:达到|达成|实现|符合|满足)(?:了)?(?:预期|要求|标准|目标)(?:指标|目标|效果|要求)?$/,
  /^(?:显著|明显|大幅|有效|持续|稳步|进一步|较大)?(?:提升|提高|改善|增强|加强|增加|改进)(?:了)?$/,
  /^(?:效果)?(?:有效|良好|较好|优秀|显著|明显|达标|合格|满意|到位|成效显著|成效明显)$/,
];

const PARTIAL = /^(?:部分|基本|初步|大部分|大体)/;
const NEGATIVE = /^(?:未能|未|没有|没|不|无法)/;

export function gradeOfStatement(input: string, targetText?: string): Grade | null {
  const text = normalizeText(input).replace(/[\s。.,，;；!！]/g, '');
  if (text === '') return null;
  const target = targetText === undefined ? '' : normalizeText(targetText).replace(/[\s。.,，;；!！]/g, '');
  if (target !== '' && text === target) return '达成';
  const partial = PARTIAL.exec(text);
  const negative = partial ? null : NEGATIVE.exec(text);
  const rest = text.slice((partial ?? negative)?.[0].length ?? 0);
  const states = ACHIEVED.some((re) => re.test(rest)) || (target !== '' && rest === target);
  if (!states) return null;
  if (partial) return '部分达成';
  if (negative) return '未达成';
  return '达成';
}
