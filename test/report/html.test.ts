import { describe, expect, it } from 'vitest';
import { rules as registry } from '../../rules/index.js';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { b2bReport, brandNewReport, HOSTILE_DOMAIN, HOSTILE_NAME, hostileReport, readyReport } from './golden/reports.js';

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('html report', async () => {
  const report = await brandNewReport();
  const html = renderHtml(report);

  it('is one self-contained document: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|@font-face/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    // url(…) only for SVG patterns inside the document.
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#chart-\d+-(hatch|dots)$/);
    // Links go to the docs (http) or within the page.
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https:\/\/auth0\.com\/|#)/);
  });

  it('has headings, the gate, the milestones per phase as SVG and as tables', () => {
    expect(count(html, /<h1[ >]/g)).toBe(1);
    for (const id of ['h-milestones', 'h-topics', 'h-unread', 'h-gate']) expect(html).toContain(`<h2 id="${id}">`);
    expect(html).toContain('<h2 id="h-gate-top"><span aria-hidden="true">✘</span> Gate failed</h2>');
    const phases = new Set(report.milestones.map((m) => m.phase));
    expect(count(html, /<svg class="chart" role="img"/g)).toBe(phases.size);
    expect(count(html, /<table class="milestones">/g)).toBe(phases.size);
    expect(count(html, /<tr class="milestone" /g)).toBe(report.milestones.length);
    for (const m of report.milestones) expect(html).toContain(`data-milestone="${m.id}" data-status="${m.status}"`);
    // Every topic is there, with its status.
    for (const t of report.topics) expect(html).toContain(`data-topic="${t.id}"`);
    expect(count(html, /<th scope="col"/g)).toBeGreaterThan(0);
  });

  it('shows a failing topic with its finding, the remediation and the docs link', () => {
    const rule = registry.find((r) => r.id === 'email-provider-configured');
    if (!rule) throw new Error('missing rule');
    const start = html.indexOf('data-topic="b2c.p1.operations.email-provider"');
    const item = html.slice(start, html.indexOf('</li>', html.indexOf('class="fix"', start)));
    expect(item).toContain('data-status="fail"');
    expect(item).toContain('No email provider is configured');
    expect(item).toContain(escapeHtml(rule.remediation.split('`')[0] ?? ''));
    expect(item).toContain(`<a href="${rule.docs}">`);
  });

  it('lists what could not be read, and the gate reasons', async () => {
    const hostile = renderHtml(await hostileReport());
    expect(hostile).toContain('<tr data-resource="logStreams">');
    expect(hostile).toContain('the token lacks read:log_streams (403 insufficient_scope)');
    expect(hostile).toContain('<code>read:log_streams</code>');
    expect(html).toContain('<li>4 failing finding(s) at blocker or above</li>');
    expect(renderHtml(await readyReport())).toContain('Gate passed');
  });

  it('escapes every string from the report', async () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;');
    const hostile = renderHtml(await hostileReport());
    expect(hostile).not.toContain(HOSTILE_NAME);
    expect(hostile).not.toContain(HOSTILE_DOMAIN);
    expect(hostile).not.toMatch(/<script|<img/i);
    expect(hostile).toContain(escapeHtml(HOSTILE_NAME));
    expect(hostile).toContain(`<title>Auth0 readiness — ${escapeHtml(HOSTILE_DOMAIN)}</title>`);
  });

  it('prints: page breaks, colours kept, link targets shown', () => {
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toContain('break-before:page');
    expect(print).toContain('break-inside:avoid');
    expect(print).toContain('print-color-adjust:exact');
    expect(print).toContain('a[href^="http"]::after');
  });

  it('renders the B2B plan too', async () => {
    const b2b = await b2bReport();
    const out = renderHtml(b2b);
    expect(count(out, /<tr class="milestone" /g)).toBe(b2b.milestones.length);
    expect(out).toContain('b2b.p1');
  });
});
