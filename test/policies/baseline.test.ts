/** The baseline tenant `policies test` patches ships with the package and matches its fixture. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_TENANT } from '../../src/policies/baseline-tenant.js';
import { baselineSnapshot } from '../../src/policies/test.js';
import { redact } from '../../src/snapshot/redact.js';
import { FIXTURES_DIR } from '../support/tenant.js';

describe('the policy test baseline', () => {
  it('is the go-live-ready B2C fixture, redacted (regenerate: node scripts/generate-policy-baseline.mjs)', () => {
    const fixture = JSON.parse(readFileSync(`${FIXTURES_DIR}go-live-ready-b2c.json`, 'utf8')) as { domain: string; resources: unknown };
    expect(BASELINE_TENANT).toEqual({ domain: fixture.domain, resources: redact(fixture.resources) });
  });

  it('a patch replaces a resource whole; the others stay', () => {
    const s = baselineSnapshot({ clients: [] });
    expect(s.resources.clients).toEqual({ ok: true, data: [] });
    const c = s.resources.connections;
    expect(c?.ok && c.data.length).toBeGreaterThan(0);
  });
});
