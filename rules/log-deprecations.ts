import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { logMatches } from '../src/engine/logs.js';

const SEARCH = { type: 'log-search', id: 'deprecations', name: 'Deprecation notices' };

const messages = {
  'not-run': 'The log search for deprecation notices was not run: not evaluated',
  none: 'No deprecation notice (depnote) since {since}',
  found: '{total} deprecation notice(s) since {since}: the tenant uses features Auth0 is retiring',
  notice: 'Deprecation: {what} ({count} of the sampled events{clients})',
} as const;
type Msg = keyof typeof messages;

const sinceOf = (q: string) => /date:\[(\S+?)(?:T\S*)? TO/.exec(q)?.[1] ?? 'the start of the lookback window';

export default defineRule({
  id: 'log-deprecations',
  title: 'The tenant uses no deprecated feature',
  topics: bothPlans('p1.operations.notifications'),
  severity: 'warning',
  optIn: 'logs',
  checks: ['LOG-04'],
  rationale:
    'Auth0 writes a `depnote` log event each time the tenant uses a feature scheduled for removal (a legacy endpoint, an old runtime, a deprecated parameter). Each one is a dated breaking change waiting for your production traffic; notices are also posted on the Support Center and the changelog, which someone must watch.',
  remediation:
    'For each notice, find the feature and caller in the event details, follow the migration guide (Dashboard → Settings → Advanced → Migrations lists the toggles), and re-run until no notice appears. Search: GET /api/v2/logs?q=type:"depnote"; alert on it in your log stream.',
  docs: 'https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations',
  needs: ['logEvents'],
  messages,
  failSummary: {
    notice: 'report deprecated features the tenant still uses',
  },
  evaluate({ logEvents }) {
    const search = logEvents.deprecations;
    if (!search) return [{ status: 'unknown', messageId: 'not-run', resource: SEARCH }];
    const since = sinceOf(search.q);
    const matches = logMatches(search);
    if (matches.none) return [{ status: 'pass', messageId: 'none', data: { since }, resource: SEARCH }];
    const out: FindingDraft<Msg>[] = [{ status: 'fail', messageId: 'found', data: { total: matches.text, since }, resource: SEARCH, field: 'total', value: matches.seen }];
    // One finding per distinct notice in the sample.
    const groups = new Map<string, typeof search.sample>();
    for (const e of search.sample) {
      const key = e.description?.trim() || 'no description';
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const [what, events] of groups) {
      const clients = [...new Set(events.map((e) => e.client_name ?? e.client_id).filter((c): c is string => !!c))];
      out.push({
        status: 'fail',
        messageId: 'notice',
        data: { what, count: events.length, clients: clients.length ? `, from ${clients.join(', ')}` : '' },
        resource: { type: 'log-event', id: what, name: what },
        field: 'description',
        value: what,
      });
    }
    return out;
  },
});
