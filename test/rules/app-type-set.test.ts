import rule from '../../rules/app-type-set.js';
import type { ClientData } from '../../src/snapshot/resources.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant, type Mutator } from '../support/tenant.js';

const patch = (name: string, p: Partial<ClientData>): Mutator => (t) => {
  t.clients = (t.clients ?? []).map((c) => (c.name === name ? { ...c, ...p } : c));
};
const addClient = (c: ClientData): Mutator => (t) => {
  t.clients = [...(t.clients ?? []), c];
};

ruleTester(rule, {
  valid: [
    { name: 'every app typed to match its grants', tenant: tenant() },
    { name: 'an SSO integration type', tenant: tenant(addClient({ client_id: 'sf_1', name: 'Salesforce', app_type: 'salesforce', grant_types: [] })) },
    { name: 'a native app with the device code grant', tenant: tenant(patch('Acme Mobile', { grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'] })) },
  ],
  invalid: [
    {
      name: 'no application type',
      tenant: tenant(addClient({ client_id: 'old_1', name: 'Legacy portal', grant_types: ['authorization_code'] })),
      findings: [{ status: 'fail', messageId: 'unset', resource: 'old_1', field: 'app_type', value: null }],
    },
    {
      name: 'machine-to-machine app doing browser logins',
      tenant: tenant(patch('Acme Orders Service', { grant_types: ['client_credentials', 'authorization_code'] })),
      findings: [{ status: 'fail', messageId: 'mismatch', resource: 'Acme Orders Service', field: 'app_type', value: 'non_interactive' }],
    },
    {
      name: 'SPA holding client_credentials',
      tenant: tenant(patch('Acme Account (SPA)', { grant_types: ['authorization_code', 'client_credentials'] })),
      findings: [{ status: 'fail', messageId: 'mismatch', resource: 'Acme Account (SPA)', field: 'app_type', value: 'spa' }],
    },
    {
      name: 'web app with the device flow',
      tenant: tenant(patch('Acme Web Store', { grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'] })),
      findings: [{ status: 'fail', messageId: 'mismatch', resource: 'Acme Web Store' }],
    },
  ],
});
