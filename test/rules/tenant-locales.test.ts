import { expect, it } from 'vitest';
import rule from '../../rules/tenant-locales.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [
    { name: 'required locales all enabled', tenant: tenant(), settings: { locales: ['en', 'fr'] } },
    { name: 'case-insensitive match', tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, enabled_locales: ['en', 'fr-CA'] }; }), settings: { locales: ['fr-ca'] } },
    { name: 'no required locales configured: n/a', tenant: tenant() },
  ],
  invalid: [
    {
      name: 'a launch market whose language is not enabled',
      tenant: tenant(),
      settings: { locales: ['en', 'de'] },
      findings: [
        { status: 'pass', resource: 'en' },
        { status: 'fail', messageId: 'missing', severity: 'advice', resource: 'de', field: 'enabled_locales', value: ['en', 'fr'] },
      ],
    },
  ],
});

it('says how to configure the locales when none are set', () => {
  const [f] = run(rule, tenant());
  expect(f?.status).toBe('n/a');
  expect(f?.message).toContain('en, fr');
  expect(f?.message).toContain('locales');
});
