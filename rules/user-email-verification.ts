import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const RESOURCE = { type: 'users', id: 'users', name: 'Users' };
const DEFAULT_MAX_SHARE = 0.1;

const messages = {
  ok: '{unverified} of {total} users ({share}) have an unverified email, within {max}',
  high: '{unverified} of {total} users ({share}) have an unverified email, more than {max}',
} as const;

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export default defineRule({
  id: 'user-email-verification',
  title: 'Few users have an unverified email',
  topics: bothPlans('p1.profile-management.account-verification'),
  severity: 'advice',
  checks: ['USR-03'],
  optIn: 'users',
  rationale:
    'An unverified email cannot be trusted for password reset, account linking or authorization decisions, and unverified sign-ups are where bots and typo-squatted addresses accumulate. A large share means the verification email is not delivered, not read, or not required by the applications.',
  remediation:
    'Make sure the verification email is delivered and branded (Branding → Email Templates → Verification Email), require `email_verified` where it matters (a post-login Action that denies or prompts unverified users), resend with POST /api/v2/jobs/verification-email, and clean up stale unverified accounts. The threshold is the rule option `maxUnverifiedShare` (default 0.1).',
  docs: 'https://auth0.com/docs/manage-users/user-accounts/verify-emails',
  needs: ['usersSample'],
  messages,
  options: {
    maxUnverifiedShare: { type: 'number', min: 0, max: 1, description: 'largest acceptable share of unverified users, 0 to 1 (default 0.1)' },
  },
  evaluate({ usersSample }, ctx) {
    const total = usersSample.total ?? 0;
    if (total === 0) return [];
    const unverified = usersSample.unverified ?? 0;
    const max = typeof ctx.options.maxUnverifiedShare === 'number' ? ctx.options.maxUnverifiedShare : DEFAULT_MAX_SHARE;
    const share = unverified / total;
    const data = { unverified, total, share: pct(share), max: pct(max) };
    return share > max
      ? [{ status: 'fail', messageId: 'high', data, resource: RESOURCE, field: 'email_verified', value: share }]
      : [{ status: 'pass', messageId: 'ok', data, resource: RESOURCE }];
  },
});
