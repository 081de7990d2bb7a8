import { readFileSync } from 'node:fs';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { describe, expect, it } from 'vitest';
import { rules as registry } from '../../rules/index.js';
import { pluralType, renderSarif, resourcePath, SARIF_SCHEMA_URI } from '../../src/report/sarif.js';
import { b2bReport, brandNewReport, goldenAudit, HOSTILE_DOMAIN, HOSTILE_NAME, hostileReport, readyReport } from './golden/reports.js';
import { tenantFrom } from '../support/tenant.js';
import { MULTI_REPORTERS, type MultiReport } from '../../src/multi/report.js';
import { readDeployCliExport } from '../../src/sources/deploy-cli/index.js';
import { audit } from '../../src/run.js';
import type { AuditReport } from '../../src/report/schema.js';

/** The brand-new Deploy CLI export (YAML), audited as `--from` does, with a repository-relative path. */
async function deployCliReport(settings?: { minPasswordLength: number }): Promise<AuditReport> {
  const { snapshot, locate } = readDeployCliExport('fixtures/deploy-cli/brand-new/yaml');
  return audit({ source: { kind: 'snapshot', snapshot, locate }, now: () => new Date('2026-11-22T12:00:00Z'), ...(settings ? { settings } : {}) });
}

function multiOf(tenants: AuditReport[]): MultiReport {
  return {
    schemaVersion: 1,
    kind: 'multi',
    tool: { name: 'auth0-readiness', version: '0.0.0' },
    generatedAt: '2026-11-22T12:00:00.000Z',
    gate: { failOn: 'blocker', passed: false, reasons: [] },
    tenants: tenants.map((t, i) => ({ ...t, tenant: { ...t.tenant, alias: `t${i}` } })),
    errors: [],
    matrix: { milestones: [], rows: [] },
    crossTenant: [],
  };
}

// CommonJS packages: under NodeNext their default export is `module.exports`, which carries `default`.
const Ajv04 = Ajv04Module.default;
const addFormats = addFormatsModule.default;

/**
 * The SARIF 2.1.0 JSON schema (2.1.0-rtm.5, the version OASIS approved as SARIF 2.1.0; JSON
 * Schema draft-04), vendored byte for byte from the npm package @microsoft/jest-sarif@1.0.0-beta.0
 * (lib/schemas/sarif-2.1.0-rtm.5.json, MIT): see golden/README.md.
 */
