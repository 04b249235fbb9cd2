/**
 * The money unit a target is written in, as a power of ten of 元: 0 for 元, 4 for 万元 (or a bare
 * 万), 8 for 亿元, 3 for 千元. Read from the target as written ("≥80万元", "≤3万", "$\leq 50万元$"),
 * since a parsed money target keeps only fen. Text without a money unit is in 元.
 */
export function moneyScaleOfText(targetText: string | undefined): number {
  const t = (targetText ?? '').replace(/\s+/g, '');
  if (/亿/.test(t)) return 8;
  if (/百万元/.test(t)) return 6;
  if (/千万元/.test(t)) return 7;
  if (/万/.test(t)) return 4;
  if (/千元/.test(t)) return 3;
  return 0;
}

const SCALE_LABEL: Record<number, string> = { 0: '元', 3: '千元', 4: '万元', 6: '百万元', 7: '千万元', 8: '亿元' };

export const moneyUnitLabel = (scale: number): string => SCALE_LABEL[scale] ?? '元';
