import { describe, expect, it } from 'vitest';
import { renderConsole } from '../../src/report/console.js';
import { audit } from '../../src/run.js';
import { tenant } from '../support/tenant.js';

describe('console report', async () => {
  const report = await audit({ source: { kind: 'snapshot', snapshot: tenant((t) => { t.logStreams = []; t.customDomains = []; }) }, require: 'go-live' });

  it('prints milestones first, then topics by workstream, worst first, then the gate', () => {
    const text = renderConsole(report);
    const iMilestones = text.indexOf('Milestones');
    const iTopics = text.indexOf('Topics — b2c.p1');
    const iGate = text.indexOf('Gate failed');
    expect(iMilestones).toBeGreaterThan(-1);
    expect(iTopics).toBeGreaterThan(iMilestones);
    expect(iGate).toBeGreaterThan(iTopics);
    const ops = text.slice(text.indexOf('Operations (b2c.p1.operations'));
    expect(ops.indexOf('fail       Logging')).toBeLessThan(ops.indexOf('pass       Email provider'));
    expect(text).toContain('No log stream is configured');
    expect(text).toMatch(/email-provider-configured: 1 of 1 compliant/);
  });

  it('colours only when asked', () => {
    expect(renderConsole(report, { color: false })).not.toMatch(/\u001b\[/);
    expect(renderConsole(report, { color: true })).toMatch(/\u001b\[31m/);
  });

  it('names what could not be read', () => {
    const partial = tenant();
    partial.resources.logStreams = { ok: false, reason: 'missing-scope', detail: 'the token lacks read:log_streams (403 insufficient_scope)', scopes: ['read:log_streams'] };
    return audit({ source: { kind: 'snapshot', snapshot: partial } }).then((r) => {
      const text = renderConsole(r);
      expect(text).toContain('Not read');
      expect(text).toContain('Log streams (logStreams): missing-scope');
    });
  });
});