const schema = JSON.parse(readFileSync(new URL('./golden/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// unicodeRegExp off: the official schema's `language` pattern has a stray `]`, which only
// non-Unicode ECMAScript regular expressions accept (as a literal).
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function valid(text: string): Log {
  const log = JSON.parse(text) as unknown;
  const ok = validate(log);
  expect(ok, ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
  return log as Log;
}

describe('sarif report', async () => {
  const report = await brandNewReport();
  const log = valid(renderSarif(report));
  const run = log.runs[0];
  if (!run) throw new Error('no run');
  const results: Result[] = run.results ?? [];
  const descriptors = run.tool.driver.rules ?? [];

  it('validates against the official SARIF 2.1.0 schema, for every fixture', async () => {
    expect(schema['title']).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA_URI);
    for (const r of [await readyReport(), await b2bReport(), await hostileReport()]) valid(renderSarif(r));
    // The schema does reject what is not SARIF.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false);
    expect(validate({ ...log, runs: [{ ...run, results: [{ message: { text: 'x' }, level: 'fatal' }] }] })).toBe(false);
  });

  it('describes each rule with results, from the report: help with remediation, docs link, tags, severity, topics', () => {
    // Rules with results only: nothing about the rules that passed.
    const ruleIds = [...new Set(report.findings.filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error').map((f) => f.ruleId))].sort();
    expect(descriptors.map((d) => d.id)).toEqual(ruleIds);
    expect(ruleIds.length).toBeLessThan(new Set(report.findings.map((f) => f.ruleId)).size);
    // The report carries what the descriptor says (the reporter does not read the registry).
    const carried = report.rules?.find((x) => x.id === 'email-provider-configured');
    expect(carried?.remediation).toBe(registry.find((x) => x.id === 'email-provider-configured')?.remediation);
    const d = descriptors.find((x) => x.id === 'email-provider-configured');
    const rule = registry.find((x) => x.id === 'email-provider-configured');
    if (!d || !rule) throw new Error('missing');
    expect(d.name).toBe('EmailProviderConfigured');
    expect(d.shortDescription?.text).toBe(rule.title);
    expect(d.fullDescription?.text).toBe(rule.rationale);
    expect(d.helpUri).toBe(rule.docs);
    expect(d.help?.text).toContain(rule.remediation);
    expect(d.help?.markdown).toContain(`**Remediation.** ${rule.remediation}`);
    expect(d.help?.markdown).toContain(`[Auth0 documentation](${rule.docs})`);
    expect(d.defaultConfiguration?.level).toBe('error');
    expect(d.properties?.['severity']).toBe('blocker');
    expect(d.properties?.tags).toEqual(expect.arrayContaining(['auth0', 'readiness', 'blocker']));
    expect(d.properties?.['topics']).toEqual(['b2c.p1.operations.email-provider']);
  });

  it('reports failing findings by severity and unknown ones for review', async () => {
    const failing = report.findings.filter((f) => f.status === 'fail');
    expect(results).toHaveLength(failing.length);
    const level = Object.fromEntries(results.map((r) => [`${r.ruleId} ${r.message.text}`, r.level]));
    for (const f of failing) {
      const where = f.resource ? ` (${f.resource.type} ${f.resource.name ?? f.resource.id})` : '';
      expect(level[`${f.ruleId} ${f.message}${where}`]).toBe({ blocker: 'error', warning: 'warning', advice: 'note' }[f.severity]);
    }
    for (const r of results) expect(descriptors[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);

    const hostile = await hostileReport();
    const review = (valid(renderSarif(hostile)).runs[0]?.results ?? []).filter((r) => r.kind === 'review');
    expect(review.length).toBe(hostile.findings.filter((f) => f.status === 'unknown' || f.status === 'error').length);
    expect(review.length).toBeGreaterThan(0);
    for (const r of review) {
      // SARIF §3.27.10: a result whose kind is not "fail" has level "none".
      expect(r.level).toBe('none');
      expect(r.message.text).toMatch(/^Not evaluated/);
      expect(r.properties?.['missing']).toBeDefined();
    }
  });

  it('meets GitHub code scanning\'s requirements (the sarif-multitool GH rules, as checks)', async () => {
    const multi = JSON.parse(MULTI_REPORTERS.sarif({ ...multiOf([report, await readyReport()]) })) as Log;
    for (const l of [log, valid(renderSarif(await hostileReport())), valid(renderSarif(await deployCliReport())), valid(JSON.stringify(multi))]) {
      expect(l.runs.length).toBeLessThanOrEqual(20); // GitHub: at most 20 runs a file
      for (const r of l.runs) {
        expect((r.results ?? []).length).toBeLessThanOrEqual(25_000);
        for (const d of r.tool.driver.rules ?? []) {
          // GH2012: every reportingDescriptor has help; GitHub shows shortDescription and help.
          expect(d.help?.text, d.id).toBeTruthy();
          expect(d.shortDescription?.text, d.id).toBeTruthy();
          expect((d.properties?.tags ?? []).length).toBeLessThanOrEqual(20);
        }
        for (const n of r.tool.driver.notifications ?? []) expect(n.help?.text, n.id).toBeTruthy();
        for (const res of r.results ?? []) {
          // GH1007: a message with text; GH1001: a physical location with an artifact URI;
          // GH1003: a region with startLine; GH1005: the URI relative or file:, never another scheme.
          expect(res.message.text).toBeTruthy();
          const loc = res.locations?.[0]?.physicalLocation;
          expect(loc?.artifactLocation?.uri).toBeTruthy();
          expect(loc?.region?.startLine).toBeGreaterThanOrEqual(1);
          expect(loc?.artifactLocation?.uri ?? '').toMatch(/^(?![a-z][a-z0-9+.-]*:)|^file:\/\//i);
          expect((res.locations ?? []).length).toBeLessThanOrEqual(1000);
        }
      }
    }
    // One run per tenant, each its own category.
    expect(multi.runs).toHaveLength(2);
    expect(new Set(multi.runs.map((r) => r.automationDetails?.id)).size).toBe(2);
  });

  it('with a Deploy CLI export: each result points at the export file and the line of the offending value', async () => {
    // The export's 8-character minimum meets the default (NIST SP 800-63B-4 with MFA); a project
    // that asks for 12 gets a finding located on that line.
    const r = await deployCliReport({ minPasswordLength: 12 });
    const out = valid(renderSarif(r)).runs[0];
    const located = (out?.results ?? []).filter((x) => x.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith('tenant.yaml'));
    expect(located.length).toBeGreaterThan((out?.results ?? []).length / 2);
    const pw = (out?.results ?? []).find((x) => x.ruleId === 'database-password-policy');
    const loc = pw?.locations?.[0]?.physicalLocation;
    expect(loc?.artifactLocation?.uri).toBe('fixtures/deploy-cli/brand-new/yaml/tenant.yaml');
    const lines = readFileSync(new URL('../../fixtures/deploy-cli/brand-new/yaml/tenant.yaml', import.meta.url), 'utf8').split('\n');
    expect(lines[(loc?.region?.startLine ?? 0) - 1]).toMatch(/min_length: 8/);
  });

  it('locates findings on the Auth0 resource: logical path and a repository-relative artifact', async () => {
    expect(pluralType('client')).toBe('clients');
    expect(pluralType('connection')).toBe('connections');
    expect(pluralType('mfa-policy')).toBe('mfa-policies');
    expect(pluralType('custom-domain')).toBe('custom-domains');
    expect(pluralType('tenant')).toBe('tenant');
    expect(resourcePath({ resource: { type: 'client', id: 'abc' } })).toBe('clients/abc');
    expect(resourcePath({})).toBe('tenant');

    const hostile = await hostileReport();
    const db = hostile.findings.find((f) => f.status === 'fail' && f.resource?.name === HOSTILE_NAME);
    if (!db?.resource) throw new Error('no finding on the hostile connection');
    const r = (valid(renderSarif(hostile)).runs[0]?.results ?? []).find((x) => x.properties?.['resource'] && (x.properties['resource'] as { name?: string }).name === HOSTILE_NAME);
    const loc = r?.locations?.[0];
    expect(loc?.logicalLocations?.[0]).toEqual({ name: HOSTILE_NAME, fullyQualifiedName: `connections/${db.resource.id}`, kind: 'resource' });
    const uri = loc?.physicalLocation?.artifactLocation?.uri ?? '';
    expect(uri).toBe(`auth0/${encodeURIComponent(HOSTILE_DOMAIN)}/connections/${encodeURIComponent(db.resource.id)}`);
    expect(loc?.physicalLocation?.region).toEqual({ startLine: 1 });
    expect(uri).not.toMatch(/^[a-z]+:/i);
    expect(() => new URL(uri, 'file:///repo/')).not.toThrow();
  });

  it('fingerprints are unique within a run and stable across runs', async () => {
    const fps = results.map((r) => r.partialFingerprints?.['auth0ReadinessFinding/v1']);
    expect(fps.every((x) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x))).toBe(true);
    expect(new Set(fps).size).toBe(fps.length);
    // Another day, another run: same tenant, same problems, same fingerprints.
    const later = await goldenAudit(tenantFrom('brand-new'), { require: 'go-live', now: () => new Date('2027-01-05T08:00:00Z') });
    const again = valid(renderSarif(later)).runs[0]?.results ?? [];
    expect(again.map((r) => r.partialFingerprints)).toEqual(results.map((r) => r.partialFingerprints));
    // A finding fixed: the others keep their fingerprints.
    const fixed = await goldenAudit(tenantFrom('brand-new', (t) => { t.customDomains = [{ custom_domain_id: 'cd_1', domain: 'login.acme.com', primary: true, status: 'ready', type: 'auth0_managed_certs' }]; }), { require: 'go-live' });
    const rest = (valid(renderSarif(fixed)).runs[0]?.results ?? []).map((r) => r.partialFingerprints?.['auth0ReadinessFinding/v1']);
    expect(rest.length).toBeGreaterThan(0);
    for (const fp of rest) expect(fps).toContain(fp);
  });

  it('carries the tenant, plan and gate in run properties; unread resources as notifications', async () => {
    expect(run.properties?.['tenant']).toEqual(report.tenant);
    expect(run.properties?.['plan']).toBe('b2c');
    expect(run.properties?.['gate']).toEqual(report.gate);
    expect(run.automationDetails?.id).toBe('auth0-readiness/b2c/acme-dev.us.auth0.com/');
    const hostile = valid(renderSarif(await hostileReport()));
    const notes = hostile.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notes.map((n) => n.message.text)).toContainEqual(expect.stringContaining('Could not read Log streams (logStreams): missing-scope'));
  });
});
