import { expect, it } from 'vitest';
import rule from '../../rules/organization-branding.js';
import { evaluateRule } from '../../src/engine/evaluate.js';
import { DEFAULT_SETTINGS } from '../../src/run.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

const branded = (id: string) => ({ id, name: id, branding: { logo_url: `https://cdn.globex.example/${id}.svg`, colors: { primary: '#2D6A4F', page_background: '#FFFFFF' } } });

ruleTester(rule, {
  valid: [
    { name: 'no organizations (baseline)', tenant: tenant() },
    { name: 'every organization branded', tenant: tenant((t) => { t.organizations = [branded('initech'), branded('hooli')]; }) },
    { name: 'no organization branded: per-organization branding not used', tenant: tenant((t) => { t.organizations = [{ id: 'o1', name: 'initech' }, { id: 'o2', name: 'hooli' }]; }) },
  ],
  invalid: [
    {
      name: 'one organization left unbranded',
      tenant: tenant((t) => { t.organizations = [branded('initech'), { id: 'vandelay', name: 'vandelay' }]; }),
      findings: [{ status: 'fail', messageId: 'unbranded', severity: 'advice', resource: 'vandelay', field: 'branding.logo_url' }, { status: 'pass', resource: 'initech' }],
    },
    {
      name: 'a logo but no colours',
      tenant: tenant((t) => { t.organizations = [branded('initech'), { id: 'hooli', name: 'hooli', branding: { logo_url: 'https://cdn.globex.example/hooli.svg' } }]; }),
      findings: [{ status: 'fail', messageId: 'unbranded', resource: 'hooli', field: 'branding.colors.primary' }],
    },
  ],
});

it('checks every organization when the perOrgBranding option says branding is wanted', () => {
  const fs = evaluateRule(rule, tenant((t) => { t.organizations = [{ id: 'o1', name: 'initech' }]; }), {
    ctx: { now: new Date('2026-11-22T00:00:00Z'), env: 'prod', plan: 'b2b', settings: DEFAULT_SETTINGS },
    ruleSettings: { 'organization-branding': { options: { perOrgBranding: true } } },
  });
  expect(fs).toMatchObject([{ status: 'fail', resource: { id: 'o1' }, field: 'branding.logo_url' }]);
});
