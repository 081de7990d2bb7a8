/**
 * Rule options: what a rule that reads `ctx.options` accepts, declared in its meta as plain data
 * (no schema library: the registry stays light to load), and the check the config loader runs on
 * `rules: { <id>: { options } }`. An option the rule does not declare, or a value of the wrong
 * type, is a config error naming the rule and the option, never silently ignored.
 */

import { editDistance } from '../edit-distance.js';

export type RuleOptionSpec = { description: string } & (
  | { type: 'boolean' }
  | { type: 'number'; min?: number; max?: number; integer?: boolean }
  | { type: 'string'; values?: readonly string[] }
  | { type: 'string[]' }
);

export type RuleOptionsSchema = Readonly<Record<string, RuleOptionSpec>>;

function describeType(spec: RuleOptionSpec): string {
  switch (spec.type) {
    case 'boolean':
      return 'true or false';
    case 'number': {
      const range = [spec.min !== undefined ? `at least ${spec.min}` : '', spec.max !== undefined ? `at most ${spec.max}` : ''].filter(Boolean).join(' and ');
      return `${spec.integer ? 'an integer' : 'a number'}${range ? ` ${range}` : ''}`;
    }
    case 'string':
      return spec.values ? `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}` : 'a string';
    case 'string[]':
      return 'a list of strings';
  }
}

function valid(spec: RuleOptionSpec, v: unknown): boolean {
  switch (spec.type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (!spec.integer || Number.isInteger(v)) &&
        (spec.min === undefined || v >= spec.min) &&
        (spec.max === undefined || v <= spec.max)
      );
    case 'string':
      return typeof v === 'string' && (!spec.values || spec.values.includes(v));
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
  }
}

/**
 * Problems with the options given to one rule, each `rules.<id>.options.<name>: …` (empty when
 * they are valid). A rule without a schema takes no options.
 */
export function checkRuleOptions(rule: { id: string; options?: RuleOptionsSchema }, options: Readonly<Record<string, unknown>>): string[] {
  const schema = rule.options ?? {};
  const names = Object.keys(schema);
  const problems: string[] = [];
  for (const [name, value] of Object.entries(options)) {
    const at = `rules.${rule.id}.options.${name}`;
    const spec = schema[name];
    if (!spec) {
      const near = names.filter((n) => editDistance(name, n, { ignoreCase: true }) <= Math.max(2, Math.floor(n.length / 4)));
      problems.push(
        names.length === 0
          ? `${at}: rule ${rule.id} takes no options`
          : `${at}: rule ${rule.id} has no option ${name}${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}; its options: ${names.join(', ')}`,
      );
    } else if (!valid(spec, value)) {
      problems.push(`${at}: expected ${describeType(spec)}, got ${JSON.stringify(value)}`);
    }
  }
  return problems;
}
