import { asRecord } from '../src/engine/connections.js';
import { bothPlans, defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'database-passkeys',
  appliesWhen: 'passwords',
  title: 'Database connections offer passkeys',
  topics: bothPlans('p1.authentication.username-password'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkAuthenticationMethods'],
  rationale:
    'A password-only database connection leaves every user exposed to phishing, reuse and credential stuffing. Passkeys (FIDO2/WebAuthn credentials synced by the platform) are phishing-resistant and need no password to remember; Auth0 offers them on database connections beside the password, with progressive enrollment at login. In Universal Login they need New Universal Login with Identifier First and no custom login page (https://auth0.com/docs/authenticate/database-connections/passkeys/configure-passkey-policy) — not a custom domain: only the native Passkey APIs for embedded and mobile login require one (https://auth0.com/docs/authenticate/database-connections/passkeys/passkey-apis). Auth0 offers passkeys but does not list them among its readiness checks, hence advice.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Authentication Methods → Passkey: enable it (the readiness checklist shows any missing prerequisite) and configure progressive enrollment. Or PATCH /api/v2/connections/{id} with `options.authentication_methods.passkey.enabled: true` and `options.passkey_options` (PATCH replaces the whole `options` object: send it complete).',
  docs: 'https://auth0.com/docs/authenticate/database-connections/passkeys/configure-passkey-policy',
  needs: ['connections'],
  messages: {
    enabled: 'Database connection {name} offers passkeys',
    'password-only': 'Database connection {name} offers only passwords: passkeys are not enabled',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    'password-only': 'offer only passwords (no passkeys)',
  },
  evaluate({ connections }) {
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        const data = { name: c.name };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data, resource, field: 'options' };
        const enabled = asRecord(asRecord(c.options.authentication_methods)?.passkey)?.enabled;
        return enabled === true
          ? { status: 'pass' as const, messageId: 'enabled' as const, data, resource }
          : { status: 'fail' as const, messageId: 'password-only' as const, data, resource, field: 'options.authentication_methods.passkey.enabled', value: enabled ?? null };
      });
  },
});
