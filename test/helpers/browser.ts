import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Test } from 'tap';
import type { TestApp } from './test-app.js';

/** Debian's chromium; CI installs it with apt-get (.ci/run). Never a browser downloaded through npm. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The machines are offline: no background fetches, updates, sync or QUIC. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches headless chromium. A missing browser is a failure with the fix in its message, never a
 * silent skip. playwright gives every launch a fresh temporary profile (its own --user-data-dir).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `chromium not found at ${CHROMIUM_PATH}: the browser tests need Debian's chromium ` +
        '(apt-get update && apt-get install -y chromium; .ci/run does this), or set CHROMIUM_PATH',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** Makes the test app listen on a free loopback port; returns its base URL. */
export async function listen(h: TestApp): Promise<string> {
  return h.app.listen({ host: '127.0.0.1', port: 0 });
}

export type OpenedPage = {
  page: Page;
  /** Requests to anything but the app: a page must load nothing from outside. */
  external: string[];
  /** Uncaught page errors and console errors. */
  errors: string[];
  close(): Promise<void>;
};

/** A fresh context at 1366×768 with the actor set, recording every request that leaves the app's origin. */
export async function openPage(browser: Browser, baseUrl: string, options: { actor?: string } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', acceptDownloads: true });
  const external: string[] = [];
  const errors: string[] = [];
  // Watched, not intercepted (interception costs a round trip per request); the page's CSP blocks them anyway.
  const origin = new URL(baseUrl).origin;
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) external.push(url);
  });
  if (options.actor !== undefined) {
    await context.addInitScript({ content: `localStorage.setItem('jixiao.actor', ${JSON.stringify(options.actor)});` });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(5_000);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused command is logged by the browser as a failed resource (4xx); that is the page working.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return { page, external, errors, close: () => context.close() };
}

/** A page for one test at a window size, closed with the test; `clean` checks that nothing left the app and no script failed. */
export async function openSized(t: Test, browser: Browser, url: string, size: { width: number; height: number }, actor = '李四'): Promise<OpenedPage & { clean(): void }> {
  const opened = await openPage(browser, url, { actor });
  await opened.page.setViewportSize(size);
  t.teardown(opened.close);
  return {
    ...opened,
    clean() {
      t.same(opened.external, [], 'no request left the app');
      t.same(opened.errors, [], 'no script error');
    },
  };
}
