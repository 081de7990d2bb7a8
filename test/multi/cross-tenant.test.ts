import { describe, expect, it } from 'vitest';
import { x01, x03, x05, type TenantRun } from '../../src/multi/cross-tenant.js';
import { snapshotOf } from '../support/tenant.js';
import { acmeProd, acmeQa } from './acme.js';

const run = (alias: string, env: TenantRun['env'], domain: string, extra: Partial<TenantRun> = {}): TenantRun => ({ alias, env, domain, ...extra });

describe('cross-tenant checks', () => {
  it('X-01: a missing environment, a shared tenant and an unreadable tenant fail', () => {
    const f = x01([run('qa', 'qa', 'acme-qa.us.auth0.com'), run('prod', 'prod', 'acme-qa.us.auth0.com', { error: 'HTTP 401' })]);
    expect(f.map((x) => x.message)).toEqual([
      'no dev tenant in the config tenants list',
      'qa, prod share one tenant (acme-qa.us.auth0.com): environments need separate tenants',
      'prod (acme-qa.us.auth0.com) could not be read: HTTP 401',
    ]);
    expect(f.every((x) => x.status === 'fail' && x.severity === 'blocker')).toBe(true);
  });

  it('X-03: names follow <co>-<env> and agree with env', () => {
    expect(x03([run('d', 'dev', 'acme-dev.eu.auth0.com'), run('p', 'prod', 'acme-prod.eu.auth0.com')]).map((x) => x.status)).toEqual(['pass']);
    const bad = x03([run('d', 'dev', 'acme-prod.eu.auth0.com'), run('q', 'qa', 'mytenant.eu.auth0.com'), run('p', 'prod', 'other-prod.eu.auth0.com')]);
    expect(bad.map((x) => x.message)).toEqual([
      'd (acme-prod.eu.auth0.com): the name says prod but the config says env dev',
      'q (mytenant.eu.auth0.com): tenant name mytenant does not follow <co>-dev, <co>-qa, <co>-prod (or -sandboxN)',
      'tenant names use different prefixes: acme, other',
    ]);
  });

  it('X-05: two tenants sharing one custom domain fail', () => {
    const shared = snapshotOf(acmeProd());
    const f = x05([run('qa', 'qa', 'acme-qa.us.auth0.com', { snapshot: shared }), run('prod', 'prod', 'acme-prod.us.auth0.com', { snapshot: snapshotOf(acmeProd()) })]);
    expect(f).toEqual([expect.objectContaining({ status: 'fail', message: 'custom domain login.acme.example is configured on qa and prod: each tenant needs its own' })]);
    expect(x05([run('qa', 'qa', 'acme-qa.us.auth0.com', { snapshot: snapshotOf(acmeQa()) }), run('prod', 'prod', 'acme-prod.us.auth0.com', { snapshot: snapshotOf(acmeProd()) })]).map((x) => x.status)).toEqual(['pass']);
  });
});
