import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'prompts', id: 'prompts', name: 'Universal Login settings' };

export default defineRule({
  id: 'universal-login-new-experience',
  title: 'Universal Login uses the new experience',
  topics: [...bothPlans('p1.authentication.universal-login'), 'b2c.p1.provisioning.self-sign-up'],
  severity: 'warning',
  checks: ['UL-01'],
  dashboard: ['universal-login'],
  rationale:
    'The new Universal Login experience is where Auth0 ships passkeys, identifier-first, Forms, ACUL and accessibility fixes; the Classic experience (Lock) is frozen, and a customised Classic page is yours to upgrade.',
  remediation:
    'Dashboard → Branding → Universal Login → Advanced Options → Universal Login Experience: select "Universal Login" (new); or PATCH /api/v2/prompts with `{"universal_login_experience": "new"}`. Test your branding first: Classic page customisations do not carry over.',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/universal-login-vs-classic-login',
  needs: ['prompts'],
  messages: {
    ok: 'Universal Login uses the new experience',
    classic: 'Universal Login uses the {experience} experience',
  },
  evaluate({ prompts }) {
    const experience = prompts.universal_login_experience ?? 'classic';
    return experience === 'new'
      ? [{ status: 'pass', messageId: 'ok', resource: RESOURCE }]
      : [{ status: 'fail', messageId: 'classic', data: { experience }, resource: RESOURCE, field: 'universal_login_experience', value: experience }];
  },
});
