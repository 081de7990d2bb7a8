import { defineRule, type RuleContext } from '../src/engine/define-rule.js';

/**
 * Whether self sign-up is intended, and why: this rule's own `selfSignup` option first, then the
 * catalog's scope keys (`scope:` in the config — the same keys that put the sign-up topics in or out
 * of scope), then the plan default (B2C open, B2B closed).
 */
function signupIntent(ctx: Pick<RuleContext, 'options' | 'scope' | 'plan'>): { open: boolean; why: string } {
  const option = ctx.options.selfSignup;
  if (typeof option === 'boolean') return { open: option, why: `rule option selfSignup: ${option}` };
  const scope = ctx.scope ?? {};
  if (typeof scope.selfSignup === 'boolean') return { open: scope.selfSignup, why: `scope selfSignup: ${scope.selfSignup}` };
  if (ctx.plan === 'b2c') {
    // B2C Phase 3 "sign-up by invitation" closes public sign-up (catalog DB-04=true).
    if (scope.signupByInvitation === true) return { open: false, why: 'scope signupByInvitation: true' };
    return { open: true, why: 'B2C plan default (scope selfSignup defaults to true)' };
  }
  // B2B Phase 3 self sign-up (with approval, or creating a new organization) opens it (DB-04=false).
  for (const key of ['selfSignupWithApproval', 'selfSignupNewOrganization'] as const) {
    if (scope[key] === true) return { open: true, why: `scope ${key}: true` };
  }
  return { open: false, why: 'B2B plan default (organization members are invited or provisioned)' };
}

export default defineRule({
  id: 'database-signup-intent',
  title: 'Database sign-up matches the intended provisioning: open for self sign-up, closed for invitation or provisioning',
  topics: [
    'b2c.p1.provisioning.self-sign-up',
    'b2c.p3.provisioning.signup-by-invitation',
    'b2b.p1.provisioning.provision-organization-users',
    'b2b.p1.provisioning.user-invite',
    'b2b.p3.provisioning.self-signup-with-approval',
  ],
  severity: 'warning',
  checks: ['DB-04'],
  rationale:
    'Whether anyone on the internet may create an account is a product decision the database connection must carry out. Where users sign themselves up (the B2C default), sign-up disabled is a dead end on the login page. Where organization members are invited or provisioned (the B2B default), sign-up enabled lets anyone create an account in your user store (and reach every application the connection is enabled on), bypassing the onboarding. The intent is read from the catalog\'s scope keys in the config — `scope.selfSignup` (either plan), `scope.signupByInvitation` (B2C, closes sign-up), `scope.selfSignupWithApproval` / `scope.selfSignupNewOrganization` (B2B, open it) — so the rule agrees with the topics those keys put in or out of scope; this rule\'s option `selfSignup` overrides them. Auth0: "Disable user signup if it is not appropriate for each database connection" (https://auth0.com/docs/best-practices/connection-settings).',
  remediation:
    'Dashboard → Authentication → Database → <connection> → Settings → Disable Sign Ups: off for self sign-up, on for invitation-only or provisioned users. Or PATCH /api/v2/connections/{id} with `options.disable_signup` false or true (PATCH replaces the whole `options` object: send it complete). If the intent differs from the plan default, say so in the config: `scope: { selfSignup: true | false }`.',
  docs: 'https://auth0.com/docs/authenticate/connection-settings-best-practices',
  needs: ['connections'],
  messages: {
    'open-ok': 'Database connection {name} allows sign-up, as self sign-up ({why}) requires',
    'closed-ok': 'Database connection {name} has sign-up disabled, as invitation-only provisioning ({why}) requires',
    'closed-bad': 'Database connection {name} has sign-up disabled, but self sign-up is intended ({why}): users cannot create accounts',
    'open-bad': 'Database connection {name} allows public sign-up, but users are meant to be invited or provisioned ({why}): anyone can create an account',
    hidden: 'Options of database connection {name} are not visible: grant read:connections_options',
  },
  options: {
    selfSignup: { type: 'boolean', description: 'whether users sign themselves up (default: true on B2C, false on B2B)' },
  },
  failSummary: {
    'open-bad': 'allow public sign-up although users are meant to be invited',
    'closed-bad': 'have sign-up disabled although self sign-up is intended',
  },
  evaluate({ connections }, ctx) {
    const { open: selfSignup, why } = signupIntent(ctx);
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
