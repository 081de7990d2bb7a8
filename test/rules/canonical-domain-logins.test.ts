import { expect, it } from 'vitest';
import rule from '../../rules/canonical-domain-logins.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, tenantFrom, unavailable, type Mutator } from '../support/tenant.js';

const Q = 'type:("s" OR "ss" OR "f" OR "fp" OR "fu") AND hostname:"acme-prod.us.auth0.com" AND date:[2026-11-15T00:00:00.000Z TO *]';
const logs = (total: number, sample: Record<string, string>[] = []): Mutator => (t) => {
  t.logEvents = { ...t.logEvents, canonicalDomainLogins: { q: Q, count: total, more: false, sample } };
};

ruleTester(rule, {
  valid: [
    { name: 'no login on the canonical domain in the window', tenant: tenant(logs(0)) },
    { name: 'no ready custom domain: n/a (custom-domain-ready reports it)', tenant: tenantFrom('brand-new', logs(3)) },
  ],
  invalid: [
    {
      name: 'a legacy app still on the canonical domain',
      tenant: tenant(logs(42, [
        { type: 's', date: '2026-11-20T10:00:00Z', hostname: 'acme-prod.us.auth0.com', client_id: 'cl_legacy', client_name: 'Legacy Portal' },
        { type: 'f', date: '2026-11-20T11:00:00Z', hostname: 'acme-prod.us.auth0.com', client_id: 'cl_legacy', client_name: 'Legacy Portal' },
        { type: 'ss', date: '2026-11-21T09:00:00Z', hostname: 'acme-prod.us.auth0.com', client_id: 'cl_kiosk' },
      ])),
      findings: [
        { status: 'fail', messageId: 'found', severity: 'advice', resource: 'canonicalDomainLogins', field: 'total', value: 42 },
        { status: 'fail', messageId: 'client', resource: 'cl_legacy', field: 'hostname', value: 'acme-prod.us.auth0.com' },
        { status: 'fail', messageId: 'client', resource: 'cl_kiosk' },
      ],
    },
    { name: 'log search not in the snapshot', tenant: tenant((t) => { t.logEvents = {}; }), findings: [{ status: 'unknown', messageId: 'not-run', resource: 'canonicalDomainLogins' }] },
    { name: 'custom domains unreadable: still evaluated', tenant: tenant(unavailable('customDomains'), logs(1)), findings: [{ status: 'fail', messageId: 'found' }] },
  ],
});

it('is opt-in (--with-logs) and names the window', () => {
  expect(rule.optIn).toBe('logs');
  const fs = run(rule, tenant(logs(2, [{ type: 's', hostname: 'acme-prod.us.auth0.com', client_id: 'cl_1', client_name: 'Shop' }])));
  expect(fs[0]?.message).toBe('2 login/signup event(s) since 2026-11-15 used the canonical domain (acme-prod.us.auth0.com) instead of the custom domain');
  expect(fs[1]?.message).toBe('Application Shop sent 1 of the sampled login/signup attempts to acme-prod.us.auth0.com: point its SDK `domain` at the custom domain');
});
