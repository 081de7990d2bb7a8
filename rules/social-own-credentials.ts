import { defineRule } from '../src/engine/define-rule.js';
import { SOCIAL_STRATEGIES } from '../src/engine/strategies.js';

export default defineRule({
  id: 'social-own-credentials',
  appliesWhen: 'social-login',
  title: 'Social connections use your own client credentials, not Auth0 developer keys',
  topics: ['b2c.p2.authentication.social-login'],
  severity: 'blocker',
  prodOnly: true,
  checks: ['SOC-01'],
  dashboard: ['social-dev-keys'],
  rationale:
    "A social connection without its own client ID runs on Auth0 developer keys, which Auth0 provides for testing only: the provider's consent screen shows Auth0 instead of your brand, single sign-on and federated logout do not work, they cannot be used with a custom domain, and you have no relationship with the provider (no quota, no app review, no say when its settings change) for a login method your production users depend on.",
  remediation:
    'Register an application with the provider (Google Cloud console, Meta for Developers, Apple Developer, GitHub, …) with the callback URL `https://<your custom domain or tenant>/login/callback`, then Dashboard → Authentication → Social → <connection>: enter its Client ID and Client Secret. Or PATCH /api/v2/connections/{id} with `options.client_id` and `options.client_secret` (PATCH replaces the whole `options` object: send it complete).',
  docs: 'https://auth0.com/docs/authenticate/identity-providers/social-identity-providers/devkeys',
  needs: ['connections'],
  messages: {
    own: 'Social connection {name} ({strategy}) uses its own client credentials',
    'dev-keys': 'Social connection {name} ({strategy}) has no client ID: it runs on Auth0 developer keys, which are for testing only',
    hidden: 'Options of social connection {name} ({strategy}) are not visible: grant read:connections_options',
  },
  failSummary: {
    'dev-keys': 'run on Auth0 developer keys',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => SOCIAL_STRATEGIES.has(c.strategy))
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        const data = { name: c.name, strategy: c.strategy };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data, resource, field: 'options' };
        const id = c.options.client_id;
        return typeof id === 'string' && id.trim() !== ''
          ? { status: 'pass' as const, messageId: 'own' as const, data, resource }
          : { status: 'fail' as const, messageId: 'dev-keys' as const, data, resource, field: 'options.client_id', value: id ?? null };
      });
  },
});
