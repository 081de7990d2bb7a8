import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'log-stream-active',
  prodOnly: true,
  title: 'Logs stream to your own system',
  topics: bothPlans('p1.operations.logging'),
  // Decision 3: an active log stream is the core evidence of the logging topic.
  severity: 'blocker',
  checks: ['LOG-01'],
  checkmate: ['checkLogStream'],
  dashboard: ['log-streaming'],
  rationale:
    'Auth0 keeps tenant logs for 2 to 30 days depending on the plan. Without a stream to your SIEM or log store there is no forensic trail, no alerting on attacks, and no history beyond that window. Auth0 rates "Configure Log Streaming" a recommended (non-critical) fix; required here because an active stream is the core evidence of the logging topic (catalog Decision 3): a production tenant whose logs vanish after days cannot investigate an incident. A user takes the topic out of scope in config, with a reason.',
  remediation:
    'Dashboard → Monitoring → Streams: create a stream (Datadog, Splunk, Sumo Logic, EventBridge, Event Grid, HTTP webhook, …) and keep it active; a paused or suspended stream must be resumed (check the sink for errors). Or POST /api/v2/log-streams.',
  // Auth0's own line: https://auth0.com/docs/deploy-monitor/pre-deployment-checks/production-check-recommended-fixes
  docs: 'https://auth0.com/docs/customize/log-streams',
  needs: ['logStreams'],
  messages: {
    none: 'No log stream is configured: logs are kept only for the plan retention (2–30 days). Auth0 rates this recommended; required here because an active stream is the logging topic\'s core evidence (Decision 3)',
    'none-active': 'No log stream is active. Auth0 rates log streaming recommended; required here because an active stream is the logging topic\'s core evidence (Decision 3)',
    active: 'Log stream {name} ({type}) is active',
    inactive: 'Log stream {name} ({type}) is {status}',
  },
  failSummary: {
    inactive: 'are not active',
  },
  evaluate({ logStreams }) {
    if (logStreams.length === 0) return [{ status: 'fail', messageId: 'none', field: 'log-streams', value: [] }];
    const out: FindingDraft<'active' | 'inactive' | 'none-active'>[] = [];
    for (const s of logStreams) {
      const resource = { type: 'log-stream', id: s.id ?? s.name ?? 'stream', name: s.name ?? s.id ?? 'stream' };
      const data = { name: resource.name, type: s.type ?? 'unknown', status: s.status ?? 'unknown' };
      out.push(
        s.status === 'active'
          ? { status: 'pass', messageId: 'active', data, resource }
          : { status: 'fail', messageId: 'inactive', data, resource, field: 'status', value: s.status ?? null, severity: 'warning' },
      );
    }
    if (!logStreams.some((s) => s.status === 'active')) out.push({ status: 'fail', messageId: 'none-active', field: 'status' });
    return out;
  },
});
