import { X509Certificate } from 'node:crypto';
import { defineRule, type FindingDraft } from '../src/engine/define-rule.js';

/** Options that hold the identity provider's X.509 signing certificate. */
const CERT_FIELDS = ['signingCert', 'cert'] as const;
/** Strategies that always carry a certificate: hidden options there are "not visible", not "none". */
const CERT_STRATEGIES = new Set(['samlp', 'pingfederate']);
const DAY = 86_400_000;
const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The certificates in an option: PEM text, base64 of a PEM (what `signingCert` holds), or base64
 * DER. Throws when nothing parses.
 */
function certificates(raw: string): X509Certificate[] {
  const pems = raw.match(PEM);
  if (pems) return pems.map((p) => new X509Certificate(p));
  const bytes = Buffer.from(raw.replace(/\s+/g, ''), 'base64');
  const text = bytes.toString('latin1');
  const inner = text.match(PEM);
  if (inner) return inner.map((p) => new X509Certificate(p));
  return [new X509Certificate(bytes)];
}

type Msg = 'valid' | 'expiring' | 'expired' | 'unreadable' | 'hidden';

export default defineRule({
  id: 'enterprise-certificates-valid',
  title: 'Enterprise connection certificates are not about to expire',
  topics: ['b2b.p2.authentication.enterprise-login'],
  severity: 'warning',
  checks: ['ENT-04'],
  rationale:
    'Auth0 validates SAML responses against the identity provider certificate stored on the connection. When the customer rotates its signing key at expiry, logins for that whole customer fail until someone updates the connection — an outage that surfaces as a support escalation. A rollover window (publish the new certificate, update the connection, then switch) needs days of notice; an expired certificate means the rotation is overdue.',
  remediation:
    'Ask the customer\'s IdP administrator for the new signing certificate (or its metadata URL), then Dashboard → Authentication → Enterprise → <strategy> → <connection> → Settings: upload the X.509 signing certificate. Or PATCH /api/v2/connections/{id} with `options.signingCert` (base64 PEM) — PATCH replaces the whole `options` object: send it complete. Prefer `options.metadataUrl` so Auth0 refreshes the certificate itself.',
  docs: 'https://auth0.com/docs/authenticate/identity-providers/enterprise-identity-providers/saml',
  needs: ['connections'],
  messages: {
    valid: 'Certificate {subject} of connection {name} ({field}) is valid until {date} ({days} days)',
    expiring: 'Certificate {subject} of connection {name} ({field}) expires on {date}, in {days} days (warning at {window}): plan the rollover with the IdP',
    expired: 'Certificate {subject} of connection {name} ({field}) expired on {date}: rotate it with the IdP and update the connection',
    unreadable: 'Certificate in {field} of connection {name} could not be read ({error}): its expiry is unknown',
    hidden: 'Options of connection {name} are not visible: grant read:connections_options',
  },
  failSummary: {
    expiring: 'have certificates about to expire',
    expired: 'have expired certificates',
  },
  evaluate({ connections }, ctx) {
    const window = ctx.settings.certificateWarningDays;
    const now = ctx.now.getTime();
    const out: FindingDraft<Msg>[] = [];
    for (const c of connections) {
      const resource = { type: 'connection', id: c.id, name: c.name };
      if (!c.options) {
        if (CERT_STRATEGIES.has(c.strategy)) out.push({ status: 'unknown', messageId: 'hidden', data: { name: c.name }, resource, field: 'options' });
        continue;
      }
      const seen = new Set<string>();
      for (const key of CERT_FIELDS) {
        const raw = c.options[key];
        if (typeof raw !== 'string' || !raw.trim()) continue;
        const field = `options.${key}`;
        let certs: X509Certificate[];
        try {
          certs = certificates(raw);
        } catch (e) {
          out.push({ status: 'unknown', messageId: 'unreadable', data: { name: c.name, field, error: e instanceof Error ? e.message : String(e) }, resource, field });
          continue;
        }
        for (const cert of certs) {
          // `cert` and `signingCert` usually hold the same certificate: report it once.
          if (seen.has(cert.fingerprint256)) continue;
          seen.add(cert.fingerprint256);
          const validTo = new Date(cert.validTo);
          const subject = cert.subject.replace(/\n/g, ', ');
          if (Number.isNaN(validTo.getTime())) {
            out.push({ status: 'unknown', messageId: 'unreadable', data: { name: c.name, field, error: `unreadable validTo "${cert.validTo}"` }, resource, field });
            continue;
          }
          const days = Math.floor((validTo.getTime() - now) / DAY);
          const data = { name: c.name, field, subject, date: validTo.toISOString().slice(0, 10), days, window: `${window} days` };
          const value = validTo.toISOString();
          if (validTo.getTime() <= now) out.push({ status: 'fail', messageId: 'expired', data, resource, field, value });
          else if (validTo.getTime() - now <= window * DAY) out.push({ status: 'fail', messageId: 'expiring', data, resource, field, value });
          else out.push({ status: 'pass', messageId: 'valid', data, resource });
        }
      }
    }
    return out;
  },
});
