/**
 * Bytes to text. UTF-8 (BOM stripped) first; UTF-16 when it carries a BOM (Word's "Unicode text");
 * otherwise, when the bytes are not valid UTF-8, GB18030 (older Chinese Windows exports), with a note.
 * Node 20 with full ICU decodes gb18030 through TextDecoder.
 */
export function decodeText(content: Buffer | string): { text: string; note?: string } {
  if (typeof content === 'string') return { text: unifyNewlines(content.replace(/^\uFEFF/, '')) };
  if (content[0] === 0xff && content[1] === 0xfe) return { text: unifyNewlines(new TextDecoder('utf-16le').decode(content)) };
  if (content[0] === 0xfe && content[1] === 0xff) return { text: unifyNewlines(new TextDecoder('utf-16be').decode(content)) };
  try {
    return { text: unifyNewlines(new TextDecoder('utf-8', { fatal: true }).decode(content)) };
  } catch {
    return {
      text: unifyNewlines(new TextDecoder('gb18030').decode(content)),
      note: '文件不是有效的 UTF-8，已按 GB18030 解码 / not valid UTF-8: decoded as GB18030',
    };
  }
}

function unifyNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
