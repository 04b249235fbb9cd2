/** Which reader a file needs: by its bytes first (an .xlsx is a zip: "PK"), then by its name and its lines. */
export type Format = 'xlsx' | 'tsv' | 'word-lines' | { unsupported: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export function detectBinary(fileName: string, content: Buffer | string): Format | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (typeof content !== 'string') {
    const starts = (magic: number[]) => magic.every((b, i) => content[i] === b);
    if (starts(ZIP)) {
      if (ext === 'docx' || ext === 'pptx') return { unsupported: `.${ext} 文件请先把表格复制为文本或另存为 .xlsx / save the table as .xlsx or text first` };
      return 'xlsx';
    }
    if (starts(OLE)) return { unsupported: '旧版 .xls/.doc 文件请另存为 .xlsx / save old .xls/.doc files as .xlsx first' };
  }
  if (ext === 'xlsx') return { unsupported: '文件扩展名为 .xlsx，但内容不是 xlsx / named .xlsx but not an xlsx file' };
  return undefined;
}

/**
 * Tab-separated text has cells before a tab ("项目名称\tX"); Word's one-cell-per-line text starts every cell
 * line with its tab and holds one cell per line.
 */
export function detectText(text: string): 'tsv' | 'word-lines' {
  const tabbed = text.split('\n').filter((l) => l.includes('\t'));
  if (tabbed.length === 0) return 'word-lines';
  const oneCell = tabbed.filter((l) => /^ *\t[^\t]*$/.test(l)).length;
  return oneCell / tabbed.length >= 0.8 ? 'word-lines' : 'tsv';
}
