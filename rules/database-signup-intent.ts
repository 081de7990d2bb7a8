import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  id: 'database-signup-intent',
  title: 'Database sign-up matches the plan: open for B2C self sign-up, closed for B2B invitations',
  topics: ['b2c.p1.provisioning.self-sign-up', 'b2b.p1.provisioning.provision-organization-users', 'b2b.p1.provisioning.user-invite'],
  severity: 'warning',
  checks: ['DB-04'],
  rationale:
    'Whether anyone on the internet may create an account is a product decision the database connection must carry out. In a B2C plan users sign themselves up: with sign-up disabled they hit a dead end on the login page. In a B2B plan organization members are provisioned or invited: with sign-up enabled anyone can create an account in your user store (and reach every application the connection is enabled on), bypassing the organization onboarding.',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Settings → Disable Sign Ups: off for self sign-up (B2C), on for invitation-only (B2B). Or PATCH /api/v2/connections/{id} with `options.disable_signup` false or true (PATCH replaces the whole `options` object: send it complete). If your intent differs from the plan default (a B2C service by invitation, a B2B service with self sign-up), set this rule\'s option `selfSignup` to true or false in the config.',
  docs: 'https://auth0.com/docs/authenticate/connection-settings-best-practices',
  needs: ['connections'],
  messages: {
    'open-ok': 'Database connection {name} allows sign-up, as self sign-up ({why}) requires',
    'closed-ok': 'Database connection {name} has sign-up disabled, as invitation-only provisioning ({why}) requires',
    'closed-bad': 'Database connection {name} has sign-up disabled, but self sign-up is intended ({why}): users cannot create accounts',
    'open-bad': 'Database connection {name} allows public sign-up, but users are meant to be invited or provisioned ({why}): anyone can create an account',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    'open-bad': 'allow public sign-up although users are meant to be invited',
    'closed-bad': 'have sign-up disabled although self sign-up is intended',
  },
  evaluate({ connections }, ctx) {
    const configured = ctx.options.selfSignup;
    const selfSignup = typeof configured === 'boolean' ? configured : ctx.plan === 'b2c';
    const why = typeof configured === 'boolean' ? `rule option selfSignup: ${configured}` : `${ctx.plan.toUpperCase()} plan default`;
    return connections
      .filter((c) => c.strategy === 'auth0')
      .map((c) => {
        const resource = { type: 'connection', id: c.id, name: c.name };
        const data = { name: c.name, why };
        if (!c.options) return { status: 'unknown' as const, messageId: 'hidden' as const, data, resource, field: 'options' };
        const disabled = c.options.disable_signup === true;
        const value = c.options.disable_signup ?? null;
        if (selfSignup) {
          return disabled
            ? { status: 'fail' as const, messageId: 'closed-bad' as const, data, resource, field: 'options.disable_signup', value }
            : { status: 'pass' as const, messageId: 'open-ok' as const, data, resource };
        }
        return disabled
          ? { status: 'pass' as const, messageId: 'closed-ok' as const, data, resource }
          : { status: 'fail' as const, messageId: 'open-bad' as const, data, resource, field: 'options.disable_signup', value };
      });
  },
});
