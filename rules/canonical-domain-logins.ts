import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { logMatches } from '../src/engine/logs.js';

const SEARCH = { type: 'log-search', id: 'canonicalDomainLogins', name: 'Logins on the canonical domain' };

const messages = {
  'not-run': 'The log search for logins on the canonical domain was not run: not evaluated',
  none: 'No login or signup on the canonical domain since {since}: traffic uses the custom domain',
  found: '{total} login/signup event(s) since {since} used the canonical domain ({hosts}) instead of the custom domain',
  client: 'Application {name} sent {count} of the sampled login/signup attempts to {hosts}: point its SDK `domain` at the custom domain',
} as const;
type Msg = keyof typeof messages;

const sinceOf = (q: string) => /date:\[(\S+?)(?:T\S*)? TO/.exec(q)?.[1] ?? 'the start of the lookback window';

export default defineRule({
  id: 'canonical-domain-logins',
  title: 'No application logs users in on the canonical *.auth0.com domain',
  topics: bothPlans('p1.architecture.custom-domains'),
  severity: 'advice',
  optIn: 'logs',
  checks: ['CD-04'],
  checkmate: ['checkCanonicalDomain'],
  rationale:
    'A custom domain protects users only if every application sends them to it. An application still configured with the canonical *.auth0.com domain gives its users a login page on a domain that is not yours, with separate SSO cookies, and keeps the canonical domain alive so it cannot be blocked. The tenant logs show which applications still do it: successful and failed logins and signups whose hostname is the canonical domain.',
  remediation:
    'For each application listed, set the SDK `domain` (or issuer/authority) to the custom domain and redeploy; check back-end token requests and email links too. Then consider blocking the canonical domain for authentication with a Tenant ACL (Dashboard → Security → Tenant Access Control List). To watch for regressions, alert in your SIEM on log events of type s, ss, f, fp, fu whose hostname is the canonical domain (GET /api/v2/logs?q=type:("s" OR "ss" OR "f" OR "fp" OR "fu") AND hostname:"<tenant>.auth0.com").',
  docs: 'https://auth0.com/docs/customize/custom-domains/configure-features-to-use-custom-domains',
  needs: ['logEvents'],
  wants: ['customDomains'],
  messages,
  failSummary: {
    client: 'send logins to the canonical *.auth0.com domain instead of the custom domain',
  },
  evaluate({ logEvents, wants }) {
    // CD-04 is about traffic that bypasses a custom domain: without a ready one, CD-01 is the finding.
    if (wants.customDomains.ok && !wants.customDomains.data.some((d) => d.status === 'ready')) return [];
    const search = logEvents.canonicalDomainLogins;
    if (!search) return [{ status: 'unknown', messageId: 'not-run', resource: SEARCH }];
    const since = sinceOf(search.q);
    const matches = logMatches(search);
    if (matches.none) return [{ status: 'pass', messageId: 'none', data: { since }, resource: SEARCH }];

    const hostsOf = (events: typeof search.sample) => [...new Set(events.map((e) => e.hostname).filter((h): h is string => !!h))].join(', ') || 'the canonical domain';
    const out: FindingDraft<Msg>[] = [
      { status: 'fail', messageId: 'found', data: { total: matches.text, since, hosts: hostsOf(search.sample) }, resource: SEARCH, field: 'total', value: matches.seen },
    ];
    const byClient = new Map<string, typeof search.sample>();
    for (const e of search.sample) {
      const key = e.client_id ?? e.client_name;
      if (key) byClient.set(key, [...(byClient.get(key) ?? []), e]);
    }
    for (const [id, events] of byClient) {
      const name = events.find((e) => e.client_name)?.client_name ?? id;
      out.push({
        status: 'fail',
        messageId: 'client',
        data: { name, hosts: hostsOf(events), count: events.length },
        resource: { type: 'client', id, name },
        field: 'hostname',
        value: events[0]?.hostname ?? null,
      });
    }
    return out;
  },
});
