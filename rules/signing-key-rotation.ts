import { bothPlans, defineRule } from '../src/engine/define-rule.js';

/** Age above which the current signing key is reported, days (rule option `maxKeyAgeDays`). */
const DEFAULT_MAX_AGE_DAYS = 365;
const DAY_MS = 86_400_000;

export default defineRule({
  id: 'signing-key-rotation',
  title: 'The token signing key is rotated on a plan',
  topics: bothPlans('p1.operations.notifications'),
  severity: 'advice',
  checks: ['KEY-01'],
  rationale:
    'Every ID token, access token and SAML assertion of the tenant is signed with the current signing key. The longer one key is used, the more damage its compromise does and the less practised the rotation is: applications that pin the key or cache the JWKS forever only break when you rotate, which should not happen for the first time during an incident. Rotate on a schedule (the next key is published in advance so applications can pick it up) and keep the rotation plan as an attestation; the API can show only the key\'s age.',
  remediation:
    'Make sure every application and API reads keys from the JWKS endpoint (/.well-known/jwks.json) by `kid`, then Dashboard → Settings → Signing Keys → "Rotate Signing Key"; or POST /api/v2/keys/signing/rotate. Revoke the previous key (PUT /api/v2/keys/signing/{kid}/revoke) once nothing uses it. Record the rotation schedule as an attestation. Rule option `maxKeyAgeDays` (default 365) sets the age that is reported.',
  docs: 'https://auth0.com/docs/get-started/tenant-settings/signing-keys/rotate-signing-keys',
  needs: ['signingKeys'],
  messages: {
    ok: 'The current signing key {kid} has been in use for {age} days (since {since}); keep the rotation plan attested',
    old: 'The current signing key {kid} has been in use for {age} days (since {since}), more than {max}: rotate it, and attest the rotation plan',
    'no-date': 'The current signing key {kid} does not say since when it is in use: its age is unknown',
    'no-current': 'No current signing key among the {count} key(s) listed: not evaluated',
  },
  options: {
    maxKeyAgeDays: { type: 'number', min: 1, description: 'age of the current signing key above which it is reported, days (default 365)' },
  },
  evaluate({ signingKeys }, ctx) {
    if (signingKeys.length === 0) return [];
    const current = signingKeys.find((k) => k.current === true && k.revoked !== true);
    if (!current) return [{ status: 'unknown', messageId: 'no-current', data: { count: signingKeys.length }, field: 'current' }];
    const resource = { type: 'signing-key', id: current.kid, name: `signing key ${current.kid}` };
    const since = current.current_since ? new Date(current.current_since) : undefined;
    if (!since || Number.isNaN(since.getTime())) {
      return [{ status: 'unknown', messageId: 'no-date', data: { kid: current.kid }, resource, field: 'current_since', value: current.current_since ?? null }];
    }
    const option = ctx.options.maxKeyAgeDays;
    const max = typeof option === 'number' && option > 0 ? option : DEFAULT_MAX_AGE_DAYS;
    const age = Math.max(0, Math.floor((ctx.now.getTime() - since.getTime()) / DAY_MS));
    const data = { kid: current.kid, age, since: since.toISOString().slice(0, 10), max: `${max} days` };
    return age > max
      ? [{ status: 'fail', messageId: 'old', data, resource, field: 'current_since', value: current.current_since }]
      : [{ status: 'pass', messageId: 'ok', data, resource }];
  },
});
