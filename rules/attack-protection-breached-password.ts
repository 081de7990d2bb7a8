import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'attack-protection', id: 'breached-password-detection', name: 'Breached password detection' };

export default defineRule({
  id: 'attack-protection-breached-password',
  feature: 'breached-password-detection',
  appliesWhen: 'passwords',
  title: 'Breached password detection blocks at login and sign-up',
  topics: [...bothPlans('p1.authentication.anomaly-detection'), 'b2c.p1.provisioning.self-sign-up'],
  severity: 'warning',
  checks: ['AP-03'],
  checkmate: ['checkBreachedPassword'],
  dashboard: ['attack-protection'],
  rationale:
    'Credentials leaked elsewhere are the fuel of account takeover. Breached password detection refuses them at login and, with the pre-user-registration stage, stops new accounts being created with them. The sign-up stage matters only where people can sign up: when every database connection has sign-up disabled (`options.disable_signup`), accounts are created by your back end or by invitation and the login stage is what protects them, so the sign-up stage is not required (https://auth0.com/docs/secure/attack-protection/breached-password-detection).',
  remediation:
    'Dashboard → Security → Attack Protection → Breached Password Detection: enable it, select "Block compromised credentials" and "Notify user", and under sign-up select "Block"; or PATCH /api/v2/attack-protection/breached-password-detection with `{"enabled": true, "shields": ["block", "user_notification"], "stage": {"pre-user-registration": {"shields": ["block"]}}}`.',
  docs: 'https://auth0.com/docs/secure/attack-protection/breached-password-detection',
  needs: [],
  wants: ['breachedPasswordDetection', 'connections'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    plan: 'Breached password detection is not available on this plan',
    disabled: 'Breached password detection is disabled',
    'monitor-only': 'Breached password detection is enabled with no response: it only monitors',
    'no-block': 'Breached password detection does not block compromised credentials at login (shields: {shields})',
    'signup-not-blocked': 'Breached password detection does not block compromised passwords at sign-up (stage pre-user-registration)',
    ok: 'Breached password detection blocks at login and sign-up',
    'ok-no-signup': 'Breached password detection blocks at login; sign-up is disabled on every database connection, so the sign-up stage is not needed',
  },
  evaluate({ wants }) {
    const r = wants.breachedPasswordDetection;
    if (!r.ok) return r.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan', resource: RESOURCE }] : [notEvaluated(r, RESOURCE)];
    const b = r.data;
    if (b.enabled !== true) return [{ status: 'fail', messageId: 'disabled', resource: RESOURCE, field: 'enabled', value: b.enabled ?? null }];
    const shields = b.shields ?? [];
    if (shields.length === 0) return [{ status: 'fail', messageId: 'monitor-only', resource: RESOURCE, field: 'shields', value: shields }];
    const out = [];
    if (!shields.includes('block')) {
      out.push({ status: 'fail' as const, messageId: 'no-block' as const, data: { shields: shields.join(', ') }, resource: RESOURCE, field: 'shields', value: shields });
    }
    const signup = b.stage?.['pre-user-registration']?.shields ?? [];
    // Sign-up is off everywhere only when every database connection says so; an unreadable list
    // or hidden options leave it possibly open.
    const conns = wants.connections;
    const dbs = conns.ok ? conns.data.filter((c) => c.strategy === 'auth0') : undefined;
    const signupOff = dbs !== undefined && dbs.every((c) => c.options?.disable_signup === true);
    if (!signup.includes('block') && !signupOff) {
      out.push({ status: 'fail' as const, messageId: 'signup-not-blocked' as const, resource: RESOURCE, field: 'stage.pre-user-registration.shields', value: signup });
    }
    return out.length ? out : [{ status: 'pass', messageId: signup.includes('block') || !signupOff ? 'ok' : 'ok-no-signup', resource: RESOURCE }];
  },
});
