import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import type { Page } from 'playwright-core';

/** Checks and pictures of a page's layout, for the browser tests at 1366 and 1024 wide. */

export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/** SCREENSHOTS=<dir> keeps a full-page PNG of each page at each size. */
const shots = process.env.SCREENSHOTS;
if (shots) mkdirSync(shots, { recursive: true });

export async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}-${page.viewportSize()!.width}.png`), fullPage: true });
}

/** DOCS_SCREENSHOTS=docs/screenshots writes the README's pictures (1366 wide, `height` pixels of the page from `top`). */
export async function docsShot(page: Page, name: string, height: number, top = 0): Promise<void> {
  const dir = process.env.DOCS_SCREENSHOTS;
  if (dir && page.viewportSize()!.width === 1366) await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, clip: { x: 0, y: top, width: 1366, height } });
}

/** Nothing sticks out sideways: the page does not scroll horizontally, and no element ends beyond the viewport. */
export async function fitsWidth(t: Test, page: Page, what: string): Promise<void> {
  // Run in the page (a string: this file is type-checked without the DOM's types).
  const { scroll, client, over } = (await page.evaluate(`(() => {
    const doc = document.documentElement;
    const over = [];
    for (const el of document.querySelectorAll('main *')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > doc.clientWidth + 1 && !el.closest('.table-box')) over.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, over: over.slice(0, 5) };
  })()`)) as { scroll: number; client: number; over: string[] };
  t.ok(scroll <= client, `${what}: no horizontal scroll (${scroll} ≤ ${client})`);
  t.same(over, [], `${what}: nothing beyond the right edge`);
}

