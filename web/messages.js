/**
 * The API's refusals (problem+json, src/http/problem.ts) in plain Chinese for the page: each field's
 * message said with the field's name ("请填写金额"), ranges in words, and no English — the API keeps
 * its bilingual `detail` for other clients.
 */

/** Field names as a 填报人 knows them, by the last segment of the field path. */
const LABELS = {
  amount: '金额', date: '日期', asOf: '截至日期', value: '实际完成值', actual: '实际完成值', forecast: '预计全年完成值',
  evidence: '佐证材料', note: '备注', reference: '凭证号', reason: '原因', source: '资金来源', total: '全年预算数',
  approvalRef: '批准文号', effectiveDate: '生效日期', sources: '资金来源', name: '名称', target: '指标值',
  level1: '一级指标', level2: '二级指标', standard: '评分标准', points: '分值', grade: '评价', score: '得分',
  comment: '说明', category: '原因类别', measure: '改进措施', likelihood: '完成可能性', checkpoint: '监控时点',
  indicatorId: '指标', annual: '年度总体目标', longTerm: '长期目标', text: '实际完成情况', period: '项目实施期',
  unit: '金额单位', month: '月份', cumulativePercent: '累计支出计划', code: '项目编码', year: '年度',
  department: '主管部门', initial: '年初预算数', checkpoints: '支出计划', rows: '填报行', indicators: '指标表',
  from: '起点', to: '终点', knownAt: '记录时间', 'If-Match': '页面版本', body: '填写内容',
};

/** "indicators[3].target" → "target"; "rows[2].actual" → "actual". */
export function fieldName(field) {
  const parts = String(field ?? '').split('.').map((p) => p.replace(/\[\d+\]$/, ''));
  return parts[parts.length - 1] ?? '';
}

export function labelOf(field) {
  return LABELS[fieldName(field)] ?? LABELS[field] ?? '';
}

/** The Chinese half of "中文 / English", and nothing of it that is English prose. */
export function chineseOnly(text) {
  const head = String(text ?? '').split(' / ')[0];
  return /[\u4e00-\u9fff]/.test(head) ? head.trim() : '';
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?)';

/** Interval notation and the validators' English, said in words. */
function inWords(message, label) {
  const m = String(message ?? '');
  let r;
  if (/received undefined|^Required$|必填|不能为空$/i.test(m)) return `请填写${label || '此项'}`;
  if ((r = new RegExp(`(?:>=|≥)\\s*${NUMBER}`).exec(m)) && /too small/i.test(m)) return `${label || '此项'}应不少于 ${r[1]}`;
  if ((r = new RegExp(`(?:<=|≤)\\s*${NUMBER}`).exec(m)) && /too big/i.test(m)) return `${label || '此项'}应不超过 ${r[1]}`;
  if ((r = new RegExp(`^[A-Za-z]+：${NUMBER}[–-]${NUMBER}$`).exec(m))) return `${label || '此项'}应在 ${r[1]} 到 ${r[2]} 之间`;
  if ((r = /at most (\d+) characters/.exec(m)) || (r = /最多 (\d+) 个字符/.exec(m))) return `${label || '此项'}最多 ${r[1]} 个字符`;
  if ((r = /expected one of (.+)$/i.exec(m))) return `请从以下选择：${r[1].replace(/"/g, '').split('|').join('、')}`;
  if ((r = /Unrecognized keys?: (.+)$/i.exec(m))) return `无法识别的填写项：${r[1].replace(/"/g, '')}`;
  if (/expected (number|int)/i.test(m)) return `${label || '此项'}应为数字`;
  if (/expected string/i.test(m)) return `${label || '此项'}应为文本`;
  if (/expected array/i.test(m)) return `请填写${label || '此项'}`;
  const chinese = chineseOnly(m);
  if (!chinese) return label ? `${label}填写有误` : '填写有误';
  return chinese
    // [0, 10] / [0,10] → 在 0 到 10 之间
    .replace(new RegExp(`应在\\s*\\[\\s*${NUMBER}\\s*,\\s*${NUMBER}\\s*\\]\\s*内`, 'g'), '应在 $1 到 $2 之间')
    .replace(new RegExp(`\\[\\s*${NUMBER}\\s*,\\s*${NUMBER}\\s*\\]`, 'g'), '在 $1 到 $2 之间')
    .replace(new RegExp(`${NUMBER}[–-]${NUMBER} 的`, 'g'), '$1 到 $2 的')
    // "项目编码 code：…" → "项目编码：…"; "reason（…）" stays Chinese around it
    .replace(/([\u4e00-\u9fff）]) ?[A-Za-z][A-Za-z.[\]0-9]*(：|不能为空)/g, '$1$2')
    .replace(/^[A-Za-z][A-Za-z.[\]0-9]*：/, label ? `${label}：` : '')
    .replace(/（(?:reason|approvalRef|evaluation\/reopen)）/g, '');
}

/** "rows[2].actual" → 2; undefined when the field is not a row's. */
export function rowOf(field, list = 'rows') {
  const m = new RegExp(`^${list}\\[(\\d+)\\]`).exec(String(field ?? ''));
  return m ? Number(m[1]) : undefined;
}

/**
 * {summary, errors: [{field, message}]}: the summary says what happened; each error its field's
 * message in plain Chinese.
 */
export function plainProblem(problem) {
  const p = problem ?? {};
  const errors = (Array.isArray(p.errors) ? p.errors : []).map((e) => ({ field: e.field, message: inWords(e.message, labelOf(e.field)) }));
  return { summary: summaryOf(p, errors), errors };
}

function summaryOf(p, errors) {
  if (p.status === 0) return '无法连接服务器，请检查网络后重试';
  if (p.status === 401) return p.rule === 'token-unknown' ? '令牌无效：请在页面右上角重新填写令牌' : '需要令牌：请在页面右上角填写令牌';
  if (p.status === 403) return '没有权限进行此操作';
  if (p.status === 412) return chineseOnly(p.detail) || '项目已被他人更新，请刷新后再提交';
  if (p.status === 413) return '提交的内容过多，请分批提交';
  if (p.status >= 500) return chineseOnly(p.detail) || '服务器暂时无法完成，请稍后重试';
  // "asOf: 2021-12-31 不在项目年度 2022 内" → "截至日期：2021-12-31 不在项目年度 2022 内"
  let detail = chineseOnly(p.detail).replace(/^([A-Za-z][\w[\].]*): /, (_, f) => (labelOf(f) ? `${labelOf(f)}：` : ''));
  // A detail listing fields ("body 无效：amount: …") says no more than the messages at the fields.
  if (errors.length > 0 && /[A-Za-z][\w[\].]*\s*: /.test(detail)) detail = detail.split('：')[0];
  if (p.rule === 'invalid-input' || /^(body|params|querystring) 无效$/.test(detail) || !/[\u4e00-\u9fff]/.test(detail)) {
    return errors.length > 0 ? `有 ${errors.length} 处需要修改，见标红的填写项` : '填写有误，请检查';
  }
  return detail;
}
