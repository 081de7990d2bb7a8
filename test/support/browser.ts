/**
 * A real, offline Chromium for page tests: Debian's Chromium (or CHROMIUM_PATH) driven by
 * playwright-core, never a downloaded browser. Every request but for a local file is refused and
 * recorded (`external`), and page errors are collected (`errors`): a self-contained page makes none.
 * Whether Chromium is there is decided by test/support/requires.ts (skipped with a line, or
 * required with CI=true).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REQUIREMENTS } from './requires.js';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OfflineBrowser {
  context: BrowserContext;
  /** A scratch folder for the pages (removed by `close`). */
  work: string;
  /** Requests for anything but a local file, refused. */
  external: string[];
  /** Page errors (and console errors with `consoleErrors`), as `<name>: <message>`. */
  errors: string[];
  /** Write `html` to `<name>.html` and open it. */
  open(html: string, name: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchOfflineBrowser(opts: { viewport: { width: number; height: number }; consoleErrors?: boolean; prefix?: string }): Promise<OfflineBrowser> {
  const work = mkdtempSync(join(tmpdir(), opts.prefix ?? 'a0r-browser-'));
  const context = await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: REQUIREMENTS.chromium.path, headless: true, args: ARGS, viewport: opts.viewport });
  const external: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  return {
    context,
    work,
    external,
    errors,
    async open(html, name) {
      const file = join(work, `${name}.html`);
      writeFileSync(file, html);
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
      if (opts.consoleErrors) page.on('console', (m) => void (m.type() === 'error' && errors.push(`${name}: ${m.text()}`)));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await context.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
