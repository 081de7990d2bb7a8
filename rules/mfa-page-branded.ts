import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'guardian_mfa_page', name: 'MFA page' };

export default defineRule({
  id: 'mfa-page-branded',
  appliesWhen: 'mfa',
  title: 'The MFA page is branded',
  topics: bothPlans('p2.branding.mfa-page'),
  severity: 'warning',
  checks: ['TEN-13'],
  rationale:
    'Once MFA is on, every user meets the MFA enrolment and challenge page, often right after a password. It must look like you or users will abandon it or mistake a phishing copy for it. With the new Universal Login the MFA prompts follow the login branding (logo and colour, or a theme); with Classic, the page is a separate template that stays the Auth0 default unless customised.',
  remediation:
    'New Universal Login: brand the login pages (Dashboard → Branding → Universal Login: logo and primary colour, or a theme; PATCH /api/v2/branding or /api/v2/branding/themes/default). Classic: Dashboard → Branding → Universal Login → Multi-factor Authentication → "Customize MFA Page"; or PATCH /api/v2/tenants/settings with `guardian_mfa_page: {enabled: true, html}`.',
  docs: 'https://auth0.com/docs/secure/multi-factor-authentication/customize-mfa/customize-mfa-classic-login',
  needs: ['tenantSettings', 'prompts'],
  wants: ['guardianFactors', 'branding', 'brandingTheme'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    'new-branded': 'MFA prompts follow the branded Universal Login (new experience{how})',
    'new-follows-login':
      'MFA prompts use the new Universal Login and follow its branding, judged once by universal-login-branding ({state})',
    'classic-custom': 'A custom Classic MFA page is enabled',
    'classic-default': 'The Classic MFA page is the Auth0 default ({factors} enabled)',
  },
  evaluate({ tenantSettings, prompts, wants }) {
    // TEN-13 is only checked if MFA-01 passes: some factor other than recovery codes is enabled.
    if (!wants.guardianFactors.ok) return [notEvaluated(wants.guardianFactors, RESOURCE)];
    const factors = wants.guardianFactors.data.filter((f) => f.enabled && f.name !== 'recovery-code').map((f) => f.name);
    if (factors.length === 0) return [];

    if (prompts.universal_login_experience === 'new') {
      const theme = wants.brandingTheme;
      const branding = wants.branding;
      if (theme.ok && theme.data) {
        const name = theme.data.displayName ?? theme.data.themeId;
        return [{ status: 'pass', messageId: 'new-branded', data: { how: name ? `, theme "${name}"` : ', a theme' }, resource: RESOURCE }];
      }
      if (branding.ok && branding.data.logo_url && branding.data.colors?.primary) {
        return [{ status: 'pass', messageId: 'new-branded', data: { how: ', logo and primary colour' }, resource: RESOURCE }];
      }
      // The same missing logo and colour is universal-login-branding's finding (it also evidences
      // p2.branding.mfa-page): counted once, not again here.
      const state = branding.ok ? 'no logo and primary colour, no theme' : `branding not readable: ${branding.detail}`;
      return [{ status: 'n/a', messageId: 'new-follows-login', data: { state }, resource: RESOURCE }];
    }
    const page = tenantSettings.guardian_mfa_page;
    return page?.enabled && page.html
      ? [{ status: 'pass', messageId: 'classic-custom', resource: RESOURCE }]
      : [{ status: 'fail', messageId: 'classic-default', data: { factors: factors.join(', ') }, resource: RESOURCE, field: 'guardian_mfa_page.enabled', value: page?.enabled ?? null }];
  },
});
