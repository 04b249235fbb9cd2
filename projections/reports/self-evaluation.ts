/** The 项目支出绩效自评表 (docs/domain.md §5.6): the table as data, and its csv, xlsx and html forms. */
export {
  selfEvaluationTable,
  type SelfEvaluationTable,
  type FundingRow,
  type IndicatorRow,
} from './self-evaluation-table.js';
export { selfEvaluationCsv } from './self-evaluation-csv.js';
export { selfEvaluationXlsx, SHEET_NAME } from './self-evaluation-xlsx.js';
export { REPORT_CSP, REPORT_STYLE_HASH, selfEvaluationHtml } from './self-evaluation-html.js';
