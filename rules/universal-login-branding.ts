import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'branding', id: 'branding', name: 'Branding' };

export default defineRule({
  id: 'universal-login-branding',
  title: 'The login page carries your brand',
  topics: bothPlans('p1.branding.universal-login-page', 'p2.branding.mfa-page'),
  severity: 'warning',
  checks: ['UL-03'],
  rationale:
    'A login page with the Auth0 default look teaches users to type passwords into pages that do not look like yours. A logo and primary colour (or a full theme) are the minimum before real users see it.',
  remediation:
    'Dashboard → Branding → Universal Login → Customization Options: set the logo and primary colour, or build a theme; or PATCH /api/v2/branding with `logo_url` and `colors.primary`, or POST /api/v2/branding/themes.',
  docs: 'https://auth0.com/docs/customize/login-pages/universal-login/customize-themes',
  needs: ['branding'],
  wants: ['brandingTheme'],
  messages: {
    theme: 'Universal Login uses the theme "{theme}"',
    basic: 'Universal Login has a logo and primary colour {color}',
    'no-logo': 'Universal Login has no logo and no theme',
    'no-color': 'Universal Login has no primary colour and no theme',
  },
  evaluate({ branding, wants }) {
    const theme = wants.brandingTheme;
    if (theme.ok && theme.data) {
      return [{ status: 'pass', messageId: 'theme', data: { theme: theme.data.displayName ?? theme.data.themeId ?? 'default' }, resource: { type: 'branding-theme', id: theme.data.themeId ?? 'default', name: theme.data.displayName ?? 'default' } }];
    }
    const out = [];
    if (!branding.logo_url) out.push({ status: 'fail' as const, messageId: 'no-logo' as const, resource: RESOURCE, field: 'logo_url', value: null });
    if (!branding.colors?.primary) out.push({ status: 'fail' as const, messageId: 'no-color' as const, resource: RESOURCE, field: 'colors.primary', value: null });
    if (out.length) return out;
    return [{ status: 'pass', messageId: 'basic', data: { color: branding.colors?.primary ?? '' }, resource: RESOURCE }];
  },
});
