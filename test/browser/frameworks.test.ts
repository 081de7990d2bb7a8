/**
 * The framework and organisation-policy sections of the HTML report in Chromium (see
 * html.test.ts for the browser): reachable from the contents, the coverage beside the result, a
 * table of every requirement with its status and evidence; each policy with its findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { resolveFramework } from '../../src/frameworks/load.js';
import { renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/report/schema.js';
import { audit } from '../../src/run.js';
import { available, REQUIREMENTS, skipLine } from '../support/requires.js';
import { launchOfflineBrowser, type OfflineBrowser } from '../support/browser.js';
import { REPO_ROOT as ROOT, tenantFrom } from '../support/tenant.js';
import { loadPolicyFile } from '../../src/policies/load.js';

const HAVE_CHROMIUM = available(REQUIREMENTS.chromium);
const SLOW = 60_000;

describe.skipIf(!HAVE_CHROMIUM)(`framework section in Chromium${HAVE_CHROMIUM ? '' : ` (${skipLine(REQUIREMENTS.chromium)})`}`, () => {
  let browser: OfflineBrowser | undefined;
  let report: AuditReport;

  beforeAll(async () => {
    browser = await launchOfflineBrowser({ viewport: { width: 1280, height: 900 }, prefix: 'auth0-readiness-frameworks-' });
    const frameworks = ['asvs-5.0-L2', 'nist-800-63b-4-aal2'].map((p) => resolveFramework(p, { cwd: process.cwd(), rules }));
    const builtinIds = new Set(rules.map((r) => r.id));
    const policies = ['application-owner', 'callbacks-on-company-domains'].flatMap((n) => loadPolicyFile(`examples/policies/${n}.yaml`, ROOT, { builtinIds }).map((p) => p.rule));
    report = await audit({ source: { kind: 'snapshot', snapshot: tenantFrom('brand-new') }, frameworks, rules: [...rules, ...policies], now: () => new Date('2026-11-23T12:00:00Z') });
  }, SLOW);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each profile with coverage beside the result, and every requirement in a table', async () => {
    if (!browser) throw new Error('no browser');
    const page = await browser.open(renderHtml(report), 'frameworks');
    expect(await page.getByRole('link', { name: 'Frameworks' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Frameworks' }).click();
    expect(await page.getByRole('heading', { level: 2, name: 'Frameworks' }).isVisible()).toBe(true);
    for (const [i, fr] of report.frameworks!.entries()) {
      const heading = page.locator(`#fw-${i}`);
      expect(await heading.innerText()).toContain(fr.profile.name);
      const table = page.getByRole('table', { name: new RegExp(fr.id.replace(/[.]/g, '\\.')) });
      expect(await table.locator('tbody tr').count()).toBe(fr.requirements.length);
      expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Status', 'Requirement', 'What good looks like', 'Applies to', 'Why', 'Evidence']);
    }
    const section = await page.locator('#frameworks').innerText();
    expect(section).toMatch(/\d+ of 89 requirements checked automatically, \d+ need an attestation/);
    expect(section).toMatch(/not a certification/);
    expect(section).not.toMatch(/\bcompliant\b/i);
    const mfaRow = page.locator('#frameworks table').first().locator('tr', { hasText: '6.3.3' });
    expect(await mfaRow.locator('.badge').innerText()).toBe('fail');
    expect(await mfaRow.innerText()).toContain('mfa-policy-enforced');
  }, SLOW);

  it('shows the organisation policies with their findings, reachable from the contents', async () => {
    if (!browser) throw new Error('no browser');
    const page = await browser.open(renderHtml(report), 'org-policy');
    await page.getByRole('link', { name: 'Organisation policy' }).click();
    expect(await page.getByRole('heading', { level: 2, name: 'Organisation policy' }).isVisible()).toBe(true);
    const owner = page.locator('#org-policy li[data-rule="org/application-owner"]');
    expect(await owner.count()).toBe(1);
    const ownerFindings = report.findings.filter((f) => f.ruleId === 'org/application-owner');
    const failing = ownerFindings.filter((f) => f.status === 'fail');
    expect(failing.length).toBeGreaterThan(0);
    expect(await owner.locator('.badge').first().innerText()).toMatch(/warning|blocker|advice/);
    expect(await owner.locator('ul.findings > li').count()).toBe(failing.length);
    expect(await page.locator('#org-policy li[data-rule="org/callbacks-on-company-domains"]').innerText()).toContain('Callbacks stay on company domains');
  }, SLOW);
});
