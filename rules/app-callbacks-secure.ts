import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import { evaluateRedirectUrls } from '../src/engine/redirect-urls.js';

export default defineRule({
  id: 'app-callbacks-secure',
  title: 'Application callback URLs are exact https production URLs (or native custom schemes)',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['APP-01'],
  checkmate: ['checkAllowedCallbacks'],
  dashboard: ['callbacks-localhost'],
  rationale:
    'Allowed Callback URLs are where Auth0 sends authorization codes and tokens. A localhost or 127.0.0.1 entry in production lets anything listening on the user\'s machine receive them; a plain-http entry exposes them on the network; a wildcard lets any matching host — including a subdomain taken over by an attacker — collect them. Production applications should list only the exact https URLs they serve (native apps may use their custom scheme). Severity follows Auth0: localhost callbacks are a critical fix of its readiness check (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-required-fixes) and wildcard subdomains "should not be used in production applications" (https://auth0.com/docs/get-started/applications/wildcards-for-subdomains) — blockers; a plain-http URL, which Auth0 does not list, is a warning (RFC 9700 §2.1 asks for https).',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application URIs → Allowed Callback URLs: remove localhost, 127.0.0.1, http:// and wildcard entries, keep the exact https URLs (development URLs belong in the development tenant); or PATCH /api/v2/clients/{client_id} with the full `callbacks` array (PATCH replaces the array).',
  docs: 'https://auth0.com/docs/get-started/applications/application-settings',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: {count} callback URL(s), all exact https URLs or native custom schemes',
    bad: 'Application {name}: callback {url} is {why}',
  },
  failSummary: {
    bad: 'have localhost, plain-http or wildcard callback URLs',
  },
  evaluate({ clients }) {
    return evaluateRedirectUrls(clients, 'callbacks', 'a desktop app using an RFC 8252 loopback redirect may keep it: record a waiver');
  },
});
