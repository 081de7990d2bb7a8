import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

const messages = {
  granted: 'Machine-to-machine application {name} has client grant(s) for {audiences}',
  'no-grant': 'Machine-to-machine application {name} has the client_credentials grant but no client grant: it cannot get a token for any API',
  orphan: 'Client grant {grant} for {audience} points at application {client}, which does not exist',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'm2m-grants-consistent',
  title: 'Every machine-to-machine application has a client grant, and every grant has an application',
  topics: ['b2b.p2.authorization.m2m-authorization'],
  severity: 'advice',
  checks: ['GR-02'],
  rationale:
    'A machine-to-machine application without any client grant is either unused (a client secret that should be deleted) or broken (its calls to your API fail). A grant whose application was deleted is leftover configuration that a re-created client id would silently inherit and that muddies access reviews.',
  remediation:
    'Dashboard → Applications → APIs → <API> → Machine to Machine Applications: authorize the application with the scopes it needs, or delete an unused application (Applications → <app> → Settings → Delete); remove stray grants with DELETE /api/v2/client-grants/{id}, and create grants with POST /api/v2/client-grants `{ client_id, audience, scope }`.',
  docs: 'https://auth0.com/docs/get-started/applications/application-access-to-apis-client-grants',
  needs: ['clients', 'clientGrants'],
  messages,
  failSummary: {
    'no-grant': 'have the client_credentials grant but no client grant',
    orphan: 'point at applications that do not exist',
  },
  evaluate({ clients, clientGrants }) {
    const out: FindingDraft<Msg>[] = [];
    const m2mGrants = clientGrants.filter((g) => g.subject_type !== 'user');
    for (const c of clients) {
      if (c.global === true || c.app_type !== 'non_interactive') continue;
      if (c.grant_types && !c.grant_types.includes('client_credentials')) continue;
      const resource = { type: 'client', id: c.client_id, name: c.name ?? c.client_id };
      const audiences = [...new Set(m2mGrants.filter((g) => g.client_id === c.client_id).map((g) => g.audience))];
      out.push(
        audiences.length
          ? { status: 'pass', messageId: 'granted', data: { name: resource.name, audiences: audiences.join(', ') }, resource }
          : { status: 'fail', messageId: 'no-grant', data: { name: resource.name }, resource, field: 'client_grants', value: [] },
      );
    }
    const known = new Set(clients.map((c) => c.client_id));
    for (const g of clientGrants) {
      if (g.is_system === true || known.has(g.client_id)) continue;
      const id = g.id ?? `${g.client_id}:${g.audience}`;
      out.push({
        status: 'fail',
        messageId: 'orphan',
        data: { grant: id, audience: g.audience, client: g.client_id },
        resource: { type: 'client-grant', id, name: `${g.client_id} → ${g.audience}` },
        field: 'client_id',
        value: g.client_id,
      });
    }
    return out;
  },
});
