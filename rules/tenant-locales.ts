import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  enabled: 'Locale {locale} is enabled on the tenant{default}',
  missing: 'Locale {locale} is required but not enabled: its users see the login pages in {fallback}',
  unconfigured: 'No required locales configured (settings.locales): the tenant serves {locales}. Set `locales` in the config to check them',
} as const;
type Msg = keyof typeof messages;

/** `fr-CA` and `fr-ca` are the same locale. */
const norm = (l: string) => l.trim().toLowerCase();

export default defineRule({
  id: 'tenant-locales',
  title: 'Every required locale is enabled on the tenant',
  topics: bothPlans('p1.branding.universal-login-page'),
  severity: 'advice',
  checks: ['TEN-15'],
  rationale:
    'Universal Login renders in the language the browser asks for only if that language is enabled on the tenant; otherwise users get the tenant default language (the first enabled locale). A market you launch in whose locale is not enabled sees login, signup, reset and MFA prompts in a language they may not read.',
  remediation:
    'Dashboard → Settings → General → Languages: add each required language to "Supported Languages" (the "Default Language" comes first); or PATCH /api/v2/tenants/settings with `{"enabled_locales": ["en", "fr", …]}`. Then provide custom text for each language (PUT /api/v2/prompts/{prompt}/custom-text/{language}).',
  docs: 'https://auth0.com/docs/customize/internationalization-and-localization/universal-login-internationalization',
  needs: ['tenantSettings'],
  messages,
  failSummary: {
    missing: 'are required but not enabled, so their users see the login pages in another language',
  },
  evaluate({ tenantSettings }, ctx) {
    const enabled = tenantSettings.enabled_locales ?? [];
    const required = ctx.settings.locales;
    const shown = enabled.length ? enabled.join(', ') : 'the Auth0 default (en)';
    if (!required?.length) return [{ status: 'n/a', messageId: 'unconfigured', data: { locales: shown } }];
    const have = new Set(enabled.map(norm));
    const fallback = enabled[0] ?? 'en';
    return required.map((locale): FindingDraft<Msg> => {
      const resource = { type: 'locale', id: locale, name: locale };
      return have.has(norm(locale))
        ? { status: 'pass', messageId: 'enabled', data: { locale, default: norm(locale) === norm(fallback) ? ' (default language)' : '' }, resource }
        : { status: 'fail', messageId: 'missing', data: { locale, fallback }, resource, field: 'enabled_locales', value: enabled };
    });
  },
});
