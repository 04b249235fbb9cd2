/** The value parsers and formatters in one import. */
export { parseMoney } from './parse-money.js';
export { parseDate, parseDeadline, type DateContext } from './parse-date.js';
export { parseTarget, qualitativeFromName, type TargetCells, type TargetContext } from './parse-target.js';
export { parseActual, parseGrade } from './parse-actual.js';
export { formatFen, formatMoneyChinese, formatQuantity, formatTarget, comparatorSymbol } from './format.js';
export { quantityMagnitude, sameUnit, unitLabel } from './units.js';
export { plainNumber } from './parse-number.js';
