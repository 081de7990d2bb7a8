import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'change_password', name: 'Password reset page' };

export default defineRule({
  id: 'change-password-page-branded',
  title: 'The password reset page is branded',
  topics: bothPlans('p1.branding.change-password-page', 'p1.profile-management.password-reset'),
  severity: 'warning',
  checks: ['TEN-12'],
  rationale:
    'Users reach the password reset page from an email link, the moment they are most wary of phishing. It must look like you: with the new Universal Login it follows the login branding; with Classic it needs its own page. With the new experience a logo or a primary colour of your own is enough: the page takes both from the tenant branding (https://auth0.com/docs/customize/login-pages/universal-login). Auth0\'s current readiness check no longer lists a customised password reset page (older versions did); a warning here goes further because the page sits behind an emailed link.',
  remediation:
    'New Universal Login: brand it with a logo and primary colour or a theme (Dashboard → Branding → Universal Login). Classic: Dashboard → Branding → Universal Login → Password Reset → "Customize Password Reset Page"; or PATCH /api/v2/tenants/settings with `change_password: {enabled: true, html}`.',
  docs: 'https://auth0.com/docs/customize/login-pages/classic-login/customize-password-reset-page',
  needs: ['tenantSettings', 'prompts'],
  wants: ['branding', 'brandingTheme'],
  messages: {
    'new-branded': 'The reset page follows the branded Universal Login (new experience)',
    'new-unbranded': 'The reset page uses the new Universal Login, which has no logo, primary colour or theme of yours',
    'new-unknown': 'Could not see the Universal Login branding that the reset page follows: {detail}',
    'classic-custom': 'A custom Classic password reset page is enabled',
    'classic-default': 'The Classic password reset page is the Auth0 default',
  },
  evaluate({ tenantSettings, prompts, wants }) {
    if (prompts.universal_login_experience === 'new') {
      const theme = wants.brandingTheme;
      const branding = wants.branding;
      if (theme.ok && theme.data) return [{ status: 'pass', messageId: 'new-branded', resource: RESOURCE }];
      if (branding.ok) {
        return branding.data.logo_url || branding.data.colors?.primary
          ? [{ status: 'pass', messageId: 'new-branded', resource: RESOURCE }]
          : [{ status: 'fail', messageId: 'new-unbranded', resource: RESOURCE, field: 'branding', value: null }];
      }
      return [{ status: 'unknown', messageId: 'new-unknown', data: { detail: branding.detail }, resource: RESOURCE }];
    }
    const cp = tenantSettings.change_password;
    return cp?.enabled && cp.html
      ? [{ status: 'pass', messageId: 'classic-custom', resource: RESOURCE }]
      : [{ status: 'fail', messageId: 'classic-default', resource: RESOURCE, field: 'change_password.enabled', value: cp?.enabled ?? null }];
  },
});
