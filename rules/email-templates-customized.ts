import { bothPlans, defineRule } from '../src/engine/define-rule.js';
import type { EmailTemplateData, EmailTemplateName } from '../src/snapshot/resources.js';

interface Requirement {
  /** Any of these templates satisfies the requirement (link or code variant). */
  names: EmailTemplateName[];
  why: string;
  /** `undefined`: could not tell whether it applies (a resource was unavailable): it is checked. */
  applies: boolean | undefined;
}

export default defineRule({
  id: 'email-templates-customized',
  title: 'Email templates in use are customised and enabled',
  topics: [
    ...bothPlans(
      'p1.branding.email-templates',
      'p1.authentication.anomaly-detection',
      'p1.profile-management.password-reset',
      'p1.profile-management.account-verification',
      'p2.authentication.mfa',
    ),
    'b2b.p1.provisioning.user-invite',
    'b2c.p3.provisioning.signup-by-invitation',
  ],
  severity: 'warning',
  checks: ['EM-03'],
  checkmate: ['checkEmailTemplates'],
  dashboard: ['email-templates'],
  rationale:
    "Every email Auth0 sends on your behalf — verification, password reset, blocked account, breached password, MFA enrolment, invitations — arrives with Auth0's default wording and look unless its template is customised and enabled. Default mails read like phishing and carry no support contact.",
  remediation:
    'Dashboard → Branding → Email Templates: for each template listed, enable it and set the From address, Subject and body (Liquid) in your brand; or PATCH /api/v2/email-templates/{templateName} (POST the first time). Needs your own email provider.',
  docs: 'https://auth0.com/docs/customize/email/email-templates',
  needs: ['emailTemplates'],
  wants: ['connections', 'bruteForceProtection', 'breachedPasswordDetection', 'guardianFactors', 'organizations', 'emailProvider'],
  messages: {
    ok: 'Email template {template} is customised and enabled ({why})',
    default: 'Email template {template} is the Auth0 default, needed because {why}',
    disabled: 'Email template {template} is customised but disabled, needed because {why}',
    incomplete: 'Email template {template} has no {missing}',
    'body-unknown':
      'Email template {template}: its body is not in the source (in a directory export, emails/{template}.html is missing): not judged',
    'from-unchecked':
      'Email template {template} has no From address and the email provider could not be read to see whether its default From address applies: {detail}',
  },
  failSummary: {
    default: 'are still the Auth0 default',
    disabled: 'are customised but disabled',
    incomplete: 'are missing a sender, subject or body',
    'from-unchecked': 'have no From address, and the email provider could not be read',
  },
  evaluate({ emailTemplates, wants }) {
    const has = <T,>(r: { ok: true; data: T } | { ok: false }, pred: (d: T) => boolean): boolean | undefined => (r.ok ? pred(r.data) : undefined);
    const db = has(wants.connections, (cs) => cs.some((c) => c.strategy === 'auth0'));
    const requirements: Requirement[] = [
      { names: ['verify_email', 'verify_email_by_code'], why: 'a database connection verifies emails', applies: db },
      { names: ['reset_email', 'reset_email_by_code'], why: 'a database connection resets passwords', applies: db },
      { names: ['welcome_email'], why: 'the welcome email is enabled', applies: emailTemplates.welcome_email?.enabled === true },
      {
        names: ['blocked_account'],
        why: 'brute-force protection notifies users',
        applies: has(wants.bruteForceProtection, (b) => b.enabled === true && !!b.shields?.includes('user_notification')),
      },
      {
        names: ['stolen_credentials'],
        why: 'breached password detection notifies users',
        applies: wants.breachedPasswordDetection.ok
          ? wants.breachedPasswordDetection.data.enabled === true && !!wants.breachedPasswordDetection.data.shields?.includes('user_notification')
          : wants.breachedPasswordDetection.reason === 'unavailable-on-plan'
            ? false
            : undefined,
      },
      { names: ['enrollment_email'], why: 'MFA by email is enabled', applies: has(wants.guardianFactors, (fs) => fs.some((f) => f.name === 'email' && f.enabled)) },
      { names: ['mfa_oob_code'], why: 'MFA by email is enabled', applies: has(wants.guardianFactors, (fs) => fs.some((f) => f.name === 'email' && f.enabled)) },
      { names: ['user_invitation'], why: 'organizations invite members', applies: has(wants.organizations, (os) => os.length > 0) },
    ];
    const out = [];
    for (const req of requirements) {
      if (req.applies === false) continue;
      const present = req.names
        .map((n) => [n, emailTemplates[n]] as const)
        .filter((e): e is readonly [EmailTemplateName, EmailTemplateData] => !!e[1]);
      const chosen = present.find(([, t]) => t.enabled) ?? present[0];
      const name = chosen?.[0] ?? req.names[0] ?? 'template';
      const resource = { type: 'email-template', id: name, name };
      const why = req.applies === undefined ? `${req.why} (assumed: could not be checked)` : req.why;
      if (!chosen) {
        out.push({ status: 'fail' as const, messageId: 'default' as const, data: { template: req.names.join(' or '), why }, resource, field: 'template', value: null });
        continue;
      }
      const [, t] = chosen;
      if (t.enabled !== true) {
        out.push({ status: 'fail' as const, messageId: 'disabled' as const, data: { template: name, why }, resource, field: 'enabled', value: t.enabled ?? null });
        continue;
      }
      // An empty template `from` sends from the provider's default From address: it is missing
      // only when the provider has none either ("configure a From address at the provider or
      // template level").
      const provider = wants.emailProvider;
      const providerFrom = provider.ok ? !!provider.data?.default_from_address : undefined;
      // The API returns the body of every customised template (it is required to create one), so an
      // absent `body` (not null, not "") means the source did not carry it: a Deploy CLI directory
      // export keeps it in emails/<template>.html, and a missing file is unknown, not "no body".
      const bodyUnheld = t.body === undefined;
      const missing = (['from', 'subject', 'body'] as const).filter((f) => !(f === 'body' && bodyUnheld) && !t[f] && (f !== 'from' || providerFrom === false));
      if (!t.from && providerFrom === undefined && !missing.length && !provider.ok) {
        out.push({
          status: 'unknown' as const,
          messageId: 'from-unchecked' as const,
          data: { template: name, detail: provider.reason === 'missing-scope' ? `token lacks ${provider.scopes?.join(' or ') ?? 'a read scope'}` : provider.detail },
          resource,
          field: 'from',
          value: null,
        });
        continue;
      }
      if (!missing.length && bodyUnheld) {
        out.push({ status: 'unknown' as const, messageId: 'body-unknown' as const, data: { template: name }, resource, field: 'body', value: null });
        continue;
      }
      out.push(
        missing.length
          ? { status: 'fail' as const, messageId: 'incomplete' as const, data: { template: name, missing: missing.join(', ') }, resource, field: missing[0], value: null }
          : { status: 'pass' as const, messageId: 'ok' as const, data: { template: name, why }, resource },
      );
    }
    return out;
  },
});
