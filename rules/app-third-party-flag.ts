import { bothPlans, defineRule, type FindingDraft, type RuleContext } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

/**
 * The apps the customer lists as third-party (partners, external developers, AI agents): client ids
 * or names, from the rule option `thirdPartyClients` or a `thirdPartyClients` setting.
 */
function listed(ctx: RuleContext): string[] {
  const fromOptions = ctx.options.thirdPartyClients;
  const fromSettings = (ctx.settings as { thirdPartyClients?: unknown }).thirdPartyClients;
  const raw = Array.isArray(fromOptions) ? fromOptions : Array.isArray(fromSettings) ? fromSettings : [];
  return raw.filter((x): x is string => typeof x === 'string');
}

export default defineRule({
  id: 'app-third-party-flag',
  title: 'Applications listed as third-party are registered as third-party (is_first_party false)',
  topics: bothPlans('p2.authorization.api-integration'),
  severity: 'advice',
  checks: ['APP-13'],
  rationale:
    'An app operated by someone else — a partner integration, an external developer, an AI agent or MCP client — must be registered as third-party. Only then does Auth0 always ask the user for consent before it calls your APIs (consent cannot be skipped), keep its ID tokens to minimal profile data, restrict it to domain-level connections and withhold first-party-only features. Registered as first-party, it silently gets the same trust as your own apps.',
  remediation:
    'Third-party apps cannot be switched in the Dashboard: PATCH /api/v2/clients/{client_id} with `is_first_party: false` (then promote the connections it may use to domain level, and give it client grants only for the scopes the partner needs). List the apps you consider third-party in the rule option `rules: { "app-third-party-flag": { options: { thirdPartyClients: ["<client_id or name>"] } } }`.',
  docs: 'https://auth0.com/docs/get-started/applications/third-party-applications',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} is listed as third-party and registered as third-party',
    'first-party': 'Application {name} is listed as third-party but registered as first-party: users are not asked for consent',
    unlisted: 'Application {name} is registered as third-party (consent always shown, domain-level connections only)',
    absent: 'Listed third-party application {name} does not exist in this tenant',
    hidden: 'Application {name}: is_first_party is not in the data',
  },
  options: {
    thirdPartyClients: { type: 'string[]', description: 'client ids or names operated as third-party applications' },
  },
  failSummary: {
    'first-party': 'are listed as third-party but registered as first-party',
    unlisted: 'are registered as third-party but not listed as such',
    absent: 'are listed as third-party but do not exist',
  },
  evaluate({ clients }, ctx) {
    const list = listed(ctx);
    const wanted = new Set(list);
    const seen = new Set<string>();
    const out: FindingDraft<'ok' | 'first-party' | 'unlisted' | 'absent' | 'hidden'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      const hits = [c.client_id, c.name].filter((k): k is string => !!k && wanted.has(k));
      hits.forEach((k) => seen.add(k));
      if (hits.length === 0) {
        if (c.is_first_party === false) out.push({ status: 'pass', messageId: 'unlisted', data: { name }, resource });
        continue;
      }
      if (c.is_first_party === undefined) out.push({ status: 'unknown', messageId: 'hidden', data: { name }, resource, field: 'is_first_party' });
      else if (c.is_first_party) out.push({ status: 'fail', messageId: 'first-party', data: { name }, resource, field: 'is_first_party', value: true });
      else out.push({ status: 'pass', messageId: 'ok', data: { name }, resource });
    }
    for (const k of list) {
      if (!seen.has(k)) out.push({ status: 'fail', messageId: 'absent', data: { name: k }, resource: { type: 'client', id: k, name: k }, field: 'thirdPartyClients', value: k });
    }
    return out;
  },
});
