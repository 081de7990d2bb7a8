import rule from '../../rules/tenant-support-email.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const email = (support_email: string | null | undefined) => tenant((t) => { t.tenantSettings = { ...t.tenantSettings, support_email }; });

ruleTester(rule, {
  valid: [
    { name: 'a monitored support address', tenant: tenant() },
    { name: 'surrounding spaces are tolerated', tenant: email(' help@acme.example ') },
  ],
  invalid: [
    // Auth0: a critical readiness item, "a best practice" in its Deployment Checklist (DEC25); only the
    // generic error page shows it (https://auth0.com/docs/authenticate/login/auth0-universal-login/error-pages): a warning.
    { name: 'not set (prod: warning)', tenant: email(undefined), findings: [{ status: 'fail', messageId: 'missing', severity: 'warning', resource: 'support_email', field: 'support_email', value: null }] },
    { name: 'empty string', tenant: email(''), findings: [{ status: 'fail', messageId: 'missing', field: 'support_email', value: '' }] },
    { name: 'not set on a dev tenant: one level lower', env: 'dev', tenant: email(null), findings: [{ status: 'fail', messageId: 'missing', severity: 'advice' }] },
    { name: 'not an address', tenant: email('support team'), findings: [{ status: 'fail', messageId: 'invalid', resource: 'support_email', field: 'support_email', value: 'support team' }] },
  ],
});
