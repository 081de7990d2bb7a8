import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/** `require_pushed_authorization_requests` is read through a narrow view (not in the shared schema). */
const parOf = (c: ClientData): unknown => (c as { require_pushed_authorization_requests?: unknown }).require_pushed_authorization_requests;
const PUBLIC = ['spa', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

/** A confidential app that logs users in through the browser (CheckMate checkPAR). */
const isConfidentialBrowserApp = (c: ClientData) =>
  !!c.app_type && !PUBLIC.includes(c.app_type) && c.token_endpoint_auth_method !== 'none' && (c.grant_types ?? []).includes('authorization_code');

export default defineRule({
  id: 'app-pushed-authorization-requests',
  feature: 'highly-regulated-identity',
  title: 'Confidential apps require Pushed Authorization Requests (PAR)',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkPAR'],
  rationale:
    'Without PAR the whole authorization request — scopes, audience, redirect_uri, state, authorization details — travels in the browser URL, where the user, extensions and intermediaries can read or alter it before it reaches Auth0. With PAR the app posts the request to /oauth/par over its authenticated back channel and the browser carries only an opaque request_uri, so the parameters cannot be tampered with and are bound to the authenticated client. Requiring it stops anyone from bypassing it with a plain /authorize call.',
  remediation:
    'Enable PAR for the tenant (Dashboard → Settings → Advanced → Allow Pushed Authorization Requests), make the app call /oauth/par first, then Dashboard → Applications → Applications → <app> → Settings → Authorization Requests → Require Pushed Authorization Requests; or PATCH /api/v2/clients/{client_id} with `require_pushed_authorization_requests: true`. Part of the Highly Regulated Identity add-on (Enterprise plans).',
  docs: 'https://auth0.com/docs/get-started/applications/configure-par',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} requires Pushed Authorization Requests',
    optional: 'Application {name} ({type}) accepts authorization requests in the browser URL: Pushed Authorization Requests are not required',
  },
  failSummary: {
    optional: 'do not require Pushed Authorization Requests',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'optional'>[] = [];
    for (const c of clients) {
      if (c.global || !isConfidentialBrowserApp(c)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type ?? 'untyped' };
      const par = parOf(c);
      out.push(
        par === true
          ? { status: 'pass', messageId: 'ok', data, resource }
          : { status: 'fail', messageId: 'optional', data, resource, field: 'require_pushed_authorization_requests', value: par ?? null },
      );
    }
    return out;
  },
});
