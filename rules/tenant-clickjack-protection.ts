import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant-flag', id: 'disable_clickjack_protection_headers', name: 'Clickjacking protection headers' };

export default defineRule({
  id: 'tenant-clickjack-protection',
  title: 'Login pages keep their clickjacking protection headers',
  topics: bothPlans('p1.authentication.universal-login'),
  severity: 'warning',
  checks: ['TEN-16'],
  rationale:
    'Auth0 sends security headers that stop its login pages from being framed by another site. `flags.disable_clickjack_protection_headers` removes them from Classic Universal Login (the API describes it for "classic Universal Login prompts", so on the new experience it is advice), and enabling iframe embedding does the same: "When iframe embedding is enabled, security headers that protect against clickjacking are disabled", which is why Auth0 applies it only in development environments. A framed login page lets a hostile site overlay it and trick users into typing credentials or approving consent (clickjacking). The flag defaults to off.',
  remediation:
    'Dashboard → Settings → Advanced: turn off "Disable clickjacking protection for Classic Universal Login" (and keep iframe embedding off under Branding → Universal Login → Pro-code customizations → Core configuration); or PATCH /api/v2/tenants/settings with `{"flags": {"disable_clickjack_protection_headers": false}}`. Log in through a redirect or popup instead of an iframe.',
  docs: 'https://auth0.com/docs/customize/login-pages/manage-core-configuration',
  needs: ['tenantSettings'],
  wants: ['prompts'],
  messages: {
    on: 'Login pages send their clickjacking protection headers',
    off: 'Clickjacking protection headers are disabled (flags.disable_clickjack_protection_headers): other sites can frame the login page',
    'off-new': 'Clickjacking protection headers are disabled for Classic pages (flags.disable_clickjack_protection_headers); the tenant uses the new Universal Login, so only pages still served the Classic way are exposed',
  },
  evaluate({ tenantSettings, wants }) {
    if (tenantSettings.flags?.disable_clickjack_protection_headers !== true) return [{ status: 'pass', messageId: 'on', resource: RESOURCE }];
    // The API describes the flag for "classic Universal Login prompts" (OAS TenantSettingsFlags): on the
    // new experience it reaches only what is still served the Classic way (a custom login page).
    const isNew = wants.prompts.ok && wants.prompts.data.universal_login_experience === 'new';
    return isNew
      ? [{ status: 'fail', messageId: 'off-new', resource: RESOURCE, field: 'flags.disable_clickjack_protection_headers', value: true, severity: 'advice' }]
      : [{ status: 'fail', messageId: 'off', resource: RESOURCE, field: 'flags.disable_clickjack_protection_headers', value: true }];
  },
});
