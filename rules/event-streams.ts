import { bothPlans, defineRule, type FindingDraft, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const messages = {
  ...NOT_EVALUATED_MESSAGE,
  plan: 'Event streams are not available on this tenant',
  none: 'No event stream is configured: downstream systems learn of user changes only by polling or from logs',
  enabled: 'Event stream {name} is enabled',
  disabled: 'Event stream {name} is {status}: its subscribers receive nothing',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'event-streams',
  title: 'User lifecycle events are streamed to your systems',
  topics: bothPlans('p1.operations.logging'),
  severity: 'advice',
  checks: [],
  checkmate: ['checkEventStreams'],
  rationale:
    'Event streams push identity changes (user created, updated, deleted, organization membership changes, …) to a webhook, Amazon EventBridge or an Action as they happen. They keep CRMs, data warehouses and security tooling in sync without polling the Management API (and its rate limits), and complement log streams, which carry authentication events. A stream left disabled silently stops that sync.',
  remediation:
    'Dashboard → Event Streams: create a stream to your webhook or EventBridge bus, subscribe to the event types you need, test delivery and enable it; or POST /api/v2/event-streams, and PATCH /api/v2/event-streams/{id} with `{"status": "enabled"}`.',
  docs: 'https://auth0.com/docs/customize/events',
  needs: [],
  wants: ['eventStreams'],
  messages,
  failSummary: {
    disabled: 'are not enabled, so their subscribers receive nothing',
  },
  evaluate({ wants }) {
    const r = wants.eventStreams;
    if (!r.ok) return r.reason === 'unavailable-on-plan' ? [{ status: 'n/a', messageId: 'plan' }] : [notEvaluated(r)];
    if (r.data.length === 0) return [{ status: 'fail', messageId: 'none', field: 'event-streams', value: [] }];
    return r.data.map((s, i): FindingDraft<Msg> => {
      const name = s.name ?? s.id ?? `#${i + 1}`;
      const resource = { type: 'event-stream', id: s.id ?? name, name };
      return s.status === 'enabled'
        ? { status: 'pass', messageId: 'enabled', data: { name }, resource }
        : { status: 'fail', messageId: 'disabled', data: { name, status: s.status ?? 'without status' }, resource, field: 'status', value: s.status ?? null };
    });
  },
});
