/**
 * Text clean-up shared by the value parsers: cells come from Word/Excel exports and converters,
 * with full-width characters, odd spaces and LaTeX left behind.
 */

const LATEX_COMMANDS: Record<string, string> = {
  geqslant: '≥',
  leqslant: '≤',
  geq: '≥',
  leq: '≤',
  ge: '≥',
  le: '≤',
  gt: '>',
  lt: '<',
};

/** Strips `$…$` math and turns `\leq 0.01\%` into `≤ 0.01%`. */
function resolveLatex(s: string): string {
  if (!s.includes('\\') && !s.includes('$')) return s;
  return s
    .replace(/\\(?:text|mathrm|textrm|mbox)\{([^{}]*)\}/g, '$1')
    .replace(/\\(geqslant|leqslant|geq|leq|ge|le|gt|lt)(?![a-zA-Z])/g, (_m, name: string) => LATEX_COMMANDS[name] ?? '')
    .replace(/\\%/g, '%')
    .replace(/\\[,;: !]/g, ' ')
    .replace(/\$/g, '');
}

/**
 * NFKC (full-width digits, ＞＝, ％, ，, U+3000 and NBSP become ASCII), LaTeX resolved,
 * minus-like signs unified, zero-width characters dropped, whitespace collapsed and trimmed.
 */
export function normalizeText(input: string): string {
  const nfkc = input.normalize('NFKC');
  return resolveLatex(nfkc)
    .replace(/[\u2212\u2012\uFE63]/g, '-')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whitespace collapse only: keeps the user's own characters for display (qualitative text). */
export function collapseSpaces(input: string): string {
  return input
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u3000\u00A0]+/g, ' ')
    .trim();
}

/** The input quoted for an error message, cut short when long. */
export function quote(input: string | number): string {
  const s = typeof input === 'number' ? String(input) : collapseSpaces(input);
  return `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;
}
