import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import type { AuditReport } from '../../src/report/schema.js';
import { b2bReport, brandNewReport, HOSTILE_DOMAIN, HOSTILE_NAME, hostileReport, readyReport } from './golden/reports.js';

/** Attributes, as fast-xml-parser names them (`@_name`). */
type Attrs = { [attribute: `@_${string}`]: string | undefined };
interface Outcome {
  '@_message'?: string;
  '@_type'?: string;
  '#text'?: string;
}
interface TestCase extends Attrs {
  failure?: Outcome[];
  error?: Outcome[];
  skipped?: Outcome[];
  'system-out'?: string[];
  'system-err'?: string[];
}
interface TestSuite extends Attrs {
  properties?: { property: Attrs[] }[];
  testcase?: TestCase[];
  'system-out'?: string[];
}
interface Doc {
  testsuites: Attrs & { testsuite?: TestSuite[] };
}

const ARRAYS = new Set(['testsuite', 'testcase', 'property', 'properties', 'failure', 'error', 'skipped', 'system-out', 'system-err']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // Decode numeric character references (&#10; in attributes) as every XML parser must.
  htmlEntities: true,
  isArray: (name) => ARRAYS.has(name),
});

function parse(xml: string): Doc {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(xml) as Doc;
}

const int = (s: string | undefined): number => {
  expect(s, 'a count attribute').toMatch(/^\d+$/);
  return Number(s);
};

/**
 * The common JUnit schema (Ant/Surefire/Jenkins junit.xsd) as checks: testsuites > testsuite >
 * (properties?, testcase*, system-out?, system-err?); a testcase has name and classname and at
 * most one of failure | error | skipped; tests/failures/errors/skipped are non-negative integers
 * that count the test cases and add up, per suite and in total.
 */
function checkStructure(xml: string): Doc {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const doc = parse(xml);
  const root = doc.testsuites;
  expect(root, 'root element <testsuites>').toBeDefined();
  const suites = root.testsuite ?? [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const s of suites) {
    expect(s['@_name']).toBeTruthy();
    for (const k of Object.keys(s)) expect(['properties', 'testcase', 'system-out', 'system-err'].includes(k) || k.startsWith('@_'), `unexpected <${k}> in <testsuite>`).toBe(true);
    expect((s.properties ?? []).length).toBeLessThanOrEqual(1);
    for (const p of s.properties?.[0]?.property ?? []) {
      expect(p['@_name']).toBeTruthy();
      expect(p['@_value']).toBeDefined();
    }
    const cases = s.testcase ?? [];
    const c = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
    for (const tc of cases) {
      expect(tc['@_name']).toBeTruthy();
      expect(tc['@_classname']).toBeTruthy();
      expect(tc['@_time']).toMatch(/^\d+(\.\d+)?$/);
      for (const k of Object.keys(tc)) expect(['failure', 'error', 'skipped', 'system-out', 'system-err'].includes(k) || k.startsWith('@_'), `unexpected <${k}> in <testcase>`).toBe(true);
      const outcomes = (['failure', 'error', 'skipped'] as const).filter((k) => tc[k]);
      expect(outcomes.length, `one outcome at most for ${tc['@_name']}`).toBeLessThanOrEqual(1);
      for (const k of outcomes) expect(tc[k]).toHaveLength(1);
      if (tc.failure) c.failures++;
      if (tc.error) c.errors++;
      if (tc.skipped) c.skipped++;
    }
    expect(int(s['@_tests'])).toBe(c.tests);
    expect(int(s['@_failures'])).toBe(c.failures);
    expect(int(s['@_errors'])).toBe(c.errors);
    expect(int(s['@_skipped'])).toBe(c.skipped);
    expect(c.failures + c.errors + c.skipped).toBeLessThanOrEqual(c.tests);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
  }
  expect(int(root['@_tests'])).toBe(total.tests);
  expect(int(root['@_failures'])).toBe(total.failures);
  expect(int(root['@_errors'])).toBe(total.errors);
  expect(int(root['@_skipped'])).toBe(total.skipped);
  return doc;
}

