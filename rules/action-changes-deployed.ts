import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  deployed: 'Action {name} ({where}) has every change deployed',
  drift: 'Action {name} ({where}) has changes that are not deployed: the draft differs from what runs',
  'not-reported': 'Action {name} ({where}) does not report whether all changes are deployed',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'action-changes-deployed',
  title: 'Bound Actions have no undeployed changes',
  topics: bothPlans(
    'p1.deployment-automation.deployment-automation',
    'p2.deployment-automation.deployment-automation',
    'p1.authorization.id-token-claims',
  ),
  severity: 'warning',
  checks: ['ACT-03'],
  rationale:
    'An Action whose draft differs from its deployed version was edited by hand in the Dashboard (or a deploy stopped half-way): the code in your repository, the draft and what runs at login may be three different things, and the next deploy ships an untested edit.',
  remediation:
    'Decide which version is right: deploy it from your pipeline (Auth0 Deploy CLI or Terraform) so the repository, the draft and the deployed version match, or discard the draft (Dashboard → Actions → Library → <action> → Version History → restore the deployed version). API: POST /api/v2/actions/actions/{id}/deploy.',
  docs: 'https://auth0.com/docs/customize/actions/manage-versions',
  needs: ['actions', 'postLoginBindings'],
  messages,
  failSummary: {
    drift: 'have changes that are not deployed',
  },
  evaluate({ actions, postLoginBindings }) {
    const bound = new Set(postLoginBindings.map((b) => b.action?.id).filter((id): id is string => !!id));
    const out: FindingDraft<Msg>[] = [];
    for (const a of actions) {
      // Bound to post-login, or deployed for another trigger (its bindings are not read: a deployed action is assumed bound).
      const where = bound.has(a.id) ? 'bound to post-login' : a.deployed_version?.deployed === true ? `deployed for ${a.supported_triggers?.map((t) => t.id).join(', ') || 'its trigger'}` : undefined;
      if (!where) continue;
      const resource = { type: 'action', id: a.id, name: a.name };
      out.push(
        a.all_changes_deployed === false
          ? { status: 'fail', messageId: 'drift', data: { name: a.name, where }, resource, field: 'all_changes_deployed', value: false }
          : a.all_changes_deployed === true
            ? { status: 'pass', messageId: 'deployed', data: { name: a.name, where }, resource }
            : { status: 'unknown', messageId: 'not-reported', data: { name: a.name, where }, resource, field: 'all_changes_deployed' },
      );
    }
    return out;
  },
});
