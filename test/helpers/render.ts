import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a tool is, or undefined: the rendering tests skip (saying why) when one is missing. */
export function tool(name: string, candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p)) ?? (process.env[name] && existsSync(process.env[name]!) ? process.env[name] : undefined);
}

export const SOFFICE = tool('SOFFICE_PATH', ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice']);
export const PDFINFO = tool('PDFINFO_PATH', ['/usr/bin/pdfinfo']);
export const PDFTOPPM = tool('PDFTOPPM_PATH', ['/usr/bin/pdftoppm']);

export type PdfInfo = { pages: number; widthPt: number; heightPt: number };

export function pdfInfo(pdf: string): PdfInfo {
  const out = execFileSync(PDFINFO!, [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, widthPt: Number(size?.[1]), heightPt: Number(size?.[2]) };
}

/** The xlsx through LibreOffice headless to PDF (its own profile dir, so parallel runs do not clash). */
export function xlsxToPdf(xlsx: Buffer, dir = mkdtempSync(join(tmpdir(), 'jixiao-render-'))): string {
  const input = join(dir, 'form.xlsx');
  writeFileSync(input, xlsx);
  execFileSync(
    SOFFICE!,
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return join(dir, 'form.pdf');
}

/** PNGs of every page at `dpi`, for a person to look at (kept when RENDER_KEEP names a directory). */
export function pdfToPngs(pdf: string, prefix: string, dpi = 60): string[] {
  if (!PDFTOPPM) return [];
  execFileSync(PDFTOPPM, ['-png', '-r', String(dpi), pdf, prefix]);
  const dir = join(prefix, '..');
  return readdirSync(dir).filter((f) => f.endsWith('.png')).map((f) => join(dir, f));
}
