import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'default_audience', name: 'Default audience' };

export default defineRule({
  id: 'tenant-default-audience',
  title: 'No tenant-wide default audience: each application asks for its API',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  maxSeverity: 'warning',
  checks: [],
  checkmate: ['checkDefaultAudience'],
  rationale:
    'A tenant default audience is added to every authorization and token request that does not name one, for every application. Applications then receive access tokens for an API they never asked for, changing token format and lifetime behind their back, and a new application is silently authorised for that API. Set the `audience` explicitly in each application instead. A default audience pointing at the Management API is worse: every login yields a token for the Management API.',
  remediation:
    'Pass `audience` in each application\'s /authorize and /oauth/token requests (SDK option `authorizationParams.audience`), then clear Dashboard → Settings → General → API Authorization Settings → "Default Audience"; or PATCH /api/v2/tenants/settings with `{"default_audience": ""}`.',
  docs: 'https://auth0.com/docs/get-started/tenant-settings',
  needs: ['tenantSettings'],
  messages: {
    unset: 'No default audience: applications request their API explicitly',
    set: 'Default audience is {audience}: every request without an audience gets a token for it',
    'management-api': 'Default audience is the Management API ({audience}): every login without an audience yields a Management API token',
  },
  evaluate({ tenantSettings }) {
    const audience = tenantSettings.default_audience;
    if (typeof audience !== 'string' || audience.trim() === '') return [{ status: 'pass', messageId: 'unset', resource: RESOURCE }];
    // The Management API audience is always on the canonical domain: https://<tenant>[.<region>].auth0.com/api/v2/
    return /^https:\/\/[^/]+\.auth0(app)?\.com\/api\/v2\/?$/i.test(audience.trim())
      ? [{ status: 'fail', messageId: 'management-api', data: { audience }, resource: RESOURCE, field: 'default_audience', value: audience, severity: 'warning' }]
      : [{ status: 'fail', messageId: 'set', data: { audience }, resource: RESOURCE, field: 'default_audience', value: audience }];
  },
});
