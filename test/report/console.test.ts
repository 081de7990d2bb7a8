import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { audit } from '../../src/run.js';
import { tenant } from '../support/tenant.js';

describe('console report', async () => {
  const report = await audit({ source: { kind: 'snapshot', snapshot: tenant((t) => { t.logStreams = []; t.customDomains = []; }) }, require: 'go-live' });

  it('prints the verdict, the milestones, the fix-first list, then the gate', () => {
    const text = renderConsole(report);
    // The first line after the title is the verdict, the gate's and readiness in one.
    expect(text.split('\n')[1]).toMatch(/^✘ Gate failed — not ready for Phase 1 · Milestone 3: Go-Live/);
    const iVerdict = text.indexOf('not ready for Phase 1 · Milestone 3: Go-Live');
    const iMilestones = text.indexOf('Milestones');
    const iFix = text.indexOf('Fix first — on the way to Phase 1 · Milestone 3: Go-Live');
    const iGate = text.lastIndexOf('Gate failed (requires Phase 1 · Milestone 3: Go-Live');
    expect(iVerdict).toBeGreaterThan(-1);
    expect(iMilestones).toBeGreaterThan(iVerdict);
    expect(iFix).toBeGreaterThan(iMilestones);
    expect(iGate).toBeGreaterThan(iFix);
    expect(text).toContain('No log stream is configured');
    // Blockers of the required milestone first.
    const first = text.slice(iFix).split('\n')[1] ?? '';
    expect(first).toMatch(/^ {2}1\. ✘ blocker/);
  });

  it('says titles, not ids, and no passes without --verbose', () => {
    const text = renderConsole(report);
    expect(text).not.toMatch(/\bb2c\.p\d/);
    expect(text).not.toMatch(/compliant|✔ pass/);
    // A failing line never carries a tick.
    for (const line of text.split('\n')) if (/✘|▲/.test(line)) expect(line).not.toContain('✔');
    // The untitled milestone is named after its workstreams.
    expect(text).toContain('Phase 1 · Milestone 2 (Deployment Automation, Quality Assurance, …)');
    expect(text).not.toMatch(/Milestone 2\s{2,}/);
  });

  it('with --verbose: ids, every topic, each finding under one topic with "also affects", passes', () => {
    const text = renderConsole(report, { verbose: true });
    expect(text).toContain('Topics — b2c.p1');
    expect(text).toMatch(/b2c\.p1\.operations\.logging/);
    expect(text).toContain('also affects');
    expect(text).toMatch(/✔ pass /);
    // Each failing finding is printed once in the topic detail.
    const detail = text.slice(text.indexOf('Topics — b2c.p1'));
    const failing = detail.split('\n').filter((l) => /^ {8}✘ (blocker|warning|advice) /.test(l));
    expect(new Set(failing).size).toBe(failing.length);
  });

  it('colours only when asked', () => {
    expect(renderConsole(report, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderConsole(report, { color: true })).toMatch(/\u001b\[31m/);
  });

  it('names what could not be checked and the scope to grant', () => {
    const partial = tenant();
    partial.resources.logStreams = { ok: false, reason: 'missing-scope', detail: 'the token lacks read:log_streams (403 insufficient_scope)', scopes: ['read:log_streams'] };
    return audit({ source: { kind: 'snapshot', snapshot: partial } }).then((r) => {
      const text = renderConsole(r);
      expect(text).toContain('Not checked: Log streams (missing-scope)');
      expect(text).toContain('Grant read:log_streams and audit again.');
    });
  });
});
