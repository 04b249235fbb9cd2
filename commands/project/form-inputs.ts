import { z } from 'zod';
import { DISPLAY_UNITS } from '../../domain/project/events.js';
import { TEXT_LIMITS } from './limits.js';

/**
 * Bodies of the commands of the 自评表 as filed (issue 15): goals, 实际完成情况, the execution
 * override, 项目实施期 and the display unit. Every free text has a maximum length.
 */

/** The maxima of limits.ts; a period is as long as a reference. */
const MAX = { goals: TEXT_LIMITS.goals, prose: TEXT_LIMITS.prose, period: TEXT_LIMITS.reference } as const;
const longest = (max: number) => `最多 ${max} 个字符 / at most ${max} characters`;
const text = (what: string, max: number) =>
  z.string({ error: (issue) => (issue.input === undefined ? `${what}：必填` : `${what}：应为文本`) }).trim().min(1, `${what}不能为空`).max(max, `${what}：${longest(max)}`);
const optionalText = (what: string, max: number) => z.string().trim().max(max, `${what}：${longest(max)}`).optional();

export const ReviseGoalsInput = z
  .strictObject({
    annual: optionalText('年度总体目标 annual', MAX.goals),
    longTerm: optionalText('长期目标 longTerm', MAX.goals),
    reason: text('修改原因 reason', MAX.prose),
  })
  .refine((v) => v.annual !== undefined || v.longTerm !== undefined, { message: '至少给出 annual 或 longTerm 之一', path: ['annual'] });
export type ReviseGoalsInput = z.infer<typeof ReviseGoalsInput>;

export const DescribeAchievementsInput = z.strictObject({
  text: text('实际完成情况 text', MAX.goals),
  /** Needed once a text was written: replacing it is a correction. */
  reason: optionalText('修改原因 reason', MAX.prose),
});
export type DescribeAchievementsInput = z.infer<typeof DescribeAchievementsInput>;

export const OverrideExecutionScoreInput = z.strictObject({
  score: z.number({ error: 'score：应为数字' }).min(0, 'score：不能为负'),
  reason: text('理由 reason', MAX.prose),
});
export type OverrideExecutionScoreInput = z.infer<typeof OverrideExecutionScoreInput>;

const DateText = z.string({ error: '应为日期，如 2022-01-01' }).trim().max(50, longest(50));

export const PeriodInputSchema = z
  .union([z.string().trim().min(1).max(MAX.period, longest(MAX.period)), z.strictObject({ start: DateText, end: DateText })], {
    error: '项目实施期：应为文本（如 "2022.1-2022.12"）或 {start, end}',
  })
  .describe('项目实施期 as written ("2022.1-2022.12", "2022年1月至2022年12月") or {start, end} dates');

export const SetImplementationPeriodInput = z.strictObject({
  period: PeriodInputSchema,
  /** Needed to change a period already set. */
  reason: optionalText('修改原因 reason', MAX.prose),
});
export type SetImplementationPeriodInput = z.infer<typeof SetImplementationPeriodInput>;

export const DisplayUnitInput = z.enum(DISPLAY_UNITS, { error: `金额单位：应为 ${DISPLAY_UNITS.join(' 或 ')}` });

export const SetDisplayUnitInput = z.strictObject({ unit: DisplayUnitInput });
export type SetDisplayUnitInput = z.infer<typeof SetDisplayUnitInput>;
