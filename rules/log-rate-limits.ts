import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { logMatches } from '../src/engine/logs.js';

const SEARCH = { type: 'log-search', id: 'rateLimits', name: 'Rate-limit events' };

const messages = {
  'not-run': 'The log search for rate-limit events was not run: not evaluated',
  none: 'No rate-limit event (api_limit, api_limit_warning) since {since}',
  found: '{total} rate-limit event(s) since {since} ({types})',
  limit: '{what}: {count} of the sampled events{clients}',
} as const;
type Msg = keyof typeof messages;

const sinceOf = (q: string) => /date:\[(\S+?)(?:T\S*)? TO/.exec(q)?.[1] ?? 'the start of the lookback window';
const KIND: Record<string, string> = { api_limit: 'Rate limit reached', api_limit_warning: 'Rate limit nearly reached' };

export default defineRule({
  id: 'log-rate-limits',
  title: 'The tenant does not hit its rate limits',
  topics: bothPlans('p1.operations.monitoring', 'p1.operations.logging'),
  severity: 'warning',
  optIn: 'logs',
  checks: ['LOG-03'],
  rationale:
    'Auth0 enforces rate limits per endpoint and tenant (higher for tenants tagged Production on a paid plan). An `api_limit` log event means requests were rejected with HTTP 429 — logins, token renewals or Management API calls failed — and `api_limit_warning` means a limit was nearly reached. At go-live traffic multiplies: a pattern that brushes the limit in testing (a Management API call on every login, polling, a bulk job) becomes an outage.',
  remediation:
    'Find the caller in each event (client, endpoint), then: cache Management API tokens and results, move per-login Management API calls out of Actions, back off on HTTP 429 using the X-RateLimit-* headers, spread bulk jobs, and tag the production tenant as Production. Alert on these event types in your log stream. Search: GET /api/v2/logs?q=type:("api_limit" OR "api_limit_warning").',
  docs: 'https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy',
  needs: ['logEvents'],
  messages,
  failSummary: {
    limit: 'record rate limits hit or nearly hit',
  },
  evaluate({ logEvents }) {
    const search = logEvents.rateLimits;
    if (!search) return [{ status: 'unknown', messageId: 'not-run', resource: SEARCH }];
    const since = sinceOf(search.q);
    const matches = logMatches(search);
    if (matches.none) return [{ status: 'pass', messageId: 'none', data: { since }, resource: SEARCH }];
    const types = [...new Set(search.sample.map((e) => e.type).filter((t): t is string => !!t))];
    const out: FindingDraft<Msg>[] = [
      { status: 'fail', messageId: 'found', data: { total: matches.text, since, types: types.join(', ') || 'sample empty' }, resource: SEARCH, field: 'total', value: matches.seen },
    ];
    // One finding per limit seen in the sample (what was limited, by whom).
    const groups = new Map<string, typeof search.sample>();
    for (const e of search.sample) {
      const key = `${e.type ?? ''}|${e.description ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), e]);
    }
    for (const [key, events] of groups) {
      const first = events[0];
      const what = [first?.type ? KIND[first.type] ?? first.type : undefined, first?.description].filter(Boolean).join(' — ') || 'event';
      const clients = [...new Set(events.map((e) => e.client_name ?? e.client_id).filter((c): c is string => !!c))];
      out.push({
        status: 'fail',
        messageId: 'limit',
        data: { what, count: events.length, clients: clients.length ? `, from ${clients.join(', ')}` : '' },
        resource: { type: 'log-event', id: key, name: what },
        field: 'type',
        value: first?.type ?? null,
        // Approaching a limit is a warning sign; requests were not rejected yet.
        ...(first?.type === 'api_limit_warning' ? { severity: 'advice' as const } : {}),
      });
    }
    return out;
  },
});
