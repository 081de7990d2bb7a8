/**
 * Checks outside the source's reach ("needs a live audit"): still `unknown` findings, marked by
 * their `missing[].reason`, but they never make a topic or a milestone unknown nor fail the gate,
 * and the report lists them. Something the source could hold but this copy lacks still fails closed.
 */
import { describe, expect, it } from 'vitest';
import legacyHooks from '../../rules/legacy-hooks-migrated.js';
import signingKeys from '../../rules/signing-key-rotation.js';
import customDomainInEmails from '../../rules/custom-domain-in-emails.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { aggregate } from '../../src/engine/aggregate.js';
import { evaluateRule, type Finding } from '../../src/engine/evaluate.js';
import { needsLiveAudit } from '../../src/engine/live-audit.js';
import { computeFacts } from '../../src/engine/scope.js';
import { decideGate } from '../../src/gate.js';
import { AuditReportSchema } from '../../src/report/schema.js';
import { renderConsole } from '../../src/report/console.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderHtml } from '../../src/report/html.js';
import { audit, DEFAULT_SETTINGS } from '../../src/run.js';
import { failure } from '../../src/snapshot/snapshot.js';
import { tenant, unavailable, type Mutator } from '../support/tenant.js';

const opts = { ctx: { now: new Date('2026-12-01T00:00:00Z'), env: 'prod' as const, plan: 'b2c' as const, settings: DEFAULT_SETTINGS } };
const plan = loadCatalog().plans.b2c;
const facts = computeFacts(tenant());
const NOW = () => new Date('2026-12-01T00:00:00Z');
const WHY = 'the Deploy CLI never reads it (src/x.ts:1, auth0-deploy-cli 8.43.0)';

const outOfReach = (key: Parameters<typeof unavailable>[0]): Mutator => (_, s) => {
  (s.resources as Record<string, unknown>)[key] = failure('out-of-reach', WHY);
};

describe('evaluate', () => {
  it('a needed resource out of reach: unknown, marked as needing a live audit', () => {
    const [f] = evaluateRule(signingKeys, tenant(outOfReach('signingKeys')), opts);
    expect(f).toMatchObject({ status: 'unknown', messageId: 'needs-live-audit', missing: [{ key: 'signingKeys', reason: 'out-of-reach' }] });
    expect(f?.message).toMatch(/^Needs a live audit: Signing keys: /);
    expect(needsLiveAudit(f!)).toBe(true);
  });
  it('a wanted resource out of reach (the rule calls notEvaluated): marked too', () => {
    const [f] = evaluateRule(legacyHooks, tenant(outOfReach('hooks')), opts);
    expect(f).toMatchObject({ status: 'unknown', messageId: 'needs-live-audit', missing: [{ key: 'hooks', reason: 'out-of-reach' }] });
  });
  it('a field the source never holds: unknown and marked; one this copy lacks: an ordinary unknown', () => {
    const strip = (reason?: 'out-of-reach'): Mutator => (_, s) => {
      const t = s.resources.tenantSettings;
      if (!t?.ok) throw new Error('baseline has tenant settings');
      const flags = { ...t.data.flags };
      delete flags.enable_custom_domain_in_emails;
      s.resources.tenantSettings = { ok: true, data: { ...t.data, flags }, unheld: [{ field: 'flags.enable_custom_domain_in_emails', detail: WHY, ...(reason ? { reason } : {}) }] };
      s.resources.customDomains = { ok: true, data: [{ domain: 'login.acme.example', status: 'ready', primary: true }] };
    };
    const [never] = evaluateRule(customDomainInEmails, tenant(strip('out-of-reach')), opts);
    expect(never).toMatchObject({ status: 'unknown', missing: [{ reason: 'out-of-reach' }] });
    expect(needsLiveAudit(never!)).toBe(true);
    const [lacks] = evaluateRule(customDomainInEmails, tenant(strip()), opts);
    expect(lacks).toMatchObject({ status: 'unknown', missing: [{ reason: 'not-in-export' }] });
    expect(needsLiveAudit(lacks!)).toBe(false);
  });
});

