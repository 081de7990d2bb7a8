/** A fleet report says once, near the top, what its verdict relies on, with the tenants each item applies to. */
import { describe, expect, it } from 'vitest';
import { buildMultiReport, fleetReliesOn, MULTI_REPORTERS, type MultiReport } from '../../src/multi/report.js';
import { readFixture, snapshotOf } from '../support/tenant.js';
import type { AuditReport } from '../../src/report/schema.js';
import { brandNewReport, readyReport } from '../report/golden/reports.js';

async function fleet(): Promise<MultiReport> {
  const withRuleOff = (r: AuditReport, alias: string): AuditReport => ({
    ...r,
    tenant: { ...r.tenant, alias },
    reliesOn: [...(r.reliesOn ?? []), { kind: 'rule-off', ruleId: 'app-callbacks-secure', title: 'Application callback URLs are exact https production URLs' }],
  });
  const runs = [
    { alias: 'dev', env: 'dev' as const, domain: 'acme-dev.us.auth0.com', snapshot: snapshotOf(readFixture('brand-new')), report: withRuleOff(await brandNewReport(), 'dev') },
    { alias: 'prod', env: 'prod' as const, domain: 'acme-prod.us.auth0.com', snapshot: snapshotOf(readFixture('go-live-ready-b2c')), report: withRuleOff(await readyReport(), 'prod') },
  ];
  return buildMultiReport(runs, { findings: [] }, { failOn: 'blocker' });
}

describe('fleet: this result relies on', () => {
  it('lists each item once with the tenants it applies to', async () => {
    const f = await fleet();
    const items = fleetReliesOn(f);
    const off = items.filter((x) => x.text.includes('callback'));
    expect(off).toHaveLength(1);
    expect(off[0]?.tenants).toEqual(['dev', 'prod']);
  });
  it('the Markdown and console fleet reports show it before the tenant matrix', async () => {
    const f = await fleet();
    const md = MULTI_REPORTERS.markdown(f);
    expect(md.indexOf('**This result relies on**')).toBeGreaterThan(-1);
    expect(md.indexOf('**This result relies on**')).toBeLessThan(md.indexOf('## Tenant × milestone'));
    expect(md).toMatch(/callback.*\(dev, prod\)/);
    const text = MULTI_REPORTERS.console(f, { color: false, verbose: false });
    expect(text.indexOf('This result relies on:')).toBeLessThan(text.indexOf('Tenant × milestone'));
    expect(MULTI_REPORTERS.html(f)).toMatch(/<h2>This result relies on<\/h2>.*\(dev, prod\)/s);
  });
});
