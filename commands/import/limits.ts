import { COUNT_LIMITS } from '../project/limits.js';
import { Refusal } from '../errors.js';

/**
 * What one import may hold (stated in the README). Real target tables have a few dozen rows and a few
 * hundred kilobytes inside their zip; these caps sit well above that and far below what stalls the server.
 */
export const IMPORT_LIMITS = {
  /** Upload size (HTTP body or multipart file). */
  fileBytes: 20 * 1024 * 1024,
  /** Files inside an .xlsx (a workbook of a few sheets has 10–30). */
  xlsxEntries: 500,
  /** Sum of the uncompressed sizes inside an .xlsx, checked against the bytes themselves, not only as declared. */
  xlsxUncompressedBytes: 50 * 1024 * 1024,
  /** Non-empty rows of one sheet (or of a text file). */
  rowsPerSheet: 5000,
  /** Lines of a text file, blank ones included. */
  textLines: 20_000,
  /** Cells of one row (an .xlsx sheet's width). */
  columnsPerRow: 256,
  /** Characters of one cell; a longer cell is reported by place and not read. */
  cellText: 5000,
  /** Indicators of one project: the most a DeclareTargets command takes. */
  indicatorsPerProject: COUNT_LIMITS.indicators,
  /** Projects (tables) of one file. */
  projectsPerFile: 200,
} as const;

/** An import over a limit: 413, naming what is too large and where. */
export const importTooLarge = (message: string, field = 'file'): Refusal =>
  new Refusal('too_large', 'import-too-large', message, [{ field, message }]);
