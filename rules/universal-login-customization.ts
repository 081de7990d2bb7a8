import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'universal-login-customization',
  title: 'Login page template and text are customised for every locale',
  topics: bothPlans('p1.branding.universal-login-page'),
  severity: 'advice',
  checks: ['UL-04'],
  rationale:
    'A page template puts your header, footer and legal links around the login widget, and custom text per enabled language keeps every prompt in your voice. Without them, users in a second language see Auth0 defaults.',
  remediation:
    'Page template: PUT /api/v2/branding/templates/universal-login (needs a custom domain). Text: Dashboard → Branding → Universal Login → Advanced Options → Custom Text, per prompt and language; or PUT /api/v2/prompts/{prompt}/custom-text/{language}.',
  docs: 'https://auth0.com/docs/customize/login-pages/universal-login/customize-templates',
  needs: ['tenantSettings', 'promptsCustomText'],
  wants: ['brandingTemplate'],
  messages: {
    template: 'A custom Universal Login page template is in place',
    'no-template': 'No custom Universal Login page template',
    'template-plan': 'Custom page templates are not available on this plan',
    'template-unknown': 'Page template not evaluated: {detail}',
    text: 'Custom text is set for language {lang} ({prompts})',
    'no-text': 'No custom text for enabled language {lang}',
  },
  failSummary: {
    'no-text': 'are missing for enabled languages, which show only Auth0 default wording',
  },
  evaluate({ tenantSettings, promptsCustomText, wants }) {
    const out = [];
    const tpl = wants.brandingTemplate;
    const tplResource = { type: 'branding-template', id: 'universal-login', name: 'Universal Login page template' };
    if (!tpl.ok) {
      out.push(
        tpl.reason === 'unavailable-on-plan'
          ? { status: 'n/a' as const, messageId: 'template-plan' as const, resource: tplResource }
          : { status: 'unknown' as const, messageId: 'template-unknown' as const, data: { detail: tpl.detail }, resource: tplResource },
      );
    } else if (tpl.data?.body) out.push({ status: 'pass' as const, messageId: 'template' as const, resource: tplResource });
    else out.push({ status: 'fail' as const, messageId: 'no-template' as const, resource: tplResource, field: 'body', value: null });

    for (const lang of tenantSettings.enabled_locales?.length ? tenantSettings.enabled_locales : ['en']) {
      const customised = Object.entries(promptsCustomText)
        .filter(([, byLang]) => Object.keys(byLang[lang] ?? {}).length > 0)
        .map(([prompt]) => prompt);
      const resource = { type: 'custom-text', id: lang, name: `custom text (${lang})` };
      out.push(
        customised.length
          ? { status: 'pass' as const, messageId: 'text' as const, data: { lang, prompts: customised.join(', ') }, resource }
          : { status: 'fail' as const, messageId: 'no-text' as const, data: { lang }, resource, field: `prompts/*/custom-text/${lang}`, value: null },
      );
    }
    return out;
  },
});
