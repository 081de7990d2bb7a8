import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'saml-federated-logout',
  title: 'SAML connections can log users out of their identity provider',
  topics: ['b2b.p2.logout.federated-logout'],
  severity: 'advice',
  checks: ['ENT-05'],
  rationale:
    'Logging out of your application and Auth0 leaves the user\'s session at their company IdP alive: on a shared or kiosk machine the next person who clicks "Log in" is signed straight back in as them. Federated logout (`/oidc/logout?federated` or `/v2/logout?federated`) sends a SAML LogoutRequest to the IdP, but only if sign-out is enabled on the connection and it knows the IdP\'s SingleLogoutService URL (without one Auth0 falls back to the sign-in URL, which most IdPs reject).',
  remediation:
    'Dashboard → Authentication → Enterprise → SAML → <connection> → Settings: turn on Enable Sign Out and enter the IdP\'s SAML logout URL in Sign Out URL; or PATCH /api/v2/connections/{id} with `options.disableSignout: false` and `options.signOutEndpoint: "https://idp…/slo"` (PATCH replaces the whole `options` object: send it complete). Then call the logout endpoint with `federated` where the plan needs it.',
  docs: 'https://auth0.com/docs/authenticate/login/logout/log-users-out-of-saml-idps',
  needs: ['connections'],
  messages: {
    ready: 'SAML connection {name} sends logout requests to {endpoint}',
    disabled: 'SAML connection {name} has sign-out disabled: federated logout leaves the IdP session alive',
    'no-endpoint': 'SAML connection {name} has no Sign Out URL: logout requests go to the sign-in URL, which most IdPs reject',
    hidden: 'Options of SAML connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    disabled: 'have sign-out disabled',
    'no-endpoint': 'have no Sign Out URL',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'samlp')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data: { name: c.name }, resource, field: 'options' };
        const endpoint = typeof c.options.signOutEndpoint === 'string' ? c.options.signOutEndpoint.trim() : '';
        if (c.options.disableSignout === true) {
          return { status: 'fail' as const, messageId: 'disabled' as const, data: { name: c.name }, resource, field: 'options.disableSignout', value: true };
        }
        if (!endpoint) {
          return { status: 'fail' as const, messageId: 'no-endpoint' as const, data: { name: c.name }, resource, field: 'options.signOutEndpoint', value: c.options.signOutEndpoint ?? null };
        }
        return { status: 'pass' as const, messageId: 'ready' as const, data: { name: c.name, endpoint }, resource };
      });
  },
});
