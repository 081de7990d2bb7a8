import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'universal-login-custom-page',
  title: 'A custom Classic login page is under version control and deployed automatically',
  topics: bothPlans('p1.authentication.universal-login', 'p1.branding.universal-login-page'),
  severity: 'advice',
  checks: ['UL-02'],
  rationale:
    'With "Customize Login Page" on, the tenant serves your own HTML (usually Lock) instead of Auth0\'s page — whichever Universal Login experience is selected. You then own it: Lock and auth0.js upgrades, security fixes, passkeys and newer prompts no longer reach your users unless you ship them. Kept in version control and deployed by your pipeline (Deploy CLI or Terraform), the page can be reviewed, tested and rolled back like code; edited in the Dashboard, it drifts between tenants and silently ages. The API cannot see your repository: accept this finding with an attestation or waiver once the page is versioned and deployed automatically, or move to the New Universal Login with page templates.',
  remediation:
    'Keep the page in your repository and deploy it with the Deploy CLI (`pages/login.html`) or Terraform (`auth0_pages`), then record the attestation. Or turn the custom page off (Dashboard → Branding → Universal Login → Advanced Options → Login → "Customize Login Page"; PATCH /api/v2/clients/{global client_id} with `{"custom_login_page_on": false}`) and customise the New Universal Login with themes and page templates.',
  docs: 'https://auth0.com/docs/customize/login-pages/classic-login/version-control',
  needs: ['clients'],
  messages: {
    custom: 'The login page is custom HTML ({experience}): attest that it is in version control and deployed automatically',
  },
  evaluate({ clients }) {
    // The tenant login page belongs to the global client ("All Applications").
    const global = clients.find((c) => c.global === true);
    if (!global || global.custom_login_page_on !== true) return [];
    const html = global.custom_login_page;
    const lock = typeof html === 'string' && /Auth0Lock|lock\.min\.js|auth0-lock/i.test(html);
    return [
      {
        status: 'fail',
        messageId: 'custom',
        data: { experience: lock ? 'Lock' : 'Classic custom page' },
        resource: { type: 'client', id: global.client_id, name: global.name ?? 'All Applications' },
        field: 'custom_login_page_on',
        value: true,
      },
    ];
  },
});
