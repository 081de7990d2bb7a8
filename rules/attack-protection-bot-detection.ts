import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'attack-protection', id: 'bot-detection', name: 'Bot detection' };
const FLOWS = [
  { field: 'challenge_password_policy', label: 'password login' },
  { field: 'challenge_password_reset_policy', label: 'password reset' },
] as const;

export default defineRule({
  id: 'attack-protection-bot-detection',
  feature: 'bot-detection',
  title: 'Bot detection challenges risky password flows',
  topics: bothPlans('p1.authentication.anomaly-detection'),
  severity: 'advice',
  checks: ['AP-04'],
  checkmate: ['checkBotDetectionSetting'],
  dashboard: ['attack-protection'],
  rationale:
    'Bot detection puts a CAPTCHA in front of traffic that looks automated. Set to "never" for password login or reset, scripted credential stuffing and reset-mail floods meet no challenge. In monitoring mode (`monitoring_mode_enabled`) it only records risk assessments in the tenant logs and challenges no one, whatever the flow policies say (https://auth0.com/docs/secure/attack-protection/bot-detection).',
  remediation:
    'Dashboard → Security → Attack Protection → Bot Detection: set the password and password-reset flows to "When risky" (or "Always"); or PATCH /api/v2/attack-protection/bot-detection with `{"challenge_password_policy": "when_risky", "challenge_password_reset_policy": "when_risky"}`. Needs an Enterprise plan or the Attack Protection add-on.',
  docs: 'https://auth0.com/docs/secure/attack-protection/bot-detection',
  needs: [],
  wants: ['botDetection'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    plan: 'Bot detection is not available on this plan',
    never: 'Bot detection never challenges {flow} ({field}: {value})',
    monitoring: 'Bot detection is in monitoring mode: it logs risky {flow} attempts but challenges none ({field}: {value} has no effect)',
    ok: 'Bot detection challenges {flow} ({field}: {value})',
  },
  evaluate({ wants }) {
    const r = wants.botDetection;
    if (!r.ok) return r.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan', resource: RESOURCE }] : [notEvaluated(r, RESOURCE)];
    const monitoring = r.data.monitoring_mode_enabled === true;
    return FLOWS.map(({ field, label }) => {
      const value = r.data[field] ?? 'never';
      if (monitoring && value !== 'never') {
        return { status: 'fail' as const, messageId: 'monitoring' as const, data: { flow: label, field, value }, resource: RESOURCE, field: 'monitoring_mode_enabled', value: true };
      }
      return value === 'never'
        ? { status: 'fail' as const, messageId: 'never' as const, data: { flow: label, field, value }, resource: RESOURCE, field, value }
        : { status: 'pass' as const, messageId: 'ok' as const, data: { flow: label, field, value }, resource: RESOURCE };
    });
  },
});
