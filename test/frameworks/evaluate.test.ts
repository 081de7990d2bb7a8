/**
 * Requirement statuses from an audit: FAIL-dominant over the mapped findings, unknown when a rule
 * could not judge (or did not run), manual when only an attestation can meet it, n/a out of scope;
 * guardrails fail a requirement when a threshold is configured looser than the profile needs; the
 * gate's --require-framework fails on failing or unknown automated requirements, never on manual ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { resolveFramework, type FrameworkSelection } from '../../src/frameworks/load.js';
import type { AuditReport, RequirementResult } from '../../src/report/schema.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { audit, type AuditOptions } from '../../src/run.js';
import { resultText } from '../../src/report/frameworks.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { tenant, unavailable } from '../support/tenant.js';

const NOW = () => new Date('2026-11-23T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'a0r-fweval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILE = join(dir, 'house.yaml');
writeFileSync(
  FILE,
  `id: house
name: House rules
version: '1'
source: https://example.com/house
licence: internal
profiles:
  - { id: house-base, name: Base, level: 1 }
  - { id: house-strict, name: Strict, level: 2 }
requirements:
  - id: pw
    section: Passwords
    title: Database passwords are long enough
    level: 1
    appliesTo: [end-users]
    rules: [database-password-policy]
    guardrails:
      - { setting: minPasswordLength, min: 8, why: the base needs 8 }
      - { setting: minPasswordLength, min: 15, profiles: [house-strict], why: the strict profile needs 15 without MFA }
  - id: sessions
    title: Sessions end
    level: 1
    appliesTo: [end-users]
    rules: [tenant-session-lifetimes]
    guardrails:
      - { rule: tenant-session-lifetimes, option: maxSessionLifetimeHours, max: 720, why: a month at most }
  - id: admin-mfa
    title: Administrators use MFA
    level: 1
    appliesTo: [administrators]
    manual: { how: every Dashboard admin has MFA, attestation: admin-mfa }
  - id: mfa-documented
    title: MFA is on, and its enrolment is documented
    level: 1
    appliesTo: [end-users]
    rules: [mfa-factor-enabled]
    manual: { how: the enrolment runbook exists }
  - id: code
    title: The app validates tokens
    level: 1
    outOfScope: the application's own code
`,
);
const sel = (profile = 'house-base'): FrameworkSelection => resolveFramework(`${FILE}#${profile}`, { cwd: dir, rules });
const run = (snapshot: Snapshot, o: Partial<AuditOptions> = {}): Promise<AuditReport> =>
  audit({ source: { kind: 'snapshot', snapshot }, now: NOW, frameworks: [sel()], ...o });
const req = (r: AuditReport, id: string, i = 0): RequirementResult => {
  const found = r.frameworks?.[i]?.requirements.find((x) => x.id === id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};
const weakPasswords = (t: Parameters<Parameters<typeof tenant>[0]>[0]) => {
  for (const c of t.connections ?? []) {
    if (c.strategy !== 'auth0') continue;
    const o = c.options as Record<string, unknown>;
    o.passwordPolicy = 'none';
    o.password_complexity_options = { min_length: 1 };
    delete o.password_options;
  }
};

describe('requirement statuses', () => {
  it('on the compliant baseline: automated requirements pass, manual ones wait for their attestation, out of scope is n/a', async () => {
    const r = await run(tenant());
    AuditReportSchema.parse(r);
    expect(req(r, 'pw')).toMatchObject({ status: 'pass', automation: 'automated' });
    expect(req(r, 'sessions').status).toBe('pass');
    expect(req(r, 'admin-mfa')).toMatchObject({ status: 'manual', automation: 'manual', attestation: { id: 'admin-mfa', state: 'missing', met: false } });
    expect(req(r, 'mfa-documented')).toMatchObject({ status: 'manual', automation: 'partial', attestation: { id: 'house:mfa-documented', met: false } });
    expect(req(r, 'code')).toMatchObject({ status: 'n/a', automation: 'out-of-scope', reason: "out of scope: the application's own code" });
    expect(r.frameworks?.[0]?.coverage).toEqual({ requirements: 5, automated: 2, partial: 1, manual: 1, outOfScope: 1 });
    expect(r.frameworks?.[0]?.summary).toEqual({ pass: 2, fail: 0, unknown: 0, manual: 2, waived: 0, 'n/a': 1 });
  });

  it('a failing mapped finding fails the requirement, with the finding as evidence', async () => {
    const r = await run(tenant(weakPasswords));
    const pw = req(r, 'pw');
    expect(pw.status).toBe('fail');
    const ev = pw.evidence.find((e) => e.kind === 'rule');
    expect(ev).toMatchObject({ kind: 'rule', id: 'database-password-policy', status: 'fail' });
    expect(ev?.kind === 'rule' && ev.findings[0]?.status).toBe('fail');
    expect(pw.reason).toContain('(database-password-policy)');
  });

  it('automated evidence refutes a partly manual requirement even when it is attested', async () => {
    const r = await run(
      tenant((t) => {
        for (const f of t.guardianFactors ?? []) f.enabled = false;
      }),
      { attestations: [{ topic: 'house:mfa-documented', tenant: '*', status: 'done', owner: 'sec', date: '2026-11-01', evidence: 'https://wiki/mfa' }] },
    );
    expect(req(r, 'mfa-documented')).toMatchObject({ status: 'fail', attestation: { met: true } });
  });

  it('an attestation meets the manual part (still "manual", met); attested not applicable is n/a', async () => {
    const att = (topic: string, status: 'done' | 'not-applicable') => ({ topic, tenant: '*', status, owner: 'sec', date: '2026-11-01', evidence: 'https://wiki/x' });
    const r = await run(tenant(), { attestations: [att('admin-mfa', 'done'), att('house:mfa-documented', 'not-applicable')] });
    expect(req(r, 'admin-mfa')).toMatchObject({ status: 'manual', attestation: { state: 'current', met: true } });
    expect(req(r, 'admin-mfa').reason).toMatch(/^met by the attestation admin-mfa \(current\): /);
    expect(r.frameworks?.[0] && resultText(r.frameworks[0])).toMatch(/0 await an attestation, 1 attested, 2 n\/a/);
    expect(req(r, 'mfa-documented').status).toBe('n/a');
  });

  it('a rule turned off, or a resource not read, makes its requirement unknown: it fails closed', async () => {
    const off = await run(tenant(), { ruleSettings: { 'database-password-policy': 'off' } });
    expect(req(off, 'pw')).toMatchObject({ status: 'unknown' });
    expect(req(off, 'pw').reason).toMatch(/database-password-policy could not be judged: turned off in config/);
    const unread = await run(tenant(unavailable('connections')));
    expect(req(unread, 'pw').status).toBe('unknown');
  });

  it('a waived failing finding does not fail its requirement', async () => {
    const r = await run(tenant(weakPasswords), { waivers: [{ rule: 'database-password-policy', reason: 'legacy import until Q1', expires: '2027-03-01' }] });
    expect(req(r, 'pw').status).toBe('pass');
  });
});

describe('guardrails', () => {
  it('a threshold configured looser than the profile needs fails the requirement, saying why', async () => {
    const loose = await run(tenant(), { settings: { minPasswordLength: 6 } });
    const pw = req(loose, 'pw');
    expect(pw.status).toBe('fail');
    expect(pw.reason).toMatch(/settings\.minPasswordLength is 6, looser than Base allows: it needs at least 8 \(the base needs 8\)/);
  });

  it('a guardrail limited to one profile applies only there', async () => {
    const base = await run(tenant());
    expect(req(base, 'pw').evidence.filter((e) => e.kind === 'guardrail')).toHaveLength(1);
    const strict = await run(tenant(), { frameworks: [sel('house-strict')] });
    expect(req(strict, 'pw')).toMatchObject({ status: 'fail' });
    expect(req(strict, 'pw').reason).toMatch(/needs at least 15/);
    const strictTight = await run(tenant(), { frameworks: [sel('house-strict')], settings: { minPasswordLength: 15 } });
    expect(req(strictTight, 'pw').evidence.filter((e) => e.kind === 'guardrail').map((e) => e.status)).toEqual(['pass', 'pass']);
  });

  it('a rule option loosened past the guardrail fails it; the rule default passes', async () => {
    const loose = await run(tenant(), { ruleSettings: { 'tenant-session-lifetimes': { options: { maxSessionLifetimeHours: 2000 } } } });
    expect(req(loose, 'sessions')).toMatchObject({ status: 'fail' });
    expect(req(loose, 'sessions').reason).toMatch(/rules\.tenant-session-lifetimes\.options\.maxSessionLifetimeHours is 2000, looser than Base allows: it needs at most 720/);
    const tight = await run(tenant(), { ruleSettings: { 'tenant-session-lifetimes': { options: { maxSessionLifetimeHours: 168 } } } });
    expect(req(tight, 'sessions').status).toBe('pass');
  });
});

describe('--require-framework', () => {
  it('fails on a failing automated requirement, naming it; never on a manual one', async () => {
    const good = await run(tenant(), { requireFrameworks: ['house-base'], failOn: 'none' });
    expect(good.gate.passed).toBe(true);
    const bad = await run(tenant(weakPasswords), { requireFrameworks: ['house-base'], failOn: 'none' });
    expect(bad.gate.passed).toBe(false);
    expect(bad.gate.details).toContainEqual({ id: 'framework-not-met', framework: 'house-base', failing: ['pw'], unknown: [] });
    expect(bad.gate.reasons.join('\n')).toMatch(/required framework profile house-base: 1 automated requirement\(s\) fail \(pw\)/);
    expect(bad.verdict?.outcome).toBe('failed');
  });

  it('fails on an unknown one unless the unknowns are accepted; a profile not judged is named', async () => {
    const off = await run(tenant(), { ruleSettings: { 'database-password-policy': 'off' }, requireFrameworks: ['house-base'], failOn: 'none' });
    expect(off.gate.details).toContainEqual({ id: 'framework-not-met', framework: 'house-base', failing: [], unknown: ['pw'] });
    const accepted = await run(tenant(), { ruleSettings: { 'database-password-policy': 'off' }, requireFrameworks: ['house-base'], failOn: 'none', allowUnknown: true });
    expect(accepted.gate.passed).toBe(true);
    const missing = await run(tenant(), { frameworks: [], requireFrameworks: ['house-strict'], failOn: 'none' });
    expect(missing.gate.details).toContainEqual({ id: 'framework-missing', framework: 'house-strict' });
  });
});

describe('shipped guardrail checks on the tenant', () => {
  const shipped = (profile: string) => resolveFramework(profile, { cwd: dir, rules });

  it('NIST AAL2 reauthentication: Auth0 default session lifetimes fail, 24 h / 1 h idle pass', async () => {
    const atDefaults = await run(
      tenant((t) => {
        const s = t.tenantSettings as Record<string, unknown>;
        delete s.session_lifetime;
        delete s.idle_session_lifetime;
      }),
      { frameworks: [shipped('nist-800-63b-4-aal2')] },
    );
    const overall = req(atDefaults, '2.2.3-overall-timeout');
    expect(overall.status).toBe('fail');
    expect(overall.evidence.find((e) => e.kind === 'guardrail')?.status).toBe('fail');
    const tight = await run(
      tenant((t) => {
        Object.assign(t.tenantSettings as Record<string, unknown>, { session_lifetime: 24, idle_session_lifetime: 1 });
      }),
      { frameworks: [shipped('nist-800-63b-4-aal2')] },
    );
    expect(req(tight, '2.2.3-overall-timeout').evidence.filter((e) => e.kind === 'guardrail').map((e) => e.status)).toEqual(['pass']);
    expect(req(tight, '2.2.3-inactivity-timeout').evidence.filter((e) => e.kind === 'guardrail').map((e) => e.status)).toEqual(['pass']);
    // The AAL1 profile does not carry the AAL2 checks.
    const aal1 = await run(tenant(), { frameworks: [shipped('nist-800-63b-4-aal1')] });
    expect(aal1.frameworks?.[0]?.requirements.some((r) => r.id === '2.2.3-inactivity-timeout')).toBe(false);
  });

  it("ASVS 6.2.5: a character-class policy fails; connection options the token cannot see are unknown, never a failure", async () => {
    const classes = await run(
      tenant((t) => {
        for (const c of t.connections ?? []) {
          if (c.strategy !== 'auth0') continue;
          const o = c.options as Record<string, unknown>;
          delete o.password_options;
          o.passwordPolicy = 'excellent';
        }
      }),
      { frameworks: [shipped('asvs-5.0-L1')] },
    );
    expect(req(classes, '6.2.5').status).toBe('fail');
    const hidden = await run(
      tenant((t) => {
        for (const c of t.connections ?? []) if (c.strategy === 'auth0') delete (c as { options?: unknown }).options;
      }),
      { frameworks: [shipped('asvs-5.0-L1')] },
    );
    const r625 = req(hidden, '6.2.5');
    expect(r625.status).toBe('unknown');
    expect(r625.reason).toMatch(/not visible: grant read:connections_options/);
  });
});

describe('waiving a requirement', () => {
  const waiver = { rule: 'house:pw', reason: 'legacy import keeps 6-character passwords until the migration in Q1', expires: '2027-03-01', owner: 'iam-team' };

  it('an active waiver turns a failing requirement into waived, with its reason; the gate accepts it and "relies on" lists it', async () => {
    const r = await run(tenant(weakPasswords), { waivers: [waiver], requireFrameworks: ['house-base'], failOn: 'none' });
    const pw = req(r, 'pw');
    expect(pw).toMatchObject({ status: 'waived', waiver: { reason: waiver.reason, expires: '2027-03-01', owner: 'iam-team' } });
    expect(pw.reason).toMatch(/^waived until 2027-03-01 \(iam-team\): legacy import .*; without the waiver: .*\(database-password-policy\)/);
    expect(r.frameworks?.[0]?.summary.waived).toBe(1);
    expect(r.gate.passed).toBe(true);
    expect(r.reliesOn).toContainEqual(expect.objectContaining({ kind: 'waiver', ruleId: 'house:pw', matched: 1 }));
  });

  it('an expired waiver does not count; a waiver of a passing requirement changes nothing', async () => {
    const expired = await run(tenant(weakPasswords), { waivers: [{ ...waiver, expires: '2026-01-01' }], requireFrameworks: ['house-base'], failOn: 'none' });
    expect(req(expired, 'pw').status).toBe('fail');
    expect(expired.gate.passed).toBe(false);
    const passing = await run(tenant(), { waivers: [waiver] });
    expect(req(passing, 'pw').status).toBe('pass');
  });
});

describe('secrets', () => {
  it('a guardrail check over a secret never shows it, in the report or any format', async () => {
    const file = join(dir, 'secret.yaml');
    writeFileSync(
      file,
      `id: leaky\nname: Leaky\nversion: '1'\nsource: https://example.com\nlicence: internal\nprofiles: [{ id: leaky, name: Base, level: 1 }]\nrequirements:\n  - id: S1\n    title: Social secrets are long\n    level: 1\n    appliesTo: [end-users]\n    guardrails:\n      - check:\n          resource: connections\n          where: { strategy: google-oauth2 }\n          assert: { options.client_secret: { matches: '^.{64,}$' } }\n          message: '{name}: secret {value}'\n        why: secrets are long\n`,
    );
    const SECRET = 'sup3r-s3cret-value-do-not-print';
    const s = tenant((t) => {
      t.connections = [...(t.connections ?? []), { id: 'con_g', name: 'google-oauth2', strategy: 'google-oauth2', enabled_clients: [], options: { client_id: 'id', client_secret: SECRET } }];
    });
    const r = await run(s, { frameworks: [resolveFramework(file, { cwd: dir, rules })] });
    expect(req(r, 'S1').status).toBe('fail');
    // The check read the secret (it failed on it) and showed it redacted.
    expect(req(r, 'S1').reason).toMatch(/^google-oauth2: secret \[REDACTED\]/);
    const { REPORTERS } = await import('../../src/report/index.js');
    for (const [name, render] of Object.entries(REPORTERS)) expect(render(r, { color: false, verbose: true }), name).not.toContain(SECRET);
    expect(JSON.stringify(r)).not.toContain(SECRET);
  });
});

describe('why a requirement is n/a', () => {
  it('a requirement resting on a feature the subscription lacks cannot be met there: it fails, saying why (waivable)', async () => {
    const r = await run(tenant(), { frameworks: [resolveFramework('asvs-5.0-L3', { cwd: dir, rules })], subscription: 'professional' });
    const q = req(r, '10.4.14');
    expect(q.status).toBe('fail');
    expect(q.reason).toMatch(/^cannot be met on this subscription: .*is not on the Professional subscription: available on Enterprise.* \(app-sender-constrained-tokens\)$/);
    // The readiness view is unchanged: the check itself is n/a there.
    expect(r.findings.filter((f) => f.ruleId === 'app-sender-constrained-tokens').map((f) => f.status)).toEqual(['n/a']);
  });

  it('a rule n/a because its subject is not in use keeps its requirement n/a, with that reason', async () => {
    const r = await run(
      tenant((t) => {
        t.connections = (t.connections ?? []).filter((c) => c.strategy !== 'auth0');
      }),
    );
    const pw = req(r, 'pw');
    expect(pw.status).toBe('n/a');
    expect(pw.reason).toMatch(/^Not in use: .* \(database-password-policy\)$/);
  });
});

describe('a requirement met by its attestation, in every format', () => {
  it('reads as attested: a passing JUnit case, a ☑ in console and Markdown, an "attested" badge in HTML', async () => {
    const r = await run(tenant(), { attestations: [{ topic: 'admin-mfa', tenant: '*', status: 'done', owner: 'sec', date: '2026-11-01', evidence: 'https://wiki/admin-mfa' }] });
    const { REPORTERS } = await import('../../src/report/index.js');
    const opts = { color: false, verbose: true };
    expect(REPORTERS.junit(r)).toMatch(/<testcase classname="house-base" name="admin-mfa: Administrators use MFA" time="0">\s*<system-out>met by the attestation admin-mfa/);
    expect(REPORTERS.console(r, opts)).toMatch(/☑ admin-mfa Administrators use MFA — met by the attestation admin-mfa \(current\)/);
    expect(REPORTERS.markdown(r)).toMatch(/- ☑️ \*\*admin-mfa\*\* Administrators use MFA — met by the attestation/);
    expect(REPORTERS.html(r)).toMatch(/<span class="badge pass">attested<\/span><\/td><td>admin-mfa<\/td>/);
  });
});
