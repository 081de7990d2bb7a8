import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { aggregate } from '../../src/engine/aggregate.js';
import type { Finding } from '../../src/engine/evaluate.js';
import { computeFacts } from '../../src/engine/scope.js';
import { tenant, unavailable } from '../support/tenant.js';

const plan = loadCatalog().plans.b2c;
const facts = computeFacts(tenant());

const finding = (topic: string, status: Finding['status'], severity: Finding['severity'] = 'blocker', ruleId = 'r'): Finding => ({
  ruleId,
  topicIds: [topic],
  severity,
  status,
  messageId: 'm',
  message: 'm',
});
const topicOf = (findings: Finding[], id: string, extra: Partial<Parameters<typeof aggregate>[0]> = {}) =>
  aggregate({ plan, findings, facts, env: 'prod', ...extra }).topics.find((t) => t.id === id);

const CD = 'b2c.p1.architecture.custom-domains';

describe('topic status', () => {
  it('passes when every finding passes', () => {
    expect(topicOf([finding(CD, 'pass'), finding(CD, 'n/a')], CD)?.status).toBe('pass');
  });
  it('fails on a failing blocker, is at risk on a failing warning, ignores failing advice', () => {
    expect(topicOf([finding(CD, 'pass'), finding(CD, 'fail', 'blocker')], CD)?.status).toBe('fail');
    expect(topicOf([finding(CD, 'pass'), finding(CD, 'fail', 'warning')], CD)?.status).toBe('at-risk');
    expect(topicOf([finding(CD, 'pass'), finding(CD, 'fail', 'advice')], CD)?.status).toBe('pass');
  });
  it('never promotes an unknown to pass; unknown outranks at-risk', () => {
    expect(topicOf([finding(CD, 'pass'), finding(CD, 'unknown')], CD)?.status).toBe('unknown');
    expect(topicOf([finding(CD, 'fail', 'warning'), finding(CD, 'error')], CD)?.status).toBe('unknown');
    expect(topicOf([finding(CD, 'unknown'), finding(CD, 'fail', 'blocker')], CD)?.status).toBe('fail');
  });
  it('an API-checkable topic with no rule is unknown, an attestation topic unverified', () => {
    expect(topicOf([], 'b2c.p1.authentication.application-integration')?.status).toBe('unknown');
    expect(topicOf([], 'b2c.p1.architecture.tenant-association')?.status).toBe('unverified');
    expect(topicOf([finding('b2c.p1.operations.notifications', 'pass')], 'b2c.p1.operations.notifications')?.status).toBe('unverified');
    expect(topicOf([finding('b2c.p1.operations.notifications', 'pass')], 'b2c.p1.operations.notifications', { attested: new Set(['b2c.p1.operations.notifications']) })?.status).toBe('pass');
  });
  it('is n/a, with the reason, when out of scope', () => {
    const noDb = computeFacts(tenant((t) => { t.connections = []; }));
    const t = aggregate({ plan, findings: [], facts: noDb, env: 'prod' }).topics.find((x) => x.id === 'b2c.p1.authentication.username-password');
    expect(t?.status).toBe('n/a');
    expect(t?.reasons[0]).toMatch(/no database connection/);
    const cfg = topicOf([finding(CD, 'fail')], CD, { outOfScope: [{ topic: CD, reason: 'a reverse proxy fronts the tenant' }] });
    expect(cfg?.status).toBe('n/a');
    expect(cfg?.reasons[0]).toContain('reverse proxy');
  });
  it('keeps a topic in scope when its scope cannot be determined', () => {
    const unsure = computeFacts(tenant(unavailable('connections')));
    const t = aggregate({ plan, findings: [], facts: unsure, env: 'prod' }).topics.find((x) => x.id === 'b2c.p1.authentication.username-password');
    expect(t?.status).not.toBe('n/a');
    expect(t?.scope.inScope).toBeUndefined();
  });
  it('MFA is in scope by default and config can take it out (Decision 4)', () => {
    const noFactors = computeFacts(tenant((t) => { t.guardianFactors = []; }));
    const mfa = 'b2c.p2.authentication.mfa';
    expect(aggregate({ plan, findings: [finding(mfa, 'fail')], facts: noFactors, env: 'prod' }).topics.find((x) => x.id === mfa)?.status).toBe('fail');
    expect(aggregate({ plan, findings: [finding(mfa, 'fail')], facts: noFactors, env: 'prod', scopeConfig: { mfa: false } }).topics.find((x) => x.id === mfa)?.status).toBe('n/a');
  });
});

