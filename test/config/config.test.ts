import { mkdtempSync, writeFileSync } from 'node:fs';
import { rules as RULES } from '../../rules/index.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyWaivers, resolveAttestations } from '../../src/config/apply.js';
import { loadConfig, parseConfigText, validateConfig } from '../../src/config/load.js';
import type { Finding } from '../../src/engine/evaluate.js';
import { audit } from '../../src/run.js';
import { tenant } from '../support/tenant.js';

const dir = mkdtempSync(join(tmpdir(), 'a0r-config-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const NOW = new Date('2026-11-22T12:00:00Z');

describe('config file', () => {
  it('the shipped example is valid', () => {
    const { config } = loadConfig(new URL('../../auth0-readiness.config.example.yaml', import.meta.url).pathname, dir, RULES);
    expect(config.plan).toBe('b2c');
    expect(config.attestations?.length).toBeGreaterThan(2);
  });
  it('is found in the working directory', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'a0r-cwd-'));
    writeFileSync(join(cwd, 'auth0-readiness.config.yaml'), 'plan: b2b\n');
    expect(loadConfig(undefined, cwd, RULES)).toMatchObject({ config: { plan: 'b2b' } });
    expect(loadConfig(undefined, dir, RULES)).toEqual({ config: {} });
  });
  it('lists every problem with its path, one per line', () => {
    const p = write('bad.yaml', 'plan: b3c\nfailOn: fatal\nwaivers:\n  - rule: no-such-rule\n    reason: x\n    expires: tomorrow\nbogus: 1\n');
    let message = '';
    try {
      loadConfig(p, dir, RULES);
    } catch (e) {
      message = (e as Error).message;
      expect((e as { exitCode?: number }).exitCode).toBe(2);
    }
    const lines = message.split('\n');
    expect(lines[0]).toContain('bad.yaml: invalid config');
    expect(message).toMatch(/^ {2}plan: /m);
    expect(message).toMatch(/^ {2}failOn: /m);
    expect(message).toMatch(/^ {2}waivers\.0\.expires: /m);
    expect(message).toMatch(/^ {2}waivers\.0\.reason: /m);
    expect(message).toMatch(/bogus/);
  });
  it('rejects unknown rules and topics, and attestations for API-evidenced topics', () => {
    // Every enum error lists what is allowed.
    expect(() => validateConfig({ failOn: 'critical', plan: 'b2x' }, 'c', RULES)).toThrow(/failOn: Invalid option: expected one of "blocker"\|"warning"\|"advice"\|"none"/);
    expect(() => validateConfig({ failOn: 'critical', plan: 'b2x' }, 'c', RULES)).toThrow(/plan: Invalid option: expected one of "b2c"\|"b2b"/);
    const future = { attestations: [{ topic: 'b2c.p1.operations.notifications', status: 'done', owner: 'a', date: '2026-12-07', evidence: 'x' }] };
    expect(() => validateConfig(future, 'c', RULES, new Date('2026-12-05T12:00:00Z'))).toThrow(/attestations\.0\.date: 2026-12-07 is in the future \(today is 2026-12-05\)/);
    // A day ahead of UTC is someone's today.
    expect(() => validateConfig({ attestations: [{ ...future.attestations[0], date: '2026-12-06' }] }, 'c', RULES, new Date('2026-12-05T12:00:00Z'))).not.toThrow();
    expect(() => validateConfig({ rules: { 'no-such-rule': 'off' } }, 'c', RULES)).toThrow(/rules\.no-such-rule: no such rule/);
    expect(() => validateConfig({ outOfScope: [{ topic: 'b2c.p9.x.y', reason: 'because' }] }, 'c', RULES)).toThrow(/no such topic/);
    expect(() =>
      validateConfig({ attestations: [{ topic: 'b2c.p1.operations.logging', status: 'done', owner: 'a', date: '2026-01-01', evidence: 'x' }] }, 'c', RULES),
    ).toThrow(/needs no attestation/);
  });
  it('reports YAML syntax errors with the line', () => {
    const p = write('syntax.yaml', 'plan: b2c\nrules:\n  a: [unclosed\n');
    expect(() => loadConfig(p, dir, RULES)).toThrow(/syntax\.yaml:\d+: /);
  });
  it('refuses alias bombs, binary data and huge files quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    expect(() => parseConfigText(bomb.join('\n'), 'bomb.yaml')).toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(() => loadConfig(write('bin.yaml', 'plan: b2c\u0000\u0001'), dir, RULES)).toThrow(/binary/);
    expect(() => loadConfig(write('huge.yaml', `x: "${'a'.repeat(2 * 1024 * 1024)}"`), dir, RULES)).toThrow(/too large/);
  });
});

