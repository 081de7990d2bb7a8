import { bothPlans, defineRule } from '../src/engine/define-rule.js';

/** Categories forensics and alerting need (`management.*` = its fail and success categories). */
export const REQUIRED_CATEGORIES = [
  'auth.login.fail',
  'auth.signup.fail',
  'management.fail',
  'management.success',
  'system.notification',
  'user.notification',
];

export default defineRule({
  id: 'log-stream-filters',
  title: 'Log streams carry the events forensics need',
  topics: bothPlans('p1.operations.logging'),
  severity: 'advice',
  checks: ['LOG-02'],
  rationale:
    'A filtered stream that leaves out failed logins and sign-ups, Management API changes or system and user notifications loses exactly the events an investigation or an alert needs.',
  remediation:
    'Dashboard → Monitoring → Streams → <stream> → Filter by Event Category: include auth.login.fail, auth.signup.fail, management (fail and success), system.notification and user.notification, or remove the filter; or PATCH /api/v2/log-streams/{id} with `filters`.',
  docs: 'https://auth0.com/docs/customize/log-streams/event-filters',
  needs: ['logStreams'],
  messages: {
    all: 'Log stream {name} streams every event category',
    covered: 'Log stream {name} includes every category forensics needs',
    missing: 'Log stream {name} leaves out {categories}',
  },
  failSummary: {
    missing: 'leave out event categories forensics needs',
  },
  evaluate({ logStreams }) {
    return logStreams.map((s) => {
      const resource = { type: 'log-stream', id: s.id ?? s.name ?? 'stream', name: s.name ?? s.id ?? 'stream' };
      const filters = s.filters ?? [];
      if (filters.length === 0) return { status: 'pass' as const, messageId: 'all' as const, data: { name: resource.name }, resource };
      const names = new Set(filters.map((f) => f.name));
      const missing = REQUIRED_CATEGORIES.filter((c) => !names.has(c));
      return missing.length
        ? { status: 'fail' as const, messageId: 'missing' as const, data: { name: resource.name, categories: missing.join(', ') }, resource, field: 'filters', value: [...names] }
        : { status: 'pass' as const, messageId: 'covered' as const, data: { name: resource.name }, resource };
    });
  },
});
