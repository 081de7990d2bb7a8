import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'tenant', id: 'default_directory', name: 'Default directory' };

export default defineRule({
  id: 'tenant-default-directory',
  title: 'The tenant default directory is unset, or names an existing connection on purpose',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'advice',
  maxSeverity: 'warning',
  checks: [],
  checkmate: ['checkDefaultDirectory'],
  rationale:
    'The default directory is the connection used by password grants (/oauth/token with `grant_type=password`) that name no realm. It exists for the Resource Owner Password flow, which should be limited to attested cases such as synthetic monitoring; a tenant that sets it usually depends on ROPG more widely than intended. A default directory naming a connection that no longer exists makes those requests fail.',
  remediation:
    'Prefer Universal Login; where the password grant remains (e.g. a monitoring client), send `grant_type=http://auth0.com/oauth/grant-type/password-realm` with an explicit `realm`. Then clear Dashboard → Settings → General → API Authorization Settings → "Default Directory"; or PATCH /api/v2/tenants/settings with `{"default_directory": ""}`.',
  docs: 'https://auth0.com/docs/get-started/tenant-settings',
  needs: ['tenantSettings'],
  wants: ['connections'],
  messages: {
    unset: 'No default directory: password grants must name their connection',
    set: 'Default directory is {connection}: password grants without a realm authenticate against it — make sure the password grant is meant to be used',
    missing: 'Default directory is {connection}, but no connection has that name: password grants without a realm fail',
  },
  evaluate({ tenantSettings, wants }) {
    const connection = tenantSettings.default_directory;
    if (typeof connection !== 'string' || connection.trim() === '') return [{ status: 'pass', messageId: 'unset', resource: RESOURCE }];
    const exists = wants.connections.ok ? wants.connections.data.some((c) => c.name === connection) : true;
    return exists
      ? [{ status: 'fail', messageId: 'set', data: { connection }, resource: RESOURCE, field: 'default_directory', value: connection }]
      : [{ status: 'fail', messageId: 'missing', data: { connection }, resource: RESOURCE, field: 'default_directory', value: connection, severity: 'warning' }];
  },
});
