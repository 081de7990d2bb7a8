import { bothPlans, defineRule } from '../src/engine/define-rule.js';

const SUPPORTED = ['mailgun', 'mandrill', 'sendgrid', 'resend', 'ses', 'sparkpost', 'smtp', 'azure_cs', 'ms365', 'custom'];

export default defineRule({
  id: 'email-provider-configured',
  title: 'Your own email provider is configured and enabled',
  topics: bothPlans('p1.operations.email-provider'),
  severity: 'blocker',
  prodOnly: true,
  checks: ['EM-01'],
  checkmate: ['checkEmailProvider'],
  dashboard: ['email-provider'],
  rationale:
    "Auth0's built-in email provider is for testing only: it is rate-limited, sends from an Auth0 address, and cannot send customised templates. Verification, password reset, invitations and security notifications depend on it.",
  remediation:
    'Dashboard → Branding → Email Provider: choose your provider (SES, SendGrid, Mailgun, SMTP, …), enter its credentials, enable it and send a test email; or POST /api/v2/emails/provider. Set SPF, DKIM and DMARC for the sending domain.',
  docs: 'https://auth0.com/docs/customize/email/smtp-email-providers',
  needs: ['emailProvider'],
  messages: {
    'test-provider': "No email provider is configured: mail goes through Auth0's built-in test provider",
    disabled: 'Email provider {name} is configured but disabled',
    unsupported: 'Email provider {name} is not a provider Auth0 supports',
    ok: 'Email provider {name} is configured and enabled',
  },
  evaluate({ emailProvider }) {
    if (emailProvider === null) return [{ status: 'fail', messageId: 'test-provider', field: 'emails/provider', value: null }];
    const resource = { type: 'email-provider', id: emailProvider.name, name: emailProvider.name };
    if (emailProvider.enabled !== true) {
      return [{ status: 'fail', messageId: 'disabled', data: { name: emailProvider.name }, resource, field: 'enabled', value: emailProvider.enabled ?? null }];
    }
    if (!SUPPORTED.includes(emailProvider.name)) {
      return [{ status: 'fail', messageId: 'unsupported', data: { name: emailProvider.name }, resource, field: 'name', value: emailProvider.name }];
    }
    return [{ status: 'pass', messageId: 'ok', data: { name: emailProvider.name }, resource }];
  },
});
