import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { evaluateOrigins } from '../src/engine/origins.js';

export default defineRule({
  id: 'app-allowed-origins-secure',
  title: 'Application Allowed Origins (CORS) are https production origins, without localhost or wildcards',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['APP-02'],
  dashboard: ['origins-localhost'],
  rationale:
    'Allowed Origins (CORS) are the origins whose JavaScript may call Auth0 endpoints directly (embedded login with Lock or auth0.js, /co/authenticate, /oauth/token from the browser). A localhost origin in production lets any page served on the user\'s machine drive those calls against real accounts; a wildcard extends it to every matching subdomain, including one taken over by an attacker; a plain-http origin is open to network tampering.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Origins (CORS): remove localhost, 127.0.0.1, wildcard and http:// entries and list the exact https origins the app is served from (development origins belong in the development tenant); or PATCH /api/v2/clients/{client_id} with the full `allowed_origins` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/get-started/applications/application-settings',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} CORS origin(s), all https production origins',
    bad: 'Application {name}: CORS origin {origin} is {why}',
  },
  failSummary: {
    bad: 'have localhost, plain-http or wildcard CORS origins',
  },
  evaluate({ clients }) {
    return evaluateOrigins(clients, 'allowed_origins');
  },
});
