import rule from '../../rules/universal-login-customization.js';
import { ruleTester, run } from '../support/rule-tester.js';
import { tenant, unavailable } from '../support/tenant.js';
import { expect, it } from 'vitest';

ruleTester(rule, {
  valid: [{ name: 'template and text for en and fr', tenant: tenant() }],
  invalid: [
    { name: 'no template', tenant: tenant((t) => { t.brandingTemplate = null; }), findings: [{ status: 'fail', messageId: 'no-template', severity: 'advice' }] },
    {
      name: 'a locale without custom text',
      tenant: tenant((t) => { t.tenantSettings = { ...t.tenantSettings, enabled_locales: ['en', 'fr', 'de'] }; }),
      findings: [{ status: 'fail', messageId: 'no-text', resource: 'de' }, { status: 'pass', resource: 'fr' }],
    },
  ],
});

it('templates unavailable on the plan are n/a, not a failure', () => {
  const fs = run(rule, tenant(unavailable('brandingTemplate', 'unavailable-on-plan')));
  expect(fs.find((f) => f.resource?.id === 'universal-login')?.status).toBe('n/a');
});
it('an unreadable template is unknown', () => {
  const fs = run(rule, tenant(unavailable('brandingTemplate')));
  expect(fs.find((f) => f.resource?.id === 'universal-login')?.status).toBe('unknown');
});
