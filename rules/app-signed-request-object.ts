import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/** `signed_request_object` is read through a narrow view (not in the shared schema). */
interface SignedRequestObject {
  required?: boolean;
  credentials?: unknown[];
}
const jarOf = (c: ClientData) => (c as { signed_request_object?: SignedRequestObject | null }).signed_request_object;
const PUBLIC = ['spa', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

/** A confidential app that sends authorization requests (CheckMate checkJAR: auth code or implicit). */
const applies = (c: ClientData) =>
  !!c.app_type &&
  !PUBLIC.includes(c.app_type) &&
  c.token_endpoint_auth_method !== 'none' &&
  (c.grant_types ?? []).some((g) => g === 'authorization_code' || g === 'implicit');

export default defineRule({
  id: 'app-signed-request-object',
  feature: 'highly-regulated-identity',
  title: 'Confidential apps require JWT-secured authorization requests (JAR)',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkJAR'],
  rationale:
    'A plain authorization request is a set of URL parameters anyone in the browser path can change (scope, audience, redirect_uri, claims) and Auth0 cannot tell who built it. With JAR the app signs the parameters as a JWT with a key registered for it, so Auth0 verifies they come from the app and were not altered; requiring it rejects unsigned requests. Paired with PAR it keeps the parameters confidential as well.',
  remediation:
    'Generate an RSA key pair, register the public key for the app, make it send the `request` parameter (a JWT signed with RS256/RS384/PS256), then Dashboard → Applications → Applications → <app> → Settings → Authorization Requests → Require JWT-Secured Authorization Requests; or PATCH /api/v2/clients/{client_id} with `signed_request_object: { required: true, credentials: [{ id: "<credential id>" }] }`. Part of the Highly Regulated Identity add-on (Enterprise plans).',
  docs: 'https://auth0.com/docs/get-started/applications/configure-jar',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} requires signed authorization requests (JAR)',
    optional: 'Application {name} ({type}) accepts unsigned authorization requests: JAR is not required',
    'no-key': 'Application {name} requires JAR but has no credential registered to verify the signed requests',
  },
  failSummary: {
    optional: 'accept unsigned authorization requests (JAR not required)',
    'no-key': 'require JAR with no credential to verify it',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'optional' | 'no-key'>[] = [];
    for (const c of clients) {
      if (c.global || !applies(c)) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type ?? 'untyped' };
      const jar = jarOf(c);
      if (jar?.required !== true) {
        out.push({ status: 'fail', messageId: 'optional', data, resource, field: 'signed_request_object.required', value: jar?.required ?? null });
      } else if (Array.isArray(jar.credentials) && jar.credentials.length === 0) {
        out.push({ status: 'fail', messageId: 'no-key', data, resource, field: 'signed_request_object.credentials', value: [] });
      } else {
        out.push({ status: 'pass', messageId: 'ok', data, resource });
      }
    }
    return out;
  },
});