describe('dependencies', () => {
  it('a failing email provider fails email templates (precedes)', () => {
    const t = topicOf([finding('b2c.p1.operations.email-provider', 'fail'), finding('b2c.p1.branding.email-templates', 'pass')], 'b2c.p1.branding.email-templates');
    expect(t?.status).toBe('fail');
    expect(t?.dependsOn).toEqual([{ topic: 'b2c.p1.operations.email-provider', status: 'fail' }]);
  });
  it('an unknown prerequisite keeps the dependant from passing', () => {
    const t = topicOf([finding('b2c.p1.operations.email-provider', 'unknown'), finding('b2c.p1.branding.email-templates', 'pass')], 'b2c.p1.branding.email-templates');
    expect(t?.status).toBe('unknown');
  });
  it('the notification dependency of anomaly detection applies only with a notification shield', () => {
    const fs = [finding('b2c.p1.operations.email-provider', 'fail'), finding('b2c.p1.authentication.anomaly-detection', 'pass')];
    expect(topicOf(fs, 'b2c.p1.authentication.anomaly-detection')?.status).toBe('fail');
    const quiet = computeFacts(tenant((t) => {
      t.bruteForceProtection = { enabled: true, shields: ['block'] };
      t.breachedPasswordDetection = { enabled: true, shields: ['block'] };
    }));
    expect(topicOf(fs, 'b2c.p1.authentication.anomaly-detection', { facts: quiet })?.status).toBe('pass');
  });
});

describe('milestones', () => {
  const all = (status: Finding['status']) => [...plan.topics.values()].filter((t) => t.evidence === 'A').map((t) => finding(t.id, status));
  const everything = new Set([...plan.topics.keys(), 'prodcheck', 'env-tag', 'admin-mfa', 'admin-review', 'status-subscription']);
  it('are satisfied when every covered topic passes or is attested', () => {
    const ms = aggregate({ plan, findings: all('pass'), facts, env: 'prod', attested: everything }).milestones;
    expect(ms.find((m) => m.id === 'b2c.p1.m3-go-live')?.status).toBe('satisfied');
  });
  it('go-live needs the prodcheck attestation, and env-tag on production only', () => {
    const attested = new Set([...plan.topics.keys()]);
    const prod = aggregate({ plan, findings: all('pass'), facts, env: 'prod', attested }).milestones.find((m) => m.id === 'b2c.p1.m3-go-live');
    expect(prod?.status).toBe('not-satisfied');
    expect(prod?.reasons).toEqual(expect.arrayContaining(['attestation prodcheck is missing', 'attestation env-tag is missing']));
    const dev = aggregate({ plan, findings: all('pass'), facts, env: 'dev', attested: new Set([...attested, 'prodcheck', 'admin-mfa', 'admin-review', 'status-subscription']) }).milestones.find((m) => m.id === 'b2c.p1.m3-go-live');
    expect(dev?.status).toBe('satisfied');
  });
  it('a required unverified topic blocks; a failing topic blocks; unknown and at-risk rank below', () => {
    const base = { plan, facts, env: 'prod' as const };
    const noAttest = aggregate({ ...base, findings: all('pass'), attested: new Set(['prodcheck', 'env-tag']) }).milestones[0];
    expect(noAttest?.status).toBe('not-satisfied');
    expect(noAttest?.reasons.join()).toContain('tenant-association');
    const withUnknown = aggregate({ ...base, findings: [...all('pass'), finding(CD, 'unknown')], attested: everything }).milestones[0];
    expect(withUnknown?.status).toBe('unknown');
    const withRisk = aggregate({ ...base, findings: [...all('pass'), finding(CD, 'fail', 'warning')], attested: everything }).milestones[0];
    expect(withRisk?.status).toBe('satisfied-with-risks');
    const withFail = aggregate({ ...base, findings: [...all('pass'), finding(CD, 'fail', 'blocker')], attested: everything }).milestones[0];
    expect(withFail?.status).toBe('not-satisfied');
  });
  it('are cumulative: a Phase 1 m1 failure also fails m2 and m3', () => {
    const ms = aggregate({ plan, findings: [...all('pass'), finding(CD, 'fail')], facts, env: 'prod', attested: everything }).milestones;
    expect(ms.filter((m) => m.phase === 'b2c.p1').map((m) => m.status)).toEqual(['not-satisfied', 'not-satisfied', 'not-satisfied']);
  });
});

describe('scope facts', () => {
  it('detects outbound calls from Actions by parsing, not by text', () => {
    const withFetch = computeFacts(tenant((t) => { t.actions = [{ id: 'a', name: 'a', code: "exports.onExecutePostLogin = async () => { await fetch('https://crm.acme.example'); };" }]; }));
    expect(withFetch.outboundCalls).toBe(true);
    const commented = computeFacts(tenant((t) => { t.actions = [{ id: 'a', name: 'a', code: "// await fetch('https://x')\nexports.onExecutePostLogin = async () => {};" }]; }));
    expect(commented.outboundCalls).toBe(false);
  });
  it('finds applications with several connections from the per-connection client lists', () => {
    expect(computeFacts(tenant((t) => { t.connectionClients = { c1: ['app1'], c2: ['app1'] }; })).multiConnectionApp).toBe(true);
    expect(computeFacts(tenant((t) => { t.connectionClients = { c1: ['app1'], c2: ['app2'] }; })).multiConnectionApp).toBe(false);
    expect(computeFacts(tenant(unavailable('connectionClients'), (t) => { t.connections = [{ id: 'c1', name: 'x', strategy: 'auth0' }]; })).multiConnectionApp).toBeUndefined();
  });
});
