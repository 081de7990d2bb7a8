import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const PASSWORD_REALM = 'http://auth0.com/oauth/grant-type/password-realm';
const PASSWORD_GRANTS = ['password', PASSWORD_REALM];

/** Catalog APP-05 allow-sets (CheckMate checkGrantTypes uses the same). */
const ALLOWED: Record<string, readonly string[]> = {
  spa: ['authorization_code', 'refresh_token'],
  native: ['authorization_code', 'refresh_token', DEVICE_CODE, 'device_code'],
  regular_web: ['authorization_code', 'refresh_token', 'client_credentials'],
  non_interactive: ['client_credentials'],
};
/** No app type: what an interactive app needs (CheckMate's "unknown" set). */
const UNTYPED = ['authorization_code', 'refresh_token'];
/** Other Auth0 types (SSO integrations, resource_server, …) run server-side: the regular_web set. */
const OTHER = ALLOWED.regular_web ?? [];

/** What a grant outside the allow-set is usually there for, to help decide whether to keep it. */
function hintFor(grant: string): string {
  if (grant.startsWith('http://auth0.com/oauth/grant-type/mfa-')) return 'an MFA API grant, used only when the app itself collects MFA codes (embedded login)';
  if (grant === 'urn:openid:params:grant-type:ciba') return 'Client-Initiated Backchannel Authentication';
  if (grant.includes('token-exchange')) return 'a token-exchange grant (Custom Token Exchange or Token Vault)';
  if (grant === DEVICE_CODE || grant === 'device_code') return 'the device authorization flow, meant for native apps on input-constrained devices';
  if (grant === 'client_credentials') return 'machine-to-machine access with the client secret';
  if (grant === 'refresh_token') return 'refresh tokens';
  if (grant === 'authorization_code') return 'browser login';
  return 'a grant this app type does not need';
}

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-grant-types-minimal',
  title: 'Applications allow only the grants their type needs: no implicit, no password grant outside monitoring',
  topics: bothPlans('p1.authentication.application-integration', 'p1.authentication.universal-login'),
  severity: 'warning',
  checks: ['APP-05'],
  checkmate: ['checkGrantTypes'],
  rationale:
    'Every enabled grant is a way to obtain tokens for the app. The implicit grant returns tokens in the URL fragment, where browser history, referrers and injected scripts can read them — except on a regular web app that asks for an ID token alone with response_mode=form_post (express-openid-connect\'s default), where the token is POSTed to the server and the grant is required, so there it is advice. The password grants (Resource Owner Password, password-realm) make the app collect the password itself, which bypasses Universal Login: bot detection and passkeys do not apply, and MFA works only if the app implements the MFA API itself (https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa) — they belong only on a synthetic-monitoring client. Auth0\'s pre-launch tips ask to disable the grant types an application does not need (https://auth0.com/docs/deploy-monitor/pre-deployment-checks/pre-launch-tips). Any other grant the app does not use is attack surface with no benefit.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Advanced Settings → Grant Types: untick implicit (on a regular web app, once it no longer logs in with response_type=id_token and form_post), password and every grant the app does not use (spa: authorization_code, refresh_token; native: + device code; regular_web: + client_credentials; machine-to-machine: client_credentials), and move browser logins to authorization code with PKCE; or PATCH /api/v2/clients/{client_id} with the reduced `grant_types` array. A synthetic-monitoring client that must keep the password grant is listed in the `monitoringClients` setting.',
  docs: 'https://auth0.com/docs/get-started/applications/application-grant-types',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} ({type}) allows only grants its type needs: {grants}',
    'no-grant': 'Application {name} ({type}) has no grant enabled',
    monitoring: 'Application {name} keeps {grant} as an attested monitoring client',
    implicit: 'Application {name} allows the implicit grant: tokens are returned in the URL fragment; use authorization code with PKCE',
    'implicit-web':
      'Regular web application {name} allows the implicit grant. That is safe only where the app asks for an ID token alone with response_mode=form_post (the default of Auth0\'s Express SDK, express-openid-connect): the token is POSTed to the server, never put in a URL fragment, and removing the grant breaks that login. If the app uses authorization code (or asks for access tokens through implicit), remove it',
    password: 'Application {name} allows {grant}: the app collects passwords itself and bypasses Universal Login (bot detection, passkeys; MFA only through the MFA API); only an attested monitoring client may keep it (settings.monitoringClients)',
    extra: 'Application {name} ({type}) allows {grant}, outside its allow-set ({allowed}): {hint}; remove it unless the app uses it',
    hidden: 'Application {name}: grant_types is not in the data, so its grants cannot be checked',
  },
  failSummary: {
    implicit: 'allow the implicit grant',
    'implicit-web': 'allow the implicit grant',
    password: 'allow the password grant, bypassing Universal Login',
    extra: 'allow grants outside their application type',
    'no-grant': 'have no grant enabled',
  },
  evaluate({ clients }, ctx) {
    const monitoring = new Set(ctx.settings.monitoringClients ?? []);
    const out: FindingDraft<'ok' | 'no-grant' | 'monitoring' | 'implicit' | 'implicit-web' | 'password' | 'extra' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      if (!c.grant_types) {
        out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'grant_types' });
        continue;
      }
      const type = c.app_type ?? 'untyped';
      const allowed = c.app_type ? (ALLOWED[c.app_type] ?? OTHER) : UNTYPED;
      const attested = monitoring.has(c.client_id) || (!!c.name && monitoring.has(c.name));
      const before = out.length;
      c.grant_types.forEach((grant, i) => {
        const at = { resource, field: `grant_types[${i}]`, value: grant };
        if (grant === 'implicit') {
          // A server-side app using response_type=id_token with form_post needs the grant and puts
          // nothing in a URL fragment: advice. In a browser or native app the token lands in the URL.
          if (c.app_type === 'regular_web') out.push({ status: 'fail', messageId: 'implicit-web', data: { name }, ...at, severity: 'advice' });
          else out.push({ status: 'fail', messageId: 'implicit', data: { name }, ...at });
        } else if (PASSWORD_GRANTS.includes(grant)) {
          if (attested) out.push({ status: 'pass', messageId: 'monitoring', data: { name, grant }, resource });
          else out.push({ status: 'fail', messageId: 'password', data: { name, grant }, ...at });
        } else if (!allowed.includes(grant)) {
          const shown = allowed.filter((g) => g !== 'device_code').join(', ') || 'none';
          out.push({ status: 'fail', messageId: 'extra', data: { name, type, grant, allowed: shown, hint: hintFor(grant) }, ...at });
        }
      });
      if (out.length === before) {
        out.push(
          c.grant_types.length
            ? { status: 'pass', messageId: 'ok', data: { name, type, grants: c.grant_types.join(', ') }, resource }
            : { status: 'pass', messageId: 'no-grant', data: { name, type }, resource },
        );
      }
    }
    return out;
  },
});
