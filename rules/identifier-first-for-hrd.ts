import { defineRule, NOT_EVALUATED_MESSAGE, notEvaluated } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'prompts', id: 'identifier_first', name: 'Identifier First login flow' };

export default defineRule({
  id: 'identifier-first-for-hrd',
  title: 'Identifier First is on where the login page routes users by email domain',
  topics: ['b2b.p1.authentication.home-realm-discovery', 'b2b.p2.authentication.home-realm-discovery'],
  severity: 'advice',
  checks: ['UL-05'],
  rationale:
    'Home realm discovery on the login page sends a user whose email domain belongs to an enterprise connection (its `domain_aliases`) straight to their company IdP. In the new Universal Login this only happens when the page asks for the identifier first: with the username-and-password page, the user is offered a password field for an account they do not have, and enterprise users end up creating database accounts or calling support.',
  remediation:
    'Dashboard → Authentication → Authentication Profile: choose "Identifier First" (or "Identifier First + Biometrics"); or PATCH /api/v2/prompts with `{"identifier_first": true}`. Keep each enterprise connection\'s "IdP domains" (`options.domain_aliases`) complete.',
  docs: 'https://auth0.com/docs/authenticate/login/auth0-universal-login/identifier-first',
  needs: ['prompts'],
  wants: ['connections', 'connectionClients'],
  messages: {
    ...NOT_EVALUATED_MESSAGE,
    on: 'Identifier First is on, so users of {connections} are routed to their IdP by email domain',
    off: 'Identifier First is off, yet {connections} route users by email domain: the login page never discovers their IdP',
  },
  evaluate({ prompts, wants }) {
    // Home realm discovery by the identifier prompt is a new Universal Login behaviour; Classic (Lock) does it itself.
    if (prompts.universal_login_experience === 'classic') return [];
    if (!wants.connections.ok) return [notEvaluated(wants.connections, RESOURCE)];
    const enabledOn = wants.connectionClients.ok ? wants.connectionClients.data : {};
    const hrd = wants.connections.data
      .map((c) => ({
        name: c.name,
        aliases: Array.isArray(c.options?.domain_aliases) ? c.options.domain_aliases.filter((a): a is string => typeof a === 'string' && a.trim() !== '') : [],
        // `enabled_clients` is being removed from the connection; /connections/{id}/clients replaces it.
        apps: enabledOn[c.id] ?? c.enabled_clients,
      }))
      .filter((c) => c.aliases.length > 0 && (c.apps === undefined || c.apps.length > 0));
    if (hrd.length === 0) return [];
    const connections = hrd.map((c) => `${c.name} (${c.aliases.join(', ')})`).join('; ');
    return prompts.identifier_first === true
      ? [{ status: 'pass', messageId: 'on', data: { connections }, resource: RESOURCE }]
      : [{ status: 'fail', messageId: 'off', data: { connections }, resource: RESOURCE, field: 'identifier_first', value: prompts.identifier_first ?? null }];
  },
});
