import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Scopes that change the tenant, or read credentials. */
const WRITE = /^(create|update|delete):/;
const SENSITIVE_READ = new Set(['read:client_keys', 'read:client_credentials']);
const MGMT_AUDIENCE = /^https:\/\/[^/]+\/api\/v2\/$/;

const messages = {
  'read-only': 'Application {client} holds {count} read-only Management API scope(s)',
  write: 'Application {client} holds {count} Management API write or secret-reading scope(s) ({scopes}): review them, then record the review as a waiver',
  'all-scopes': 'Application {client} is granted every Management API scope, present and future (allow_all_scopes)',
  none: 'No application holds a grant for the Management API ({audience})',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'mgmt-api-grants-least-privilege',
  title: 'Management API grants are least-privilege: write scopes reviewed, no "all scopes" grant',
  topics: [
    'b2c.p2.authorization.api-integration',
    'b2b.p2.authorization.api-integration',
    'b2b.p2.authorization.m2m-authorization',
    'b2b.p1.profile-management.admin-portal',
  ],
  severity: 'warning',
  checks: ['GR-01'],
  rationale:
    'A client grant on the Management API turns the application\'s client secret into tenant-admin power: with `update:clients`, `create:users` or `delete:connections` a leaked secret (CI variable, back-end config, log) rewrites the tenant, and `read:client_keys` reads every application\'s secret. `allow_all_scopes` also picks up every scope Auth0 adds later.',
  remediation:
    'Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications: for each application, keep only the scopes it calls (a deploy pipeline needs writes, a back end that reads users does not); or PATCH /api/v2/client-grants/{id} with `{ "scope": [...] }` and `allow_all_scopes: false`. Record the reviewed write grants as waivers with an owner and an expiry.',
  docs: 'https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens',
  needs: ['clientGrants', 'clients'],
  wants: ['resourceServers'],
  messages,
  failSummary: {
    write: 'hold Management API write or secret-reading scopes awaiting review',
    'all-scopes': 'grant every Management API scope, present and future (allow_all_scopes)',
  },
  evaluate({ clientGrants, clients, wants }) {
    const system = wants.resourceServers.ok
      ? wants.resourceServers.data.find((rs) => rs.is_system === true && rs.identifier.endsWith('/api/v2/'))
      : undefined;
    const isMgmt = (audience: string) => (system ? audience === system.identifier : MGMT_AUDIENCE.test(audience));
    const names = new Map(clients.map((c) => [c.client_id, c.name ?? c.client_id]));
    const grants = clientGrants.filter((g) => g.is_system !== true && isMgmt(g.audience));
    if (grants.length === 0) {
      const audience = system?.identifier ?? 'https://<tenant>/api/v2/';
      return [{ status: 'pass', messageId: 'none', data: { audience }, resource: { type: 'resource-server', id: system?.id ?? audience, name: system?.name ?? 'Auth0 Management API' } }];
    }
    return grants.map((g): FindingDraft<Msg> => {
      const client = names.get(g.client_id) ?? g.client_id;
      // Named after the application, so a waiver can name it.
      const resource = { type: 'client-grant', id: g.id ?? `${g.client_id}:${g.audience}`, name: client };
      const scopes = g.scope ?? [];
      if (g.allow_all_scopes === true) {
        return { status: 'fail', messageId: 'all-scopes', data: { client }, resource, field: 'allow_all_scopes', value: true };
      }
      const risky = scopes.filter((s) => WRITE.test(s) || SENSITIVE_READ.has(s));
      if (risky.length) {
        const shown = risky.length > 5 ? `${risky.slice(0, 5).join(', ')}, +${risky.length - 5}` : risky.join(', ');
        return { status: 'fail', messageId: 'write', data: { client, count: risky.length, scopes: shown }, resource, field: 'scope', value: risky };
      }
      return { status: 'pass', messageId: 'read-only', data: { client, count: scopes.length }, resource };
    });
  },
});
