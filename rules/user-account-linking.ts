import { defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'users', id: 'users-sample', name: 'Sampled users' };

const messages = {
  linked: '{linked} of {sampled} sampled users ({share}) have linked identities ({connections})',
  none: 'None of the {sampled} sampled users has a linked identity: the same person may hold one account per login method',
} as const;

export default defineRule({
  id: 'user-account-linking',
  title: 'Accounts of the same person are linked (sampled users with several identities)',
  topics: ['b2c.p2.profile-management.link-accounts', 'b2b.p3.profile-management.link-enterprise-to-database'],
  // Weak evidence (catalog USR-02): linking shows in the data, its absence proves little.
  severity: 'advice',
  checks: ['USR-02'],
  optIn: 'users',
  rationale:
    'Without account linking, a customer who signs up with a password and later uses Google (or an employee moving from a database account to their company IdP) becomes two users with two profiles, two sets of roles and split history. Users with more than one identity show linking is in place.',
  remediation:
    'Link on login from a post-login Action or your back end after verifying both accounts belong to the same person (verified email plus re-authentication), with POST /api/v2/users/{primary_id}/identities `{ provider, user_id }`; never link on an unverified email alone (account takeover).',
  docs: 'https://auth0.com/docs/manage-users/user-accounts/user-account-linking',
  needs: ['usersSample'],
  messages,
  evaluate({ usersSample }) {
    const sample = usersSample.sample ?? [];
    if (sample.length === 0) return [];
    const linked = sample.filter((u) => (u.identities?.length ?? 0) > 1);
    // Weak evidence: no linked user in a sample proves nothing, so it is reported, not failed.
    if (linked.length === 0) return [{ status: 'n/a', messageId: 'none', data: { sampled: sample.length }, resource: RESOURCE, field: 'identities', value: 0 }];
    const connections = [...new Set(linked.flatMap((u) => u.identities?.map((i) => i.connection ?? i.provider ?? '?') ?? []))];
    return [
      {
        status: 'pass',
        messageId: 'linked',
        data: {
          linked: linked.length,
          sampled: sample.length,
          share: `${Math.round((linked.length / sample.length) * 100)}%`,
          connections: connections.length > 4 ? `${connections.slice(0, 4).join(', ')}, …` : connections.join(', '),
        },
        resource: RESOURCE,
      },
    ];
  },
});
