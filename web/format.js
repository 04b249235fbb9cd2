import { h } from './dom.js';

/** Colours with their words: the chip carries text, not colour alone. */
export const COLOURS = {
  green: { label: '绿', meaning: '正常' },
  yellow: { label: '黄', meaning: '轻度偏差' },
  red: { label: '红', meaning: '严重偏差' },
  blue: { label: '蓝', meaning: '大幅超前' },
};

export function chip(colour) {
  const c = COLOURS[colour];
  if (!c) return h('span.chip-none', { title: '暂无可判断的数据' }, '—');
  return h(`span.chip.chip-${colour}`, { title: `${c.label}：${c.meaning}` }, h('span.dot', { 'aria-hidden': 'true' }), c.label);
}

/** "450000.00" 元 (decimal string, never a float) → "450,000.00". */
export function yuan(decimal) {
  if (decimal === undefined || decimal === null || decimal === '') return '—';
  const text = String(decimal);
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Fen (integer) → 元 text with two decimals, by integer arithmetic. */
export function fenToYuan(fen) {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  return yuan(`${negative ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}

export function percent(n) {
  if (n === undefined || n === null || Number.isNaN(n)) return '—';
  return `${Number(n.toFixed(2))}%`;
}

export function score(n) {
  if (n === undefined || n === null) return '—';
  return Number(n).toFixed(2);
}

/** "2022-06-21T10:00:00.000+08:00" → "2022-06-21 10:00". */
export function timestamp(iso) {
  if (!iso) return '—';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

export const STATUS = { open: '填报中', submitted: '已提交自评' };

/**
 * An amount given in 元 as decimal text ("500000.00"), written in a project's display unit with
 * thousands separators: "500,000.00 元" or "50.00 万元" (万元 keeps every fen: "0.0123 万元").
 * Integer arithmetic on the digits, never a float.
 */
export function money(decimalYuan, unit = '元') {
  if (decimalYuan === undefined || decimalYuan === null || decimalYuan === '') return '—';
  if (unit !== '万元') return `${yuan(decimalYuan)} 元`;
  const text = String(decimalYuan);
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const fen = `${int}${frac.padEnd(2, '0').slice(0, 2)}`.replace(/^0+(?=\d)/, '').padStart(7, '0');
  let decimals = fen.slice(-6);
  while (decimals.length > 2 && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return `${yuan(`${negative ? '-' : ''}${fen.slice(0, -6)}.${decimals}`)} 万元`;
}
