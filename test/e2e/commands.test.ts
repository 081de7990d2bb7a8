/** The discovery commands of the built CLI: rules, explain. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { rules } from '../../rules/index.js';

const cli = (args: string[]) => runCli(args);

describe('rules and explain', () => {
  it('rules --format json lists every rule with topics, severity and scopes', async () => {
    const run = await cli(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { id: string; topics: string[]; severity: string; scopes: string[] }[];
    expect(list.map((r) => r.id).sort()).toEqual(rules.map((r) => r.id).sort());
    const ls = list.find((r) => r.id === 'log-stream-active');
    expect(ls).toMatchObject({ severity: 'blocker', scopes: ['read:log_streams'] });
    expect(ls?.topics).toContain('b2b.p1.operations.logging');
  });
  it('rules prints one line per rule', async () => {
    const run = await cli(['rules']);
    expect(run.stdout.trim().split('\n')).toHaveLength(rules.length);
  });
  it('explain prints rationale, remediation with the API call, docs and scopes', async () => {
    const run = await cli(['explain', 'email-provider-configured']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Why it matters');
    expect(run.stdout).toContain('/api/v2/emails/provider');
    expect(run.stdout).toContain('Dashboard →');
    expect(run.stdout).toContain('read:email_provider');
    expect(run.stdout).toContain('https://auth0.com/docs/');
  });
  it('explain of an unknown rule: exit 2 with a suggestion', async () => {
    const run = await cli(['explain', 'log-stream']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean');
  });
});

describe('command edges', () => {
  it('a mistyped command says so and suggests the nearest one', async () => {
    const run = await cli(['audti']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'audti' (did you mean audit?)");
    expect(run.stderr).not.toMatch(/too many arguments|\n\s+at /);
  });
  it('explain takes a catalog check id and lists the rules that implement it', async () => {
    const run = await cli(['explain', 'CD-01']);
    expect(run.code).toBe(0);
    const impl = rules.filter((r) => r.checks.includes('CD-01')).map((r) => r.id);
    expect(impl.length).toBeGreaterThan(0);
    for (const id of impl) expect(run.stdout).toContain(id);
    expect(run.stdout).toContain('Catalog check CD-01');
    const lower = await cli(['explain', 'ap-1']);
    expect(lower.code).toBe(0);
    expect(lower.stdout).toContain('Catalog check AP-01');
  });
  it('explain of a check id no rule implements: exit 2', async () => {
    const run = await cli(['explain', 'ZZ-99']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no rule implements catalog check ZZ-99');
  });
  it('catalog prints a legend for its markers', async () => {
    const run = await cli(['catalog']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Legend/);
    for (const m of ['◆', '▸', '•', 'ev A', 'ev W', 'ev M', 'ev X']) expect(run.stdout).toContain(m);
  });
});
