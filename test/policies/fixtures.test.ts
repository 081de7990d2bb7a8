/**
 * The example, as written (examples/policies/callbacks-on-company-domains.yaml), and the
 * two other examples, over the bundled fixtures: tenant JSON files and Deploy CLI exports. Then
 * the pipeline treats org/ rules as any rule: waivers, severity overrides, the gate, SARIF,
 * baseline keys, topics; and a secret never reaches a finding.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules as builtins } from '../../rules/index.js';
import { evaluate, type Finding } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS, audit } from '../../src/run.js';
import { loadPolicyFile, parsePolicies, type Policy } from '../../src/policies/load.js';
import { compileCheck } from '../../src/policies/compile.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { findingKey } from '../../src/report/finding-key.js';
import { renderSarif } from '../../src/report/sarif.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { readFixture, snapshotOf, tenant } from '../support/tenant.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const builtinIds = new Set(builtins.map((r) => r.id));
const example = (name: string): Policy => {
  const [p] = loadPolicyFile(`examples/policies/${name}.yaml`, ROOT, { builtinIds });
  if (!p) throw new Error(name);
  return p;
};
const run = (p: Policy, s: Snapshot): Finding[] => evaluate([p.rule], s, { ctx: { now: new Date('2026-12-01T00:00:00Z'), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS } });
const byStatus = (fs: Finding[]) => Object.fromEntries(['pass', 'fail', 'n/a', 'unknown'].map((s) => [s, fs.filter((f) => f.status === s).map((f) => f.resource?.name ?? '-').sort()]));
const exportOf = (name: string) => readDeployCliExport(`${ROOT}fixtures/deploy-cli/${name}/yaml`).snapshot;
const dirExportOf = (name: string) => readDeployCliExport(`${ROOT}fixtures/deploy-cli/${name}/directory`).snapshot;

describe('the issue example, as written: callbacks on company domains', () => {
  const p = example('callbacks-on-company-domains');

  it('compiles to a warning over clients, in the Organisation policy section (no topics)', () => {
    expect(p.rule).toMatchObject({ id: 'org/callbacks-on-company-domains', severity: 'warning', needs: ['clients'], topics: [] });
  });

  it.each([
    ['brand-new (fixture)', () => snapshotOf(readFixture('brand-new')), { pass: ['Default App'], fail: [] }],
    ['go-live-ready-b2c (fixture)', () => snapshotOf(readFixture('go-live-ready-b2c')), { pass: ['Acme Account (SPA)', 'Acme Web Store'], fail: ['Acme Mobile'] }],
    ['b2b-organizations (fixture)', () => snapshotOf(readFixture('b2b-organizations')), { pass: [], fail: ['Globex Admin Console', 'Globex Partner Portal'] }],
    ['go-live-ready-b2c (Deploy CLI YAML export)', () => exportOf('go-live-ready-b2c'), { pass: ['Acme Account (SPA)', 'Acme Web Store'], fail: ['Acme Mobile'] }],
    ['go-live-ready-b2c (Deploy CLI directory export)', () => dirExportOf('go-live-ready-b2c'), { pass: ['Acme Account (SPA)', 'Acme Web Store'], fail: ['Acme Mobile'] }],
    ['b2b-organizations (Deploy CLI YAML export)', () => exportOf('b2b-organizations'), { pass: [], fail: ['Globex Admin Console', 'Globex Partner Portal'] }],
  ])('%s: fails the off-domain clients, passes the others', (_, snap, want) => {
    const fs = run(p, snap());
    expect(byStatus(fs)).toMatchObject(want);
    for (const f of fs.filter((x) => x.status === 'fail')) {
      expect(f.message).toMatch(/ has a callback outside acme\.example: \S+/);
      expect(f.field).toMatch(/^callbacks\[\d+\]$/);
      expect(f.resource?.type).toBe('client');
    }
  });

  it('names the first off-domain callback in the message', () => {
    const fs = run(p, snapshotOf(readFixture('go-live-ready-b2c')));
    expect(fs.find((f) => f.status === 'fail')?.message).toBe('Acme Mobile has a callback outside acme.example: com.acme.mobile://login.acme.example/ios/com.acme.mobile/callback');
  });

  it('a missing resource is unknown, as for built-in rules', () => {
    const fs = run(p, tenant((_, s) => void (s.resources.clients = { ok: false, reason: 'missing-scope', detail: '403', scopes: ['read:clients'] })));
    expect(fs).toEqual([expect.objectContaining({ status: 'unknown', messageId: 'resource-unavailable' })]);
  });

  it('nothing selected is one n/a', () => {
    const fs = run(p, tenant((t) => void (t.clients = [{ client_id: 'm', name: 'M2M', app_type: 'non_interactive' }])));
    expect(fs).toEqual([expect.objectContaining({ status: 'n/a' })]);
  });
});

describe('the other examples over the fixtures', () => {
  it('application-owner: every application without an owner fails (the fixtures name none)', () => {
    const fs = run(example('application-owner'), snapshotOf(readFixture('go-live-ready-b2c')));
    expect(byStatus(fs).fail).toEqual(['Acme Account (SPA)', 'Acme Mobile', 'Acme Orders Service', 'Acme Web Store', 'Auth0 Deploy CLI (GitHub Actions)']);
    expect(fs.every((f) => f.severity === 'advice')).toBe(true);
  });

  it('database-connections-hardened: the default database fails on brand-new, the named ones pass', () => {
    const p = example('database-connections-hardened');
    expect(byStatus(run(p, snapshotOf(readFixture('brand-new'))))).toMatchObject({ fail: ['Username-Password-Authentication'], pass: [] });
    expect(byStatus(run(p, snapshotOf(readFixture('go-live-ready-b2c'))))).toMatchObject({ fail: [], pass: ['acme-customers'] });
    expect(byStatus(run(p, exportOf('b2b-organizations')))).toMatchObject({ fail: [], pass: ['globex-partners-db'] });
    expect(byStatus(run(p, exportOf('brand-new')))).toMatchObject({ fail: ['Username-Password-Authentication'] });
  });

  it('a policy with topics counts in them: the topic fails and holds its milestone back', async () => {
    const p = example('database-connections-hardened');
    const report = await audit({ source: { kind: 'snapshot', snapshot: snapshotOf(readFixture('brand-new')) }, rules: [...builtins, p.rule], now: () => new Date('2026-12-01T00:00:00Z') });
    const topic = report.topics.find((t) => t.id === 'b2c.p1.authentication.username-password');
    expect(topic?.rules).toContain('org/database-connections-hardened');
    expect(topic?.status).toBe('fail');
    expect(report.findings.filter((f) => f.ruleId === 'org/database-connections-hardened').map((f) => f.topicIds)).toEqual([['b2c.p1.authentication.username-password']]);
  });
});

describe('org/ rules through the pipeline', () => {
  const p = example('callbacks-on-company-domains');
  const snapshot = snapshotOf(readFixture('go-live-ready-b2c'));
  const now = () => new Date('2026-12-01T00:00:00Z');
  const base = { source: { kind: 'snapshot' as const, snapshot }, rules: [...builtins, p.rule], now };
  const orgOf = <F extends { ruleId: string }>(fs: readonly F[]): F[] => fs.filter((f) => f.ruleId === p.rule.id);

  it('the gate fails on an org/ finding at or above failOn, not below', async () => {
    const failing = (r: Awaited<ReturnType<typeof audit>>) => (r.gate.details?.find((d) => d.id === 'failing-findings') as { count?: number } | undefined)?.count ?? 0;
    const without = await audit({ ...base, rules: builtins, failOn: 'warning' });
    const warn = await audit({ ...base, failOn: 'warning' });
    expect(warn.gate.passed).toBe(false);
    expect(failing(warn)).toBe(failing(without) + 1);
    const blocker = await audit({ ...base, failOn: 'blocker' });
    expect(blocker.gate.passed).toBe(true);
    expect(failing(blocker)).toBe(0);
  });

  it('a severity override applies (rules: { org/x: blocker }), and off turns it off', async () => {
    const r = await audit({ ...base, ruleSettings: { [p.rule.id]: 'blocker' } });
    expect(orgOf(r.findings).map((f) => f.severity)).toEqual(['blocker', 'blocker', 'blocker']);
    expect(r.gate.passed).toBe(false);
    const off = await audit({ ...base, ruleSettings: { [p.rule.id]: 'off' } });
    expect(orgOf(off.findings)).toEqual([]);
  });

  it('a waiver waives it', async () => {
    const r = await audit({ ...base, failOn: 'warning', waivers: [{ rule: p.rule.id, resource: 'Acme Mobile', reason: 'custom scheme agreed with security', expires: '2027-06-01' }] });
    expect(orgOf(r.findings).find((f) => f.resource?.name === 'Acme Mobile')).toMatchObject({ status: 'waived' });
    expect(orgOf(r.findings).filter((f) => f.status === 'fail')).toEqual([]);
    expect(r.waivers).toEqual([expect.objectContaining({ rule: p.rule.id, matched: 1 })]);
  });

  it('SARIF describes the rule and carries its results; the section is a run property', async () => {
    const r = await audit(base);
    const sarif = JSON.parse(renderSarif(r)) as { runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string }[]; properties: { organisationPolicy?: { id: string; status: string }[] } }[] };
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.rules.find((x) => x.id === p.rule.id)?.properties.tags).toContain('organisation-policy');
    expect(run0.results.filter((x) => x.ruleId === p.rule.id)).toHaveLength(1);
    expect(run0.properties.organisationPolicy).toEqual([expect.objectContaining({ id: p.rule.id, status: 'fail' })]);
  });

  it('finding keys (baselines, history) are stable across runs', async () => {
    const a = await audit(base);
    const b = await audit({ ...base, now: () => new Date('2026-12-02T00:00:00Z') });
    expect(orgOf(a.findings).map((f) => findingKey(f))).toEqual(orgOf(b.findings).map((f) => findingKey(f)));
    expect(new Set(orgOf(a.findings).map((f) => findingKey(f))).size).toBe(3);
  });
});

describe('secrets', () => {
  it('a policy over client_secret never shows the secret', () => {
    const [p] = parsePolicies(
      `policies:\n  - id: org/secret-shape\n    title: Secrets are long\n    severity: warning\n    resource: clients\n    assert: { client_secret: { matches: '^.{64,}$' } }\n    message: '{name}: {value} at {path}'\n`,
      'p.yaml',
    );
    const s = tenant((t) => void (t.clients = [{ client_id: 'c1', name: 'Shop', app_type: 'spa', client_secret: 'sup3r-s3cret-value' } as never]));
    const [f] = run(p!, s);
    expect(f).toMatchObject({ status: 'fail', value: '[REDACTED]', field: 'client_secret' });
    expect(JSON.stringify(f)).not.toContain('sup3r');
  });

  it('nor a secret inside an object value', () => {
    const rule = compileCheck({ id: 'g/x', title: 'x', severity: 'advice', resource: 'connections', assert: { options: { equals: {} } }, message: '{value}' }, { file: 'inline' });
    const s = tenant((t) => void (t.connections = [{ id: 'con', name: 'g', strategy: 'google-oauth2', options: { client_id: 'id', client_secret: 'sup3r-s3cret-value' } }]));
    const fs = evaluate([rule], s, { ctx: { now: new Date(), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS } });
    expect(JSON.stringify(fs)).not.toContain('sup3r');
    expect(fs[0]?.status).toBe('fail');
  });
});

describe('compileCheck: the lower-level entry', () => {
  it('compiles an inline check without the org/ namespace or tests', () => {
    const rule = compileCheck({ id: 'guardrails/tenant-name', title: 'Tenant has a name', severity: 'advice', resource: 'tenantSettings', assert: { friendly_name: { exists: true } } }, { file: 'guardrails.yaml', line: 3 });
    const fs = evaluate([rule], tenant(), { ctx: { now: new Date(), env: 'prod', plan: 'b2c', settings: DEFAULT_SETTINGS } });
    expect(fs).toEqual([expect.objectContaining({ ruleId: 'guardrails/tenant-name', status: 'pass', resource: { type: 'tenant-settings', id: 'tenantSettings' } })]);
  });
});