describe('waivers', () => {
  const f = (ruleId: string, name: string): Finding => ({ ruleId, topicIds: [], severity: 'blocker', status: 'fail', messageId: 'm', message: 'm', resource: { type: 'client', id: `id-${name}`, name } });
  it('waive matching failing findings until they expire, and report expired ones', () => {
    const { findings, waivers } = applyWaivers(
      [f('app-callbacks-secure', 'Portal'), f('app-callbacks-secure', 'Other'), f('log-stream-active', 'x')],
      [
        { rule: 'app-callbacks-secure', resource: 'Portal', reason: 'decommissioning', expires: '2026-12-31' },
        { rule: 'log-stream-active', reason: 'old', expires: '2026-11-01' },
      ],
      { now: NOW },
    );
    expect(findings.map((x) => x.status)).toEqual(['waived', 'fail', 'fail']);
    expect(findings[0]?.waiver?.reason).toBe('decommissioning');
    expect(waivers).toEqual([
      expect.objectContaining({ rule: 'app-callbacks-secure', state: 'active', matched: 1 }),
      expect.objectContaining({ rule: 'log-stream-active', state: 'expired', matched: 1 }),
    ]);
  });
  it('change topic and milestone statuses in an audit', async () => {
    const snapshot = tenant((t) => { t.logStreams = []; });
    const without = await audit({ source: { kind: 'snapshot', snapshot }, now: () => NOW });
    expect(without.topics.find((t) => t.id === 'b2c.p1.operations.logging')?.status).toBe('fail');
    const waived = await audit({ source: { kind: 'snapshot', snapshot }, now: () => NOW, waivers: [{ rule: 'log-stream-active', reason: 'SIEM onboarding next sprint', expires: '2026-12-01' }] });
    const logging = waived.topics.find((t) => t.id === 'b2c.p1.operations.logging');
    expect(logging?.status).toBe('pass');
    expect(logging?.reasons.join()).toContain('waived');
    expect(waived.findings.find((x) => x.ruleId === 'log-stream-active')?.status).toBe('waived');
    expect(waived.waivers[0]).toMatchObject({ state: 'active', matched: 1 });
  });
});

describe('scope keys reach the rules', () => {
  it('scope selfSignup: false makes database-signup-intent expect sign-up closed', async () => {
    const snapshot = tenant();
    const intent = async (scopeConfig?: Record<string, boolean>) =>
      (await audit({ source: { kind: 'snapshot', snapshot }, now: () => NOW, ...(scopeConfig ? { scopeConfig } : {}) })).findings.find((x) => x.ruleId === 'database-signup-intent');
    expect(await intent()).toMatchObject({ status: 'pass', messageId: 'open-ok' });
    expect(await intent({ selfSignup: false })).toMatchObject({ status: 'fail', messageId: 'open-bad' });
  });
});

describe('attestations', () => {
  const a = (topic: string, extra: Record<string, unknown> = {}) => ({ topic, tenant: '*', status: 'done' as const, owner: 'o@acme.com', date: '2026-11-01', evidence: 'https://ci/1', ...extra });
  it('resolve to current, expired, no-evidence, not-applicable and in-progress', () => {
    const m = resolveAttestations(
      [a('prodcheck'), a('env-tag', { date: '2026-01-01' }), a('admin-mfa', { evidence: undefined }), a('b2c.p1.operations.firewall', { status: 'not-applicable' }), a('admin-review', { status: 'in-progress' })],
      { now: NOW },
    );
    expect([...m.values()].map((x) => [x.id, x.state])).toEqual([
      ['prodcheck', 'current'],
      ['env-tag', 'expired'],
      ['admin-mfa', 'no-evidence'],
      ['b2c.p1.operations.firewall', 'not-applicable'],
      ['admin-review', 'in-progress'],
    ]);
    expect(m.get('prodcheck')?.expires).toBe('2027-01-30');
  });
  it('a tenant-specific attestation wins over the shared one', () => {
    const m = resolveAttestations([a('prodcheck', { date: '2026-11-10' }), a('prodcheck', { tenant: 'prod', date: '2026-10-01', evidence: 'prod-run' })], { now: NOW, tenant: 'prod' });
    expect(m.get('prodcheck')?.evidence).toBe('prod-run');
  });
  it('make topics pass, at risk or n/a, and satisfy Go-Live', async () => {
    const snapshot = tenant();
    const base = await audit({ source: { kind: 'snapshot', snapshot }, now: () => NOW });
    expect(base.topics.find((t) => t.id === 'b2c.p1.architecture.tenant-association')?.status).toBe('unverified');
    const attested = await audit({
      source: { kind: 'snapshot', snapshot },
      now: () => NOW,
      attestations: [
        a('b2c.p1.architecture.tenant-association'),
        a('b2c.p1.operations.notifications', { date: '2026-01-01' }),
        a('b2c.p1.operations.firewall', { status: 'not-applicable' }),
        a('prodcheck'),
      ],
    });
    const status = (id: string) => attested.topics.find((t) => t.id === id)?.status;
    expect(status('b2c.p1.architecture.tenant-association')).toBe('pass');
    expect(status('b2c.p1.operations.notifications')).toBe('at-risk');
    expect(status('b2c.p1.operations.firewall')).toBe('n/a');
    const m1 = attested.milestones.find((m) => m.id === 'b2c.p1.m1-authentication');
    expect(m1?.reasons.join()).not.toContain('tenant-association');
    expect(attested.milestones.find((m) => m.id === 'b2c.p1.m3-go-live')?.reasons).toContain('attestation env-tag is missing');
  });
  it('take topics out of scope with the reason', async () => {
    const r = await audit({ source: { kind: 'snapshot', snapshot: tenant() }, outOfScope: [{ topic: 'b2c.p2.authentication.mfa', reason: 'MFA is enforced by the corporate IdP' }] });
    const mfa = r.topics.find((t) => t.id === 'b2c.p2.authentication.mfa');
    expect(mfa?.status).toBe('n/a');
    expect(mfa?.reasons[0]).toContain('corporate IdP');
  });
});
