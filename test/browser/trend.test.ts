/**
 * The history trend page in a real browser (Debian's Chromium via playwright-core, never a
 * downloaded one): a fleet of three tenants over a month of nights and one tenant alone. The page
 * makes no request but for itself, runs no script, and draws its charts (vega SVG rendered in
 * Node) at a size; screenshots go to test/browser/__screenshots__/ (docs/images/ has one).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchOfflineBrowser, type OfflineBrowser } from '../support/browser.js';
import { available, REQUIREMENTS, skipLine } from '../support/requires.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedByTenant, recordReports } from '../../src/history/history.js';
import { openStore, type HistoryStore } from '../../src/history/store.js';
import { buildTrend, renderTrend } from '../../src/history/trend.js';
import type { AuditReport } from '../../src/report/schema.js';
import { ATTESTED_B2C, breachedOff, nightlyOf } from '../history/reports.js';
import type { Mutator } from '../support/tenant.js';

const HAVE_CHROMIUM = available(REQUIREMENTS.chromium);
const SHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));
const SLOW = 90_000;
const NIGHTS = 30;

const noEmailProvider: Mutator = (t) => {
  t.emailProvider = null as unknown as typeof t.emailProvider;
};

describe.skipIf(!HAVE_CHROMIUM)(`history trend page in Chromium${HAVE_CHROMIUM ? '' : ` (${skipLine(REQUIREMENTS.chromium)})`}`, () => {
  let work = '';
  let browser: OfflineBrowser | undefined;
  let store: HistoryStore;
  let external: string[] = [];
  let errors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'a0r-trend-'));
    mkdirSync(SHOTS, { recursive: true });
    store = await openStore(join(work, 'history'));
    const reports: AuditReport[] = [];
    for (let n = 0; n < NIGHTS; n++) {
      // prod: breached-password detection off from night 8 to night 15.
      reports.push(await nightlyOf({ fixture: 'go-live-ready-b2c', attested: ATTESTED_B2C }, n, 'prod', ...(n >= 8 && n < 16 ? [breachedOff] : [])));
      // qa: the email provider removed on night 12, back on night 20; a waiver added on night 24.
      const waivers = n >= 24 ? [{ rule: 'app-refresh-token-rotation', reason: 'legacy mobile app until March', expires: '2027-03-01' }] : [];
      reports.push(await nightlyOf({ fixture: 'go-live-ready-b2c', attested: ATTESTED_B2C, waivers }, n, 'qa', ...(n >= 12 && n < 20 ? [noEmailProvider] : [])));
      // dev: a brand-new tenant, every night.
      if (n % 3 !== 2) reports.push(await nightlyOf('brand-new', n, 'dev'));
    }
    await recordReports(store, reports);
    browser = await launchOfflineBrowser({ viewport: { width: 1100, height: 900 }, consoleErrors: true, prefix: 'a0r-trend-page-' });
    ({ external, errors } = browser);
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
    await store?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(html: string, name: string): Promise<Page> {
    if (!browser) throw new Error('no browser');
    return browser.open(html, name);
  }

  it('the fleet: a tenant × day strip, failing by severity, new vs fixed, unknowns, open blockers', async () => {
    const trend = buildTrend(await store.runs(), acceptedByTenant(await store.acceptances()));
    const html = await renderTrend(trend, 'html');
    expect(html).not.toMatch(/<script|<link|src=["']?https?:|@import/i);
    const page = await open(html, 'fleet');
    expect(await page.title()).toBe('Readiness trend — auth0-readiness');
    expect(await page.locator('#tenants tbody tr').count()).toBe(3);
    for (const id of ['milestones', 'failing', 'changes', 'unknowns']) {
      const svg = page.locator(`#chart-${id} svg`);
      expect(await svg.count(), id).toBe(1);
      const box = await svg.boundingBox();
      expect(box?.width, id).toBeGreaterThan(500);
      expect(box?.height, id).toBeGreaterThan(80);
      // Drawn marks, not an empty frame.
      expect(await svg.locator('path, rect, line').count(), id).toBeGreaterThan(10);
    }
    // The strip has one row per tenant; prod's open blockers list is empty after the fix, dev's is not.
    const strip = await page.locator('#chart-milestones').innerText();
    expect(strip).toMatch(/dev[\s\S]*prod[\s\S]*qa/);
    const rows = await page.locator('#tenants tbody tr').allInnerTexts();
    expect(rows.find((r) => r.startsWith('dev'))).toMatch(/oldest open since 2026-11-01/);
    expect(rows.find((r) => r.startsWith('prod'))).toMatch(/first run 2026-11-01\s+0 new, 0 fixed/);
    // Where the configuration changed (qa's waiver) is marked on the timeline.
    expect(trend.points.filter((p) => p.configChanged).map((p) => `${p.tenant}@${p.at.slice(0, 10)}`)).toEqual(['qa@2026-11-25']);
    expect(await page.locator('#marks').innerText()).toMatch(/2026-11-25\s+qa\s+configuration changed/);
    // The strip shows qa's drop while its email provider was gone.
    const qa = trend.points.filter((p) => p.tenant === 'qa');
    expect(qa[11]!.level).toBeGreaterThan(qa[12]!.level ?? 0);
    expect(qa[20]!.level).toBe(qa[11]!.level);
    expect(await page.locator('h3', { hasText: 'dev' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'history-trend-fleet.png'), fullPage: true });
    await page.close();
  }, SLOW);

  it('one tenant: the step chart of the highest milestone, with the regression and the fix', async () => {
    const runs = await store.runs({ tenants: ['prod'] });
    const trend = buildTrend(runs, acceptedByTenant(await store.acceptances()));
    expect(trend.points.map((p) => p.new)).toEqual(trend.points.map((_, i) => (i === 8 ? 1 : i === 0 ? trend.points[0]?.new : 0)));
    expect(trend.points.map((p) => p.fixed)).toEqual(trend.points.map((_, i) => (i === 16 ? 1 : 0)));
    const page = await open(await renderTrend(trend, 'html'), 'prod');
    const chart = page.locator('#chart-milestones svg');
    expect(await chart.innerHTML()).toContain('Go-Live');
    expect(await chart.locator('path').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-failing svg').innerHTML()).toMatch(/blocker|warning/);
    await page.screenshot({ path: join(SHOTS, 'history-trend-prod.png'), fullPage: true });
    await page.close();
    expect(external).toEqual([]);
    expect(errors).toEqual([]);
  }, SLOW);
});
