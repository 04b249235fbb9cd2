import type { Page } from 'playwright-core';

/** What a paste from a spreadsheet delivers to `selector`: a paste event carrying text/plain (tab-separated rows). */
export async function paste(page: Page, selector: string, text: string): Promise<void> {
  // The page's own ClipboardEvent and DataTransfer types, not node's.
  await page.locator(selector).evaluate((el: any, data: string) => {
    const view = el.ownerDocument.defaultView;
    const event = new view.ClipboardEvent('paste', { clipboardData: new view.DataTransfer(), bubbles: true, cancelable: true });
    event.clipboardData.setData('text/plain', data);
    el.dispatchEvent(event);
  }, text);
}