describe('aggregate', () => {
  const CD = 'b2c.p1.architecture.custom-domains';
  const f = (status: Finding['status'], reason?: 'out-of-reach' | 'not-in-export', ruleId = 'r'): Finding => ({
    ruleId,
    topicIds: [CD],
    severity: 'blocker',
    status,
    messageId: 'm',
    message: 'm',
    ...(reason ? { missing: [{ key: 'signingKeys', reason, detail: WHY }] } : {}),
  });
  const topic = (fs: Finding[]) => aggregate({ plan, findings: fs, facts, env: 'prod' }).topics.find((t) => t.id === CD);

  it('a blocker-level check out of reach does not make a passing topic unknown: it is listed as needing a live audit', () => {
    const t = topic([f('pass'), f('unknown', 'out-of-reach', 'live-only')]);
    expect(t?.status).toBe('pass');
    expect(t?.reasons).toContain("needs a live audit (outside this source's reach): live-only");
  });
  it('a section this copy lacks still makes it unknown (fails closed)', () => {
    expect(topic([f('pass'), f('unknown', 'not-in-export')])?.status).toBe('unknown');
    // out of reach AND not in this export: fails closed
    const mixed: Finding = { ...f('unknown'), missing: [{ key: 'signingKeys', reason: 'out-of-reach', detail: WHY }, { key: 'clients', reason: 'not-in-export', detail: 'x' }] };
    expect(topic([f('pass'), mixed])?.status).toBe('unknown');
  });
  it('a topic only out-of-reach checks evidence is unverified: nothing was seen either way', () => {
    const t = topic([f('unknown', 'out-of-reach', 'live-only')]);
    expect(t?.status).toBe('unverified');
  });
});

describe('the whole audit: gate, report and renderers', () => {
  // The live baseline tenant, with its signing keys out of reach (as from a Deploy CLI export).
  const run = (extra: Mutator[] = []) =>
    audit({ source: { kind: 'snapshot', snapshot: tenant(outOfReach('signingKeys'), outOfReach('hooks'), ...extra) }, now: NOW, failOn: 'advice' });

  it('the gate does not fail on them, at any --fail-on, and the report lists them with why', async () => {
    const report = await run();
    AuditReportSchema.parse(report);
    expect(report.needsLiveAudit?.map((l) => l.ruleId)).toEqual(expect.arrayContaining(['legacy-hooks-migrated', 'signing-key-rotation']));
    expect(report.needsLiveAudit?.find((l) => l.ruleId === 'signing-key-rotation')).toMatchObject({ resources: ['signingKeys'], why: WHY, severity: 'advice' });
    expect(report.gate.reasons.join(' ')).not.toMatch(/signingKeys|hooks|could not be judged/);
    // the same resources missing for another reason fail the gate, as before
    const scope = await audit({ source: { kind: 'snapshot', snapshot: tenant(unavailable('signingKeys')) }, now: NOW, failOn: 'advice' });
    expect(scope.gate.passed).toBe(false);
    expect(scope.gate.reasons.join(' ')).toMatch(/signingKeys: grant read:signing_keys/);
    expect(decideGate(scope, { failOn: 'advice', allowUnknown: true }).reasons.join(' ')).not.toMatch(/signingKeys/);
  });

  it('console, Markdown and HTML render them under "Needs a live audit"', async () => {
    const report = await run();
    const console_ = renderConsole(report, { color: false, verbose: false });
    expect(console_).toMatch(/Needs a live audit.*The token signing key is rotated on a plan/);
    expect(console_).not.toMatch(/Not checked:.*Signing keys/);
    expect(renderMarkdown(report, {})).toMatch(/### 🔭 Needs a live audit \(3\)[\s\S]*`signing-key-rotation`/);
    expect(renderHtml(report)).toMatch(/<h2 id="h-live-audit">Needs a live audit<\/h2>[\s\S]*data-rule="signing-key-rotation"/);
  });
});
