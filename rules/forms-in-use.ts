import { actionCode, boundActions } from '../src/engine/actions.js';
import { findCalls } from '../src/engine/code.js';
import { bothPlans, defineRule, NOT_EVALUATED_MESSAGE, notEvaluated, type FindingDraft } from '../src/engine/define-rule.js';


/** The code that runs on login: the deployed version when there is one, else the draft. */
const PROMPT = /(^|\.)(prompt\.render|redirect\.sendUserTo)$/;

const messages = {
  form: 'Form {name} is defined',
  action: 'Post-login Action {name} interrupts login to collect data ({calls})',
  none: 'No form is defined and no bound post-login Action renders a form or redirects the user',
  syntax: 'Post-login Action {name} could not be parsed ({error}): not checked',
  ...NOT_EVALUATED_MESSAGE,
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'forms-in-use',
  title: 'Progressive profiling is in place: Forms, or a post-login Action that prompts or redirects',
  topics: bothPlans('p3.profile-management.progressive-profiling'),
  // Weak evidence (catalog FORM-01).
  severity: 'advice',
  checks: ['FORM-01'],
  optIn: 'forms',
  rationale:
    'Progressive profiling asks for more profile data over successive logins instead of a long sign-up form. In Auth0 it is a Form rendered from a post-login Action (`api.prompt.render`) or a redirect to your own page (`api.redirect.sendUserTo`); neither means the data is collected elsewhere, or not at all.',
  remediation:
    'Dashboard → Actions → Forms → Create Form (fields, flows that update the user), then render it from a post-login Action with `api.prompt.render("<form id>")` when data is missing; or redirect with `api.redirect.sendUserTo(url, { query: { session_token } })` and resume with `/continue`. API: POST /api/v2/forms, POST /api/v2/actions/actions.',
  docs: 'https://auth0.com/docs/customize/forms',
  needs: ['forms'],
  wants: ['actions', 'postLoginBindings'],
  messages,
  evaluate({ forms, wants }) {
    const out: FindingDraft<Msg>[] = forms.map((f, i) => {
      const name = f.name ?? f.id ?? `form #${i + 1}`;
      return { status: 'pass', messageId: 'form', data: { name }, resource: { type: 'form', id: f.id ?? name, name } };
    });
    const { actions, postLoginBindings } = wants;
    const unreadable = !actions.ok ? actions : !postLoginBindings.ok ? postLoginBindings : undefined;
    if (unreadable || !actions.ok || !postLoginBindings.ok) {
      // Forms alone are evidence enough; without them, the Actions decide and could not be read.
      if (out.length === 0 && unreadable) out.push(notEvaluated(unreadable));
      return out;
    }
    for (const a of boundActions(actions.data, postLoginBindings.data)) {
      const src = actionCode(a);
      const { resource, field } = src;
      if (!src.ok) {
        out.push({ status: 'unknown', messageId: 'syntax', data: { name: a.name, error: src.error }, resource, field });
        continue;
      }
      const { parsed } = src;
      const hits = findCalls(parsed, PROMPT);
      if (hits.length) out.push({ status: 'pass', messageId: 'action', data: { name: a.name, calls: hits.map((h) => `${h.callee} at ${h.line}:${h.column}`).join(', ') }, resource });
    }
    // Weak evidence: progressive profiling may live in your applications; its absence here is reported, not failed.
    if (!out.some((f) => f.status === 'pass')) out.push({ status: 'n/a', messageId: 'none', field: 'forms', value: [] });
    return out;
  },
});
