/** `policies test <file…>` and `policies list`: organisation policies (docs/policies.md). */
import { rules as allRules } from '../../rules/index.js';
import { loadConfigAndPolicies } from '../policies/config.js';
import { loadPolicies } from '../policies/load.js';
import { formatTestResults, runPolicyTests } from '../policies/test.js';
import { cliIo } from './io.js';

/** Exit 0 when every inline test passes, 1 when one fails (2: a file that does not load). */
export function runPoliciesTest(files: readonly string[]): number {
  const { cwd, stdout } = cliIo();
  const policies = loadPolicies(
    files.map((path) => ({ path, base: cwd })),
    cwd,
    new Set(allRules.map((r) => r.id)),
  );
  const results = runPolicyTests(policies);
  stdout.write(formatTestResults(policies, results));
  return results.every((r) => r.passed) ? 0 : 1;
}

export function runPoliciesList(flags: { policy: string[]; config?: string; format: 'text' | 'json' }): number {
  const { cwd, stdout } = cliIo();
  const { policies } = loadConfigAndPolicies(flags.config, cwd, allRules, flags.policy);
  const rows = policies.map(({ rule, tests }) => ({
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    resource: rule.resource,
    topics: [...rule.topics],
    source: `${rule.origin.file}${rule.origin.line ? `:${rule.origin.line}` : ''}`,
    tests: tests.length,
  }));
  if (flags.format === 'json') {
    stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (!rows.length) {
    stdout.write('No organisation policies: name policy files in the config (policies:) or with --policy.\n');
    return 0;
  }
  // Aligned columns: id, severity, resource, where it counts, tests, where it is defined.
  const cells = rows.map((r) => [r.id, r.severity, r.resource, r.topics.length ? r.topics.join(', ') : 'Organisation policy section', `${r.tests} test${r.tests === 1 ? '' : 's'}`, r.source]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...cells.map((c) => c[i]!.length)));
  for (const c of cells) stdout.write(`${c.map((v, i) => (i < 5 ? v.padEnd(widths[i]!) : v)).join('  ')}\n`);
  return 0;
}
