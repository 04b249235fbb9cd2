import { inflateRawSync } from 'node:zlib';
import { Refusal } from '../errors.js';
import { IMPORT_LIMITS, importTooLarge } from './limits.js';

/**
 * Checks an .xlsx (a zip) before exceljs loads it, since exceljs inflates every entry into memory: the
 * number of entries and their uncompressed sizes from the central directory, then each entry inflated
 * with its declared size as the ceiling (a zip may lie about its sizes), and the rows of each worksheet
 * counted in its XML. Throws a 413 refusal naming the limit, or a 400 when the zip cannot be read.
 */
export function checkXlsxBounds(zip: Buffer, limits = IMPORT_LIMITS): void {
  const entries = centralDirectory(zip);
  if (entries.length > limits.xlsxEntries) {
    throw importTooLarge(`xlsx 文件含 ${entries.length} 个条目，最多 ${limits.xlsxEntries} 个 / the xlsx holds ${entries.length} entries, at most ${limits.xlsxEntries}`);
  }
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.xlsxUncompressedBytes) {
    throw importTooLarge(`xlsx 文件解压后 ${mb(declared)}，最多 ${mb(limits.xlsxUncompressedBytes)} / the xlsx expands to ${mb(declared)}, at most ${mb(limits.xlsxUncompressedBytes)}`);
  }
  for (const entry of entries) {
    const bytes = entryBytes(zip, entry);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) {
      const rows = countRows(bytes);
      if (rows > limits.rowsPerSheet) {
        throw importTooLarge(`工作表 ${entry.name} 有 ${rows} 行，最多 ${limits.rowsPerSheet} 行 / worksheet ${entry.name} has ${rows} rows, at most ${limits.rowsPerSheet}`);
      }
    }
  }
}

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const unreadable = (why: string): Refusal =>
  new Refusal('invalid', 'xlsx-unreadable', `无法读取 xlsx：${why} / could not read the xlsx file: ${why}`, [{ field: 'file', message: why }]);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The entries listed by the end-of-central-directory record (ZIP64 is refused: no target table needs 4 GB). */
function centralDirectory(zip: Buffer): Entry[] {
  const eocd = findEocd(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const size = zip.readUInt32LE(eocd + 12);
  const offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw unreadable('ZIP64 not supported');
  if (offset + size > eocd) throw unreadable('central directory out of bounds');
  const entries: Entry[] = [];
  let at = offset;
  while (at < offset + size) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw unreadable('bad central directory entry');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, Math.min(zip.length, at + 46 + nameLength)),
    });
    if (entries.length > IMPORT_LIMITS.xlsxEntries) break; // enough to refuse; do not walk a huge directory
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== count && entries.length <= IMPORT_LIMITS.xlsxEntries) throw unreadable('entry count does not match');
  return entries;
}

function findEocd(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes at the very end.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === EOCD) return at;
  }
  throw unreadable('no end of central directory');
}

/** The entry's bytes, inflated with its declared size as the ceiling. */
function entryBytes(zip: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw unreadable(`bad local header of ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw unreadable(`${entry.name} is cut short`);
  const data = zip.subarray(start, end);
  if (entry.method === 0) {
    if (data.length !== entry.size) throw unreadable(`${entry.name}: stored size does not match`);
    return data;
  }
  if (entry.method !== 8) throw unreadable(`${entry.name}: compression method ${entry.method} not supported`);
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw importTooLarge(`xlsx 条目 ${entry.name} 解压后超过其声明的 ${entry.size} 字节 / entry ${entry.name} inflates beyond its declared ${entry.size} bytes`);
    }
    throw unreadable(`${entry.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `<row ` / `<row>` elements of a worksheet's XML (a plain byte scan: the XML is not parsed twice). */
function countRows(xml: Buffer): number {
  let rows = 0;
  for (let at = xml.indexOf('<row'); at !== -1; at = xml.indexOf('<row', at + 4)) {
    const next = xml[at + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) rows++;
  }
  return rows;
}
