import type { ImportResult } from '../import/import-service.js';

/**
 * What an import found, as a table a person reads in a terminal before any JSON: one line per
 * project (its outcome, code, year, department, indicators, what is missing or assumed), then the
 * warnings with their cells.
 */

const STATUS_WORDS: Record<ImportResult['projects'][number]['outcome']['status'], string> = {
  'would-create': '将新建',
  'would-update': '将更新',
  unchanged: '无变化',
  created: '已新建',
  updated: '已更新',
  missing: '缺少信息',
  refused: '被拒绝',
};

const FIELD_WORDS: Record<string, string> = { name: '项目名称', code: '项目编码', year: '年度', department: '主管部门', budget: '预算' };

/** Terminal columns of text: CJK and full-width characters take two. */
function widthOf(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - widthOf(text)));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => widthOf(r[k] ?? ''))));
  return rows.map((r) => r.map((cell, k) => (k === r.length - 1 ? cell : pad(cell, widths[k]!))).join('  ').trimEnd()).join('\n');
}

export function importSummary(result: ImportResult): string {
  const rows = [['#', '结果', '项目名称', '项目编码', '年度', '主管部门', '指标', '说明']];
  result.projects.forEach((p, n) => {
    const o = p.outcome;
    const note =
      o.status === 'missing'
        ? `缺少：${o.missing.map((m) => FIELD_WORDS[m] ?? m).join('、')}`
        : o.error
          ? o.error.detail
          : o.assumed.length > 0
            ? `假定：${o.assumed.map((a) => a.split(' / ')[0]).join('；')}`
            : '';
    rows.push([
      String(n + 1),
      STATUS_WORDS[o.status],
      p.register.name,
      p.register.code ?? '—',
      p.register.year !== undefined ? String(p.register.year) : '—',
      p.register.department ?? '—',
      String(p.preview.indicators.length),
      note,
    ]);
  });
  const lines = [result.message.split(' / ')[0]!, '', table(rows)];
  if (result.warnings.length > 0) {
    lines.push('', `警告（${result.warnings.length} 条）：`, table(result.warnings.map((w) => [`  ${w.place}`, w.raw.length > 20 ? `${w.raw.slice(0, 20)}…` : w.raw, w.message.split(' / ')[0]!])));
  }
  if (result.projects.some((p) => p.outcome.status === 'missing')) {
    lines.push('', '缺少的信息可以用参数补上：--year 2022 --department 名称（文件只有一个项目时还可用 --code、--budget）。');
  }
  return `${lines.join('\n')}\n`;
}

/** Nothing could be recorded: no project found, or none that would be (or was) recorded or is already there. */
export function nothingRecordable(result: ImportResult): boolean {
  const fine = new Set(['would-create', 'would-update', 'unchanged', 'created', 'updated']);
  return !result.projects.some((p) => fine.has(p.outcome.status));
}
