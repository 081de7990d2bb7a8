/** The baseline tenant `policies test` patches is the go-live-ready fixture the package ships, redacted. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_FIXTURE, baselineSnapshot, baselineTenant } from '../../src/policies/test.js';
import { redact } from '../../src/snapshot/redact.js';
import { REPO_ROOT } from '../support/tenant.js';

describe('the policy test baseline', () => {
  it('is the go-live-ready B2C fixture, redacted, read from the package', () => {
    const fixture = JSON.parse(readFileSync(`${REPO_ROOT}/${BASELINE_FIXTURE}`, 'utf8')) as { domain: string; resources: unknown };
    expect(baselineTenant()).toEqual({ domain: fixture.domain, resources: redact(fixture.resources) });
    const pkg = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { files: string[] };
    expect(pkg.files).toContain(BASELINE_FIXTURE);
  });

  it('a patch replaces a resource whole; the others stay', () => {
    const s = baselineSnapshot({ clients: [] });
    expect(s.resources.clients).toEqual({ ok: true, data: [] });
    const c = s.resources.connections;
    expect(c?.ok && c.data.length).toBeGreaterThan(0);
  });
});
