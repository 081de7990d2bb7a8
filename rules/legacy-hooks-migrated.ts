import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';

/** Hook extensibility point → the Action trigger that replaces it. */
const ACTION_TRIGGER: Record<string, string> = {
  'credentials-exchange': 'M2M / credentials-exchange',
  'pre-user-registration': 'Pre User Registration',
  'post-user-registration': 'Post User Registration',
  'post-change-password': 'Post Change Password',
  'send-phone-message': 'Send Phone Message',
};

const messages = {
  enabled: 'Hook {name} ({trigger}) is enabled: migrate it to a {action} Action',
  disabled: 'Hook {name} ({trigger}) is disabled (delete it once its Action replacement is live)',
  none: 'No legacy Hook is configured',
  unavailable: 'Hooks are not available on this tenant: nothing to migrate',
  ...NOT_EVALUATED_MESSAGE,
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'legacy-hooks-migrated',
  title: 'No legacy Hook is enabled: logic runs in Actions',
  topics: bothPlans('p1.authorization.id-token-claims', 'p1.operations.notifications'),
  severity: 'blocker',
  checks: ['ACT-04'],
  checkmate: ['checkHooks'],
  dashboard: ['hooks'],
  rationale:
    'Hooks are deprecated, with end of life on 18 November 2026: an enabled Hook (sign-up checks, M2M token enrichment, SMS sending) is behaviour on a platform Auth0 is retiring, that stops running at end of life. The Dashboard readiness check lists "Hooks migrated to Actions" as a critical fix; each Hook point has an Action trigger that replaces it.',
  remediation:
    'Rewrite each Hook as an Action on the matching trigger (Dashboard → Actions → Library → Create Action), bind it in Actions → Triggers, test, then disable the Hook (Dashboard → Auth Pipeline → Hooks; or PATCH /api/v2/hooks/{id} with `{ "enabled": false }`) and delete it (DELETE /api/v2/hooks/{id}). Move Hook secrets to Action secrets.',
  docs: 'https://auth0.com/docs/customize/actions/migrate/migrate-from-hooks-to-actions',
  // A tenant without the legacy feature answers 403 (unavailable on plan): that is a pass, not an unknown.
  needs: [],
  wants: ['hooks'],
  messages,
  failSummary: {
    enabled: 'are still enabled: migrate them to Actions',
  },
  evaluate({ wants }) {
    const result = wants.hooks;
    const feature = { type: 'hooks', id: 'hooks', name: 'Hooks (legacy)' };
    if (!result.ok) {
      return result.reason === 'unavailable-on-plan'
        ? [{ status: 'pass', messageId: 'unavailable', resource: feature }]
        : [notEvaluated(result, feature)];
    }
    const hooks = result.data;
    if (hooks.length === 0) return [{ status: 'pass', messageId: 'none', resource: feature }];
    return hooks.map((h, i): FindingDraft<Msg> => {
      const name = h.name ?? h.id ?? `hook #${i + 1}`;
      const resource = { type: 'hook', id: h.id ?? name, name };
      const trigger = h.triggerId ?? 'unknown trigger';
      const data = { name, trigger, action: ACTION_TRIGGER[trigger] ?? 'matching' };
      return h.enabled === false
        ? { status: 'pass', messageId: 'disabled', data, resource }
        : { status: 'fail', messageId: 'enabled', data, resource, field: 'enabled', value: h.enabled ?? null };
    });
  },
});