function caseOf(doc: Doc, topicId: string): TestCase {
  const tc = (doc.testsuites.testsuite ?? []).flatMap((s) => s.testcase ?? []).find((x) => x['@_name']?.startsWith(`${topicId}: `));
  if (!tc) throw new Error(`no test case for ${topicId}`);
  return tc;
}

function topicWith(report: AuditReport, pred: (t: AuditReport['topics'][number]) => boolean): AuditReport['topics'][number] {
  const t = report.topics.find(pred);
  if (!t) throw new Error('no such topic in the report');
  return t;
}

describe('junit report', async () => {
  const brandNew = await brandNewReport();
  const xml = renderJunit(brandNew);
  const doc = checkStructure(xml);

  it('is a <testsuites> with a suite per milestone, each topic once (in the milestone its workstream closes), and a summary suite', () => {
    const suites = doc.testsuites.testsuite ?? [];
    expect(suites).toHaveLength(brandNew.milestones.length + 1);
    // Each topic is one test case, whatever the number of (cumulative) milestones it counts towards.
    const names = suites.slice(0, -1).flatMap((s) => (s.testcase ?? []).map((tc) => tc['@_name']?.split(': ')[0]));
    expect([...names].sort()).toEqual(brandNew.topics.map((t) => t.id).sort());
    expect(int(doc.testsuites['@_tests'])).toBe(brandNew.topics.length + brandNew.milestones.length);
    const closes = new Map(brandNew.workstreams.map((w) => [w.id, w.milestone]));
    brandNew.milestones.forEach((m, i) => {
      const s = suites[i];
      expect(s?.['@_name']).toBe(`${m.id}: ${m.title}`);
      for (const tc of s?.testcase ?? []) expect(closes.get(tc['@_classname'] ?? '')).toBe(m.id);
      const props = Object.fromEntries((s?.properties?.[0]?.property ?? []).map((p) => [p['@_name'], p['@_value']]));
      expect(props['milestone.status']).toBe(m.status);
      expect(props['plan']).toBe('b2c');
      expect(props['gate.passed']).toBe('false');
    });
    // The summary suite never fails; it lists each milestone's topics (milestones are cumulative).
    const summary = suites[suites.length - 1];
    expect(summary?.['@_failures']).toBe('0');
    expect(summary?.['@_errors']).toBe('0');
    const sprops = Object.fromEntries((summary?.properties?.[0]?.property ?? []).map((p) => [p['@_name'], p['@_value']]));
    const go = brandNew.milestones.find((m) => m.id === 'b2c.p1.m3-go-live');
    expect(sprops['b2c.p1.m3-go-live.status']).toBe(go?.status);
    expect(sprops['b2c.p1.m3-go-live.topics']).toBe(go?.topics.join(' '));
    // Failures count failing topics once: no more failures than topics that fail or lack a required attestation.
    const failingTopics = brandNew.topics.filter((t) => t.status === 'fail' || (t.status === 'unverified' && t.required)).length;
    expect(int(doc.testsuites['@_failures'])).toBe(failingTopics);
    const tc = caseOf(doc, 'b2c.p1.architecture.custom-domains');
    expect(tc['@_classname']).toBe('b2c.p1.architecture');
    expect(tc['@_name']).toBe('b2c.p1.architecture.custom-domains: Custom domains');
  });

  it('maps each topic status to a JUnit outcome', () => {
    // fail → <failure> with the deciding findings
    const failing = caseOf(doc, 'b2c.p1.operations.email-provider');
    expect(failing.failure?.[0]?.['@_type']).toBe('fail');
    expect(failing.failure?.[0]?.['#text']).toContain('[blocker] email-provider-configured: No email provider is configured');
    // a failure through a dependency names it
    expect(caseOf(doc, 'b2c.p1.branding.email-templates').failure?.[0]?.['#text']).toContain('depends on b2c.p1.operations.email-provider, which fails');
    // n/a → <skipped> with the reason
    const na = topicWith(brandNew, (t) => t.status === 'n/a');
    expect(caseOf(doc, na.id).skipped?.[0]?.['@_message']).toBe(na.reasons[0]);
    // unknown → <error>
    const unknown = topicWith(brandNew, (t) => t.status === 'unknown');
    expect(caseOf(doc, unknown.id).error?.[0]?.['@_type']).toBe('unknown');
    // unverified → <skipped message="needs an attestation">, or <failure> when required
    const optional = topicWith(brandNew, (t) => t.status === 'unverified' && !t.required);
    expect(caseOf(doc, optional.id).skipped?.[0]?.['@_message']).toBe('needs an attestation');
    const required = topicWith(brandNew, (t) => t.status === 'unverified' && t.required);
    expect(caseOf(doc, required.id).failure?.[0]?.['@_type']).toBe('unverified');
    // at-risk → passes, the warnings in <system-out>
    const risky = caseOf(doc, 'b2c.p1.branding.error-page');
    expect(risky.failure ?? risky.error ?? risky.skipped).toBeUndefined();
    expect(risky['system-out']?.[0]).toContain('passes with risks');
    expect(risky['system-out']?.[0]).toContain('[warning] error-page-custom: No custom error page');
    // pass → a plain passing case
    const pass = topicWith(brandNew, (t) => t.status === 'pass');
    const p = caseOf(doc, pass.id);
    expect(p.failure ?? p.error ?? p.skipped).toBeUndefined();
  });

  it('says why an unknown topic is unknown: the resource it could not read', async () => {
    const d = checkStructure(renderJunit(await hostileReport()));
    const err = caseOf(d, 'b2c.p1.operations.logging').error?.[0];
    expect(err?.['#text']).toContain('not read: logStreams (missing-scope)');
    expect(err?.['#text']).toContain('read:log_streams');
  });

  it('escapes tenant data: hostile names round-trip through a real XML parser', async () => {
    const hostile = await hostileReport();
    const out = renderJunit(hostile);
    expect(out).not.toContain(HOSTILE_NAME);
    expect(out).not.toContain('<script>');
    const d = checkStructure(out);
    expect(d.testsuites.testsuite?.[0]?.['@_hostname']).toBe(HOSTILE_DOMAIN);
    const dbFailure = (d.testsuites.testsuite ?? []).flatMap((s) => s.testcase ?? []).flatMap((tc) => [...(tc.failure ?? []), ...(tc['system-out'] ?? []).map((x) => ({ '#text': x }))]);
    expect(dbFailure.some((f) => f['#text']?.includes(`(${HOSTILE_NAME})`))).toBe(true);
  });

  it('stays well-formed with characters XML forbids and quotes in attributes', () => {
    const evil: AuditReport = structuredClone(brandNew);
    const t = evil.topics.find((x) => x.status === 'fail');
    if (!t) throw new Error('no failing topic');
    t.title = 'bell\u0007 "quoted" \'single\' & <tag> ]]> \uD800 end';
    t.reasons = ['line one\nline two\ttab --> -- comment', ...t.reasons];
    evil.gate.reasons = ['x -- y -'];
    const d = checkStructure(renderJunit(evil));
    const tc = caseOf(d, t.id);
    expect(tc['@_name']).toBe(`${t.id}: bell\uFFFD "quoted" 'single' & <tag> ]]> \uFFFD end`);
    expect(tc.failure?.[0]?.['@_message']).toBe('line one\nline two\ttab --> -- comment');
  });

  it('counts add up for every fixture', async () => {
    for (const r of [await readyReport(), await b2bReport()]) {
      const d = checkStructure(renderJunit(r));
      expect(d.testsuites.testsuite).toHaveLength(r.milestones.length + 1);
      expect(int(d.testsuites['@_tests'])).toBe(r.topics.length + r.milestones.length);
    }
  });

  it('matches the golden file', async () => {
    await expect(xml).toMatchFileSnapshot('./golden/brand-new.junit.xml');
    await expect(renderJunit(await b2bReport())).toMatchFileSnapshot('./golden/b2b-organizations.junit.xml');
  });
});
