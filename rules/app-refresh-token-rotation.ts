import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

/** The refresh-token settings read here; the lifetime flags are not in the shared schema. */
interface RefreshTokenConfig {
  rotation_type?: string;
  expiration_type?: string;
  infinite_token_lifetime?: boolean;
  infinite_idle_token_lifetime?: boolean;
}

interface State {
  rotating: boolean;
  expiring: boolean;
  /** Failing field and value, first problem first. */
  problems: { field: string; value: unknown; why: string }[];
}

function stateOf(rt: RefreshTokenConfig | null | undefined): State {
  // No configuration: Auth0's defaults, non-rotating and non-expiring.
  if (!rt) return { rotating: false, expiring: false, problems: [{ field: 'refresh_token', value: null, why: 'not configured (non-rotating, non-expiring)' }] };
  const problems: State['problems'] = [];
  const rotating = rt.rotation_type === 'rotating';
  if (!rotating) problems.push({ field: 'refresh_token.rotation_type', value: rt.rotation_type ?? null, why: 'not rotated' });
  let expiring = rt.expiration_type === 'expiring';
  if (!expiring) problems.push({ field: 'refresh_token.expiration_type', value: rt.expiration_type ?? null, why: 'non-expiring' });
  else if (rt.infinite_token_lifetime === true && rt.infinite_idle_token_lifetime === true) {
    expiring = false;
    problems.push({ field: 'refresh_token.infinite_token_lifetime', value: true, why: 'given infinite absolute and idle lifetimes' });
  }
  return { rotating, expiring, problems };
}

const PUBLIC = ['spa', 'native'];
const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-refresh-token-rotation',
  title: 'Refresh tokens of single-page and native apps rotate and expire',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'warning',
  checks: ['APP-10'],
  checkmate: ['checkRefreshToken'],
  rationale:
    'A SPA or native app stores its refresh token on the user\'s device, where malware, a malicious browser extension or an XSS bug can copy it. Without rotation the stolen token keeps working for as long as it is valid, unnoticed; with rotation each use returns a new token and reuse of an old one revokes the whole family (breach detection). Without expiration a stolen token never dies. Confidential apps keep the token server-side and authenticate when they use it, so for them only a token that neither rotates nor expires is reported (advice).',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Refresh Token Rotation: Allow Refresh Token Rotation on (with a short reuse interval), and Refresh Token Expiration: Set Absolute Lifetime and Set Idle Refresh Token Lifetime on with finite values; or PATCH /api/v2/clients/{client_id} with `refresh_token: { rotation_type: "rotating", expiration_type: "expiring", token_lifetime, idle_token_lifetime, infinite_token_lifetime: false, infinite_idle_token_lifetime: false, leeway }` (send the whole object).',
  docs: 'https://auth0.com/docs/secure/tokens/refresh-tokens/refresh-token-rotation',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} ({type}) refresh tokens rotate and expire',
    'ok-confidential': 'Application {name} ({type}) refresh tokens are {state}',
    public: 'Application {name} ({type}) uses refresh tokens that are {why}: a token stolen from the device stays usable',
    confidential: 'Application {name} ({type}) uses refresh tokens that neither rotate nor expire: a leaked token works forever',
  },
  failSummary: {
    public: 'use refresh tokens that do not rotate or expire on the device',
    confidential: 'use refresh tokens that neither rotate nor expire',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'ok-confidential' | 'public' | 'confidential'>[] = [];
    for (const c of clients) {
      if (c.global || !(c.grant_types ?? []).includes('refresh_token')) continue;
      const resource = ref(c);
      const data = { name: resource.name, type: c.app_type ?? 'untyped' };
      const s = stateOf(c.refresh_token as RefreshTokenConfig | null | undefined);
      const first = s.problems[0];
      if (c.app_type && PUBLIC.includes(c.app_type)) {
        out.push(
          first
            ? { status: 'fail', messageId: 'public', data: { ...data, why: s.problems.map((p) => p.why).join(' and ') }, resource, field: first.field, value: first.value }
            : { status: 'pass', messageId: 'ok', data, resource },
        );
      } else if (!s.rotating && !s.expiring && first) {
        out.push({ status: 'fail', messageId: 'confidential', data, resource, field: first.field, value: first.value, severity: 'advice' });
      } else {
        const state = `${s.rotating ? 'rotating' : 'non-rotating'} and ${s.expiring ? 'expiring' : 'non-expiring'}`;
        out.push({ status: 'pass', messageId: s.problems.length ? 'ok-confidential' : 'ok', data: { ...data, state }, resource });
      }
    }
    return out;
  },
});
