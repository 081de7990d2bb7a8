/**
 * The HTML report in a real browser: Debian's Chromium (`apt-get install chromium`) driven by
 * playwright-core. No browser is ever downloaded. Set CHROMIUM_PATH to use another binary. Without
 * one this file is skipped, saying so on one line; with CI=true it is required and fails (CI
 * installs Chromium; test/support/requires.ts). Screenshots and a PDF of the report are written to
 * test/browser/__screenshots__/ to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/report/schema.js';
import { brandNewReport, HOSTILE_DOMAIN, HOSTILE_NAME, hostileReport } from '../report/golden/reports.js';
import { available, REQUIREMENTS, skipLine } from '../support/requires.js';
import { launchOfflineBrowser, type OfflineBrowser } from '../support/browser.js';

const HAVE_CHROMIUM = available(REQUIREMENTS.chromium);
const SHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const SLOW = 60_000;

/** What the page's global object is read as, without the DOM library in the test's types. */
type PageGlobal = { __pwned?: unknown; getComputedStyle(e: unknown): { breakBefore: string; breakInside: string } };

describe.skipIf(!HAVE_CHROMIUM)(`html report in Chromium${HAVE_CHROMIUM ? '' : ` (${skipLine(REQUIREMENTS.chromium)})`}`, () => {
  let browser: OfflineBrowser | undefined;
  /** Requests for anything but the file itself: a self-contained report makes none. */
  let external: string[] = [];
  let errors: string[] = [];
  let report: AuditReport;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchOfflineBrowser({ viewport: { width: 1280, height: 900 }, prefix: 'auth0-readiness-browser-' });
    ({ external, errors } = browser);
    report = await brandNewReport();
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(html: string, name: string): Promise<Page> {
    if (!browser) throw new Error('no browser');
    return browser.open(html, name);
  }

  it('renders the structure: gate, milestone pictures and tables, topics', async () => {
    const page = await open(renderHtml(report), 'brand-new');
    expect(await page.title()).toBe('Auth0 readiness — acme-dev.us.auth0.com');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2, name: /Gate failed/ }).isVisible()).toBe(true);

    // Milestones: one row each, one chart per phase, drawn with a size and coloured segments.
    expect(await page.locator('tr.milestone').count()).toBe(report.milestones.length);
    const phases = [...new Set(report.milestones.map((m) => m.phase))];
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBe(phases.length);
    for (let i = 0; i < phases.length; i++) {
      const box = await charts.nth(i).boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(20);
      expect(await charts.nth(i).locator('g.seg rect').count()).toBeGreaterThan(0);
    }
    // The charts have accessible names; tables have headers.
    expect(await page.getByRole('img', { name: /Phase 1: topics per milestone by status/ }).count()).toBe(1);
    expect(await page.getByRole('table', { name: /Phase 1: topics per milestone by status/ }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: /fail/ }).count()).toBe(phases.length);

    // A failing topic with its finding, the remediation and the docs link.
    const topic = page.locator('li.topic[data-topic="b2c.p1.operations.email-provider"]');
    expect(await topic.getAttribute('data-status')).toBe('fail');
    await expect.poll(() => topic.innerText()).toContain('No email provider is configured');
    const text = await topic.innerText();
    expect(text).toContain('How to fix');
    expect(text).toContain('Dashboard → Branding → Email Provider');
    expect(await topic.locator('a[href^="https://auth0.com/docs/"]').count()).toBe(1);
    expect(await topic.getByRole('heading', { level: 5 }).innerText()).toMatch(/fail\s+Email provider/);

    // Fix first: before the milestones, each item once, blockers of the target first.
    const fix = page.locator('#fix-first');
    expect(await fix.isVisible()).toBe(true);
    const items = fix.locator('li.fix-item');
    expect(await items.count()).toBe(report.fixFirst?.items.length);
    expect(await items.first().getAttribute('class')).toContain('blocks');
    const order = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { querySelector(s: string): { compareDocumentPosition(o: unknown): number } | null } }).document;
      const a = d.querySelector('#fix-first');
      const b = d.querySelector('#milestones');
      return a && b ? a.compareDocumentPosition(b) : 0;
    });
    expect(order & 4).toBe(4); // #milestones follows #fix-first
    // The gate box names what blocks it; dates read as dates.
    const gate = await page.locator('header section.gate').innerText();
    expect(gate).toContain('Blocked by:');
    expect(gate).toContain('No custom domain is configured');
    expect(await page.locator('dl.facts').innerText()).toContain('22 November 2026, 12:00 UTC');
    await fix.screenshot({ path: join(SHOTS, 'brand-new-fix-first.png') });

    await page.screenshot({ path: join(SHOTS, 'brand-new.png'), fullPage: true });
    await page.close();
  }, SLOW);

  it('shows hostile tenant text as text and runs none of it, even without the CSP', async () => {
    const hostile = await hostileReport();
    const html = renderHtml(hostile);
    for (const [name, doc] of [
      ['hostile', html],
      // The escaping alone must hold: the same page without its Content-Security-Policy.
      ['hostile-no-csp', html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')],
    ] as const) {
      const page = await open(doc, name);
      expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).__pwned)).toBeUndefined();
      expect(await page.locator('img, script, iframe').count()).toBe(0);
      expect(await page.title()).toBe(`Auth0 readiness — ${HOSTILE_DOMAIN}`);
      const body = await page.locator('body').innerText();
      expect(body).toContain(HOSTILE_NAME);
      expect(body).toContain(HOSTILE_DOMAIN);
      // The unreadable resource and why.
      expect(await page.locator('tr[data-resource="logStreams"]').innerText()).toContain('the token lacks read:log_streams');
      await page.close();
    }
  }, SLOW);

  it('prints: navigation hidden, page breaks, the pictures still drawn', async () => {
    const page = await open(renderHtml(report), 'brand-new-print');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    expect(await page.locator('#topics').evaluate((e) => (globalThis as unknown as PageGlobal).getComputedStyle(e).breakBefore)).toBe('page');
    expect(await page.locator('li.topic').first().evaluate((e) => (globalThis as unknown as PageGlobal).getComputedStyle(e).breakInside)).toBe('avoid');
    const box = await page.locator('svg.chart').first().boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(await page.locator('tr.milestone').first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'brand-new-print.png'), fullPage: true });
    const pdfPath = join(SHOTS, 'brand-new.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Several pages: the topics start on their own.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThan(2);
    await page.close();
  }, SLOW);

  it('loaded nothing from outside the file and raised no error', () => {
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  });
});
