import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-oidc-conformant',
  title: 'Applications are OIDC conformant',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'warning',
  checks: ['APP-08'],
  rationale:
    'An application that is not OIDC conformant keeps legacy behaviour: it can use the legacy /oauth/ro, delegation and tokeninfo endpoints, receives non-standard claims and profile data in ID tokens, and may use the implicit flow without a nonce. OIDC-conformant mode turns those off, enforces standard scopes and claims, and is a prerequisite for refresh-token rotation and current SDKs.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Advanced Settings → OAuth → OIDC Conformant: on (test the app first: custom claims must be namespaced and legacy endpoints stop working for it); or PATCH /api/v2/clients/{client_id} with `oidc_conformant: true`.',
  docs: 'https://auth0.com/docs/authenticate/login/oidc-conformant-authentication',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} is OIDC conformant',
    legacy: 'Application {name} is not OIDC conformant: legacy endpoints and non-standard token contents stay available to it',
    hidden: 'Application {name}: oidc_conformant is not in the data',
  },
  failSummary: {
    legacy: 'are not OIDC conformant',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'legacy' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      if (c.oidc_conformant === undefined) out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'oidc_conformant' });
      else if (c.oidc_conformant) out.push({ status: 'pass', messageId: 'ok', data: { name }, resource });
      else out.push({ status: 'fail', messageId: 'legacy', data: { name }, resource, field: 'oidc_conformant', value: c.oidc_conformant });
    }
    return out;
  },
});
