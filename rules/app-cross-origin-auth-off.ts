import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-cross-origin-auth-off',
  title: 'Cross-origin authentication is off, except on apps attested to use embedded login',
  topics: bothPlans('p1.authentication.application-integration', 'p1.authentication.universal-login'),
  severity: 'warning',
  checks: ['APP-09'],
  checkmate: ['checkCrossOriginAuthentication'],
  rationale:
    'Cross-origin authentication lets JavaScript on your own pages post usernames and passwords straight to Auth0 (embedded login with Lock or auth0.js). It exists only for embedded login: with it on, credentials are typed into your page rather than Universal Login, so a script injected into that page can read them, phishing-resistant features (passkeys, bot detection, MFA prompts on the login page) are bypassed, and the flow depends on third-party cookies that browsers now block. Apps that use Universal Login do not need it.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Cross-Origin Authentication → Allow Cross-Origin Authentication: off, and log users in through Universal Login; or PATCH /api/v2/clients/{client_id} with `cross_origin_authentication: false`. An app that must keep embedded login is listed in the `embeddedLoginClients` setting (and should set a Cross-Origin Verification Fallback URL).',
  docs: 'https://auth0.com/docs/authenticate/login/cross-origin-authentication',
  needs: ['clients'],
  messages: {
    off: 'Application {name} does not allow cross-origin authentication',
    attested: 'Application {name} allows cross-origin authentication for attested embedded login',
    on: 'Application {name} allows cross-origin authentication (embedded login) but is not attested as an embedded-login app (settings.embeddedLoginClients)',
    hidden: 'Application {name}: cross_origin_authentication is not in the data',
  },
  failSummary: {
    on: 'allow cross-origin authentication without being attested as embedded-login apps',
  },
  evaluate({ clients }, ctx) {
    const embedded = new Set(ctx.settings.embeddedLoginClients ?? []);
    const out: FindingDraft<'off' | 'attested' | 'on' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      const on = c.cross_origin_authentication;
      if (on === undefined) out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'cross_origin_authentication' });
      else if (!on) out.push({ status: 'pass', messageId: 'off', data: { name }, resource });
      else if (embedded.has(c.client_id) || (!!c.name && embedded.has(c.name))) out.push({ status: 'pass', messageId: 'attested', data: { name }, resource });
      else out.push({ status: 'fail', messageId: 'on', data: { name }, resource, field: 'cross_origin_authentication', value: true });
    }
    return out;
  },
});
