import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { evaluateOrigins } from '../src/engine/origins.js';

export default defineRule({
  id: 'app-web-origins-secure',
  title: 'Application Allowed Web Origins are https production origins, without localhost or wildcards',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['APP-02'],
  checkmate: ['checkWebOrigins'],
  dashboard: ['web-origins-localhost'],
  rationale:
    'Allowed Web Origins are the pages Auth0 will answer with tokens through web_message (silent authentication with getTokenSilently / checkSession), cross-origin login and the device flow. A localhost origin in production lets any local page obtain tokens for a logged-in user without a prompt; a wildcard lets any matching subdomain — including one taken over by an attacker — do the same; a plain-http origin receives them over an unencrypted channel.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Web Origins: remove localhost, 127.0.0.1, wildcard and http:// entries and list the exact https origins the app is served from (development origins belong in the development tenant); or PATCH /api/v2/clients/{client_id} with the full `web_origins` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/get-started/applications/application-settings',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} web origin(s), all https production origins',
    bad: 'Application {name}: web origin {origin} is {why}',
  },
  failSummary: {
    bad: 'have localhost, plain-http or wildcard web origins',
  },
  evaluate({ clients }) {
    return evaluateOrigins(clients, 'web_origins');
  },
});
