import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/** Auth0's ID-token lifetime when `jwt_configuration.lifetime_in_seconds` is not set. */
const AUTH0_DEFAULT = 36_000;
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });
const human = (s: number) => (s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

export default defineRule({
  id: 'app-id-token-lifetime',
  title: 'ID tokens live no longer than the configured maximum',
  topics: [...bothPlans('p1.authentication.application-integration'), 'b2b.p2.logout.single-logout'],
  severity: 'advice',
  checks: ['APP-12'],
  rationale:
    'An ID token proves a login to the app that receives it. Apps that use its `exp` to decide how long a local session lasts keep users signed in for that long even after they log out elsewhere, are disabled or lose access; a leaked ID token is accepted by such an app until it expires. A short lifetime bounds that window and makes single logout and access changes take effect sooner; refresh tokens or silent authentication renew it without a prompt.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → ID Token Expiration: at most the configured maximum (setting `maxIdTokenLifetimeSeconds`, default 36000 s); or PATCH /api/v2/clients/{client_id} with `jwt_configuration.lifetime_in_seconds` (send the whole `jwt_configuration` object).',
  docs: 'https://auth0.com/docs/secure/tokens/id-tokens/update-id-token-lifetime',
  needs: ['clients'],
  messages: {
    ok: 'Application {name}: ID tokens live {lifetime}{note} (maximum {max})',
    long: 'Application {name}: ID tokens live {lifetime}{note}, more than the maximum of {max}',
  },
  failSummary: {
    long: 'issue ID tokens that live longer than the maximum',
  },
  evaluate({ clients }, ctx) {
    const max = ctx.settings.maxIdTokenLifetimeSeconds;
    const out: FindingDraft<'ok' | 'long'>[] = [];
    for (const c of clients) {
      // Machine-to-machine apps never receive an ID token.
      if (c.global || c.app_type === 'non_interactive') continue;
      const resource = ref(c);
      const set = c.jwt_configuration?.lifetime_in_seconds;
      const lifetime = set ?? AUTH0_DEFAULT;
      const data = { name: resource.name, lifetime: human(lifetime), note: set === undefined ? ' (Auth0 default)' : '', max: human(max) };
      out.push(
        lifetime > max
          ? { status: 'fail', messageId: 'long', data, resource, field: 'jwt_configuration.lifetime_in_seconds', value: set ?? null }
          : { status: 'pass', messageId: 'ok', data, resource },
      );
    }
    return out;
  },
});
