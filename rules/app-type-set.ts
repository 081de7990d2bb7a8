import { bothPlans, defineRule, type FindingDraft } from '../src/engine/define-rule.js';
import type { ClientData } from '../src/snapshot/resources.js';

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const INTERACTIVE = ['spa', 'native', 'regular_web'];

/** A grant that says the app is of another type than the one it is registered as, and why. */
function mismatch(appType: string, grants: readonly string[]): { grant: string; hint: string } | undefined {
  const has = (g: string) => grants.includes(g);
  if (appType === 'non_interactive') {
    const g = ['authorization_code', 'implicit'].find(has);
    if (g) return { grant: g, hint: 'a machine-to-machine app has no user and no browser redirect: register the web front end as a separate regular_web, spa or native app' };
  }
  if ((appType === 'spa' || appType === 'native') && has('client_credentials')) {
    return { grant: 'client_credentials', hint: `a ${appType} app is public and cannot keep the client secret that client_credentials needs: move the machine-to-machine calls to a non_interactive app` };
  }
  if ((appType === 'spa' || appType === 'regular_web') && (has(DEVICE_CODE) || has('device_code'))) {
    return { grant: has(DEVICE_CODE) ? DEVICE_CODE : 'device_code', hint: 'the device authorization flow is for native apps (TVs, consoles, CLIs): register the device app as native' };
  }
  return undefined;
}

const ref = (c: ClientData) => ({ type: 'client', id: c.client_id, name: c.name ?? c.client_id });

export default defineRule({
  id: 'app-type-set',
  title: 'Every application has an application type that fits its grants',
  topics: bothPlans('p1.authentication.application-integration'),
  severity: 'warning',
  checks: ['APP-04'],
  rationale:
    'The application type decides what Auth0 allows and defaults: whether the app is public or confidential, which grants and token endpoint authentication it may use, refresh-token rotation, and which Dashboard checks apply. An app with no type, or with a type that contradicts its grants (a "machine-to-machine" app doing browser logins, a SPA holding client_credentials), is usually a copy-paste or legacy registration whose security settings were never chosen on purpose.',
  remediation:
    'Dashboard → Applications → Applications → <app> → Settings → Application Properties → Application Type: choose Single Page Application, Native, Regular Web Application or Machine to Machine to match how the app really runs (split an app that does two jobs into two registrations); or PATCH /api/v2/clients/{client_id} with `app_type` ("spa", "native", "regular_web", "non_interactive") and the matching `grant_types`.',
  docs: 'https://auth0.com/docs/get-started/applications',
  needs: ['clients'],
  messages: {
    ok: 'Application {name} is {type} and its grants fit that type',
    other: 'Application {name} is a {type} integration',
    unset: 'Application {name} has no application type',
    mismatch: 'Application {name} is {type} but has the {grant} grant: {hint}',
  },
  failSummary: {
    unset: 'have no application type',
    mismatch: 'have a grant their application type should not have',
  },
  evaluate({ clients }) {
    const out: FindingDraft<'ok' | 'other' | 'unset' | 'mismatch'>[] = [];
    for (const c of clients) {
      if (c.global) continue;
      const resource = ref(c);
      const name = resource.name;
      const type = c.app_type;
      if (!type) {
        out.push({ status: 'fail', messageId: 'unset', data: { name }, resource, field: 'app_type', value: type ?? null });
        continue;
      }
      if (!INTERACTIVE.includes(type) && type !== 'non_interactive') {
        out.push({ status: 'pass', messageId: 'other', data: { name, type }, resource });
        continue;
      }
      const m = mismatch(type, c.grant_types ?? []);
      out.push(
        m
          ? { status: 'fail', messageId: 'mismatch', data: { name, type, grant: m.grant, hint: m.hint }, resource, field: 'app_type', value: type }
          : { status: 'pass', messageId: 'ok', data: { name, type }, resource },
      );
    }
    return out;
  },
});
