import { getToken, openReport } from '../api.js';
import { h } from '../dom.js';
import { chip, COLOURS, fenToYuan, yuan } from '../format.js';

/** The pieces the department list and the department page share. */

export const departmentHref = (name, year, params = '') => `#/d/${encodeURIComponent(name)}/${year}${params}`;
export const departmentApi = (name, year) => `/api/departments/${encodeURIComponent(name)}/${year}`;

export const UNITS = ['元', '万元'];

/** Fen in 元 ("1,900,000.00") or 万元 ("190.00", every fen kept: "0.0123"), by integer arithmetic. */
export function inUnit(fen, unit) {
  if (fen === undefined || fen === null) return '—';
  if (unit !== '万元') return fenToYuan(fen);
  const abs = Math.abs(fen);
  let decimals = String(abs % 1_000_000).padStart(6, '0');
  while (decimals.length > 2 && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  return `${fen < 0 ? '-' : ''}${yuan(`${Math.trunc(abs / 1_000_000)}.${decimals}`)}`;
}

/** A 元 / 万元 switch; `go(unit)` moves the page. */
export function unitSwitch(unit, go) {
  return h('span.unit-switch', { role: 'group', 'aria-label': '金额单位' },
    h('span.sub', '金额单位：'),
    UNITS.map((u) => h('button.small', { type: 'button', 'aria-pressed': String(u === unit), onclick: () => go(u) }, u)));
}

/** Colour counts as chips with their number, e.g. 绿 2 · 黄 1; colours with none are left out. */
export function colourCounts(colours) {
  const shown = Object.keys(COLOURS).filter((c) => colours[c] > 0);
  if (shown.length === 0) return '—';
  return h('span.counts', shown.map((c) => h('span.count', { dataset: { colour: c } }, chip(c), ` ${colours[c]}`)));
}

/** Grade counts, e.g. 优 2 · 中 1; grades with none are left out. */
export function gradeCounts(grades) {
  const shown = Object.entries(grades).filter(([, n]) => n > 0);
  if (shown.length === 0) return '—';
  return h('span.counts', shown.map(([g, n]) => h('span.count', { dataset: { grade: g } }, h('span.grade', g), ` ${n}`)));
}

/** What a project's colour means in the roll-up, with the default thresholds. */
export function colourLegend() {
  return h('section.legend', { 'aria-label': '颜色说明' },
    h('span.legend-title', '颜色说明：'),
    h('span', chip('red'), ' 进度比低于 60'),
    h('span', chip('yellow'), ' 进度比 60 至 80 以下'),
    h('span', chip('green'), ' 进度比 80 及以上'),
    h('span', chip('blue'), ' 指标达到计划进度的 120% 及以上'),
    h('span.sub', '进度比 = 实际完成比例 ÷ 计划比例 × 100；项目取预算执行和各指标中最差的颜色（默认阈值，项目可以自定）。加权平均分按各项目全年预算数加权。'));
}

/** Links work as they are in single-user mode; with a bearer token the report is fetched with it. */
export function reportLink(path, label, fileName) {
  const inNewTab = fileName === undefined;
  return h('a.button.secondary', {
    href: path,
    ...(inNewTab ? { target: '_blank', rel: 'noopener' } : { download: '' }),
    onclick: (event) => {
      if (!getToken()) return;
      event.preventDefault();
      openReport(path, fileName ?? '', inNewTab).catch((e) => alert(e.message));
    },
  }, label);
}

/** Last day of a month in the year, "2022-06-30". */
export function monthEnd(year, month) {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
