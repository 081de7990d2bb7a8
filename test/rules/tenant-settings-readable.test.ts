import rule from '../../rules/tenant-settings-readable.js';
import { ruleTester } from '../support/rule-tester.js';
import { tenant } from '../support/tenant.js';

ruleTester(rule, {
  valid: [{ name: 'settings read', tenant: tenant() }],
  invalid: [],
});
