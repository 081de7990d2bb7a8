import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import { isHttps } from '../src/engine/urls.js';

const messages = {
  name: 'Tenant friendly name is "{name}"',
  'no-name': 'The tenant has no friendly name: login and error pages fall back to the tenant identifier',
  logo: 'Tenant logo is {url}',
  'no-logo': 'The tenant has no logo URL (picture_url): the generic error page and Classic pages show no logo of yours',
  'logo-owned': 'Neither the tenant nor Universal Login has a logo: reported once, by universal-login-branding',
  'logo-not-https': 'The tenant logo URL {url} is not https: browsers block or flag it on the login page',
} as const;
type Msg = keyof typeof messages;

export default defineRule({
  id: 'tenant-branding-identity',
  title: 'The tenant has a friendly name and a logo',
  topics: bothPlans('p1.architecture.tenant-provision', 'p1.branding.universal-login-page'),
  severity: 'advice',
  checks: ['TEN-02'],
  rationale:
    'The tenant friendly name and logo (`picture_url`) are what users see wherever no more specific branding applies: the generic error page shows the Friendly Name and Logo URL of the tenant settings, and Classic pages and consent screens use them too. Without them users see the raw tenant identifier and no logo, which looks unfinished and phishing-like. When the login page has no logo either, that one missing logo is universal-login-branding\'s finding, not counted again here.',
  remediation:
    'Dashboard → Settings → General → Settings: set "Friendly Name" (your company or product name) and "Logo URL" (an https image, at least 200×200 px); or PATCH /api/v2/tenants/settings with `{"friendly_name": "…", "picture_url": "https://…"}`.',
  // What the generic error page shows: https://auth0.com/docs/authenticate/login/auth0-universal-login/error-pages
  docs: 'https://auth0.com/docs/get-started/tenant-settings',
  needs: ['tenantSettings'],
  wants: ['branding', 'brandingTheme'],
  messages,
  evaluate({ tenantSettings, wants }) {
    const out: FindingDraft<Msg>[] = [];
    const name = tenantSettings.friendly_name?.trim();
    const nameRes = { type: 'tenant', id: 'friendly_name', name: 'Tenant friendly name' };
    out.push(
      name
        ? { status: 'pass', messageId: 'name', data: { name }, resource: nameRes }
        : { status: 'fail', messageId: 'no-name', resource: nameRes, field: 'friendly_name', value: tenantSettings.friendly_name ?? null },
    );
    const url = tenantSettings.picture_url?.trim();
    const logoRes = { type: 'tenant', id: 'picture_url', name: 'Tenant logo' };
    // universal-login-branding fails `no-logo` exactly when the branding is read, has no logo, and no theme.
    const loginLogoMissing = wants.branding.ok && !wants.branding.data.logo_url && wants.brandingTheme.ok && !wants.brandingTheme.data;
    if (!url && loginLogoMissing) out.push({ status: 'n/a', messageId: 'logo-owned', resource: logoRes });
    else if (!url) out.push({ status: 'fail', messageId: 'no-logo', resource: logoRes, field: 'picture_url', value: tenantSettings.picture_url ?? null });
    else if (!isHttps(url)) out.push({ status: 'fail', messageId: 'logo-not-https', data: { url }, resource: logoRes, field: 'picture_url', value: url });
    else out.push({ status: 'pass', messageId: 'logo', data: { url }, resource: logoRes });
    return out;
  },
});
