import { describe, expect, it } from 'vitest';
import { rules as registry } from '../../rules/index.js';
import { MARKDOWN_MAX_LENGTH, mdText, renderMarkdown } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/report/schema.js';
import { b2bReport, brandNewReport, HOSTILE_NAME, hostileReport, readyReport } from './golden/reports.js';

const count = (s: string, part: string) => s.split(part).length - 1;

/** A report far too large for a comment: thousands of failing topics and unread resources. */
function huge(base: AuditReport): AuditReport {
  const r: AuditReport = structuredClone(base);
  for (let i = 0; i < 3000; i++) {
    const id = `b2c.p1.operations.synthetic-${i}`;
    r.topics.push({ ...structuredClone(r.topics[0] as AuditReport['topics'][number]), id, title: `Synthetic topic ${i}`, status: 'fail', reasons: [`fails ${i}`], rules: [] });
    for (let j = 0; j < 12; j++) {
      r.findings.push({
        ruleId: 'custom-domain-ready',
        title: 'x',
        topicIds: [id],
        severity: 'blocker',
        status: 'fail',
        messageId: 'm',
        message: `Client ${'very-long-name-'.repeat(40)} ${i}/${j}`,
        resource: { type: 'client', id: `c${i}-${j}`, name: `App ${i}-${j}` },
      });
    }
  }
  for (let i = 0; i < 2000; i++) r.resources.push({ key: `extra${i}`, title: `Extra ${i}`, status: 'missing-scope', reason: 'the token lacks read:extra', scopes: ['read:extra'] });
  return r;
}

describe('markdown report', async () => {
  const report = await brandNewReport();
  const md = renderMarkdown(report);

  it('starts with a header line: tenant, plan, gate', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('## ❌ Auth0 readiness: acme-dev.us.auth0.com');
    expect(lines[2]).toMatch(/^\*\*❌ Gate failed — not ready for Phase 1 · Milestone 3: Go-Live/);
    expect(lines[4]).toBe('**Tenant** acme-dev.us.auth0.com (prod) · **Plan** b2c · **Gate** requires Phase 1 · Milestone 3: Go-Live, fails on blocker');
    expect(md).toContain('> required milestone Phase 1 · Milestone 3: Go-Live is not-satisfied');
  });

  it('opens with the fix-first list: each failing finding once, blockers of the required milestone first, then what to attest and what could not be checked', () => {
    const iFix = md.indexOf('### 🛠️ Fix first');
    expect(iFix).toBeGreaterThan(-1);
    expect(iFix).toBeLessThan(md.indexOf('### Milestones'));
    const items = md.slice(iFix).split('\n').filter((l) => /^\d+\. /.test(l));
    const fix = report.fixFirst;
    expect(items).toHaveLength(fix?.items.length ?? -1);
    expect(items[0]).toMatch(/^1\. ❌ blocker · \*\*blocks the target\*\*/);
    // Blockers of the target before anything else.
    const firstOther = items.findIndex((l) => !l.includes('blocks the target'));
    expect(items.slice(firstOther).some((l) => l.includes('blocks the target'))).toBe(false);
    expect(md).toMatch(/📝 \*\*Attest\*\*/);
    // Readable dates.
    expect(md).toContain('generated 22 November 2026, 12:00 UTC');
  });

  it('tables the milestones with status marks', () => {
    const rows = md.split('\n').filter((l) => /^\| (✅|⚠️|❌|❔) \|/.test(l));
    expect(rows).toHaveLength(report.milestones.length);
    report.milestones.forEach((m, i) => {
      const mark = { satisfied: '✅', 'satisfied-with-risks': '⚠️', 'not-satisfied': '❌', unknown: '❔' }[m.status];
      expect(rows[i]).toContain(`| ${mark} |`);
      expect(rows[i]).toContain(`\`${m.id}\``);
    });
  });

  it('lists failing, at-risk and unknown topics with their findings and remediation, each remediation once', () => {
    const iFail = md.indexOf('### ❌ Failing topics');
    const iRisk = md.indexOf('### ⚠️ Topics at risk');
    const iUnknown = md.indexOf('### ❔ Topics that could not be evaluated');
    expect(iFail).toBeGreaterThan(md.indexOf('### Milestones'));
    expect(iRisk).toBeGreaterThan(iFail);
    expect(iUnknown).toBeGreaterThan(iRisk);
    expect(md).toContain('- ❌ **Email provider** — Operations, Phase 1 (`b2c.p1.operations.email-provider`)');
    expect(md).toContain('  - ❌ blocker: No email provider is configured');
    const rule = registry.find((r) => r.id === 'email-templates-customized');
    if (!rule) throw new Error('missing rule');
    expect(count(md, rule.remediation)).toBe(1);
    expect(md).toContain('  - 🔧 `email-templates-customized`: see above');
    expect(md).toContain(`[Docs](${rule.docs})`);
    // Resource names of the findings.
    expect(md).toContain('email-template **reset\\_email**');
  });

  it('names required attestations and what could not be read', async () => {
    // The target's attestations are asked for once, in the fix-first list; the section names the others.
    expect(md).toMatch(/📝 \*\*Attest\*\* \(config attestations\):.*\(`prodcheck`\)/);
    expect(md.match(/prodcheck/g)?.length).toBeGreaterThan(0);
    const section = md.split('### 📝 ')[1]?.split('\n### ')[0] ?? '';
    expect(section).not.toContain('prodcheck');
    const hostile = renderMarkdown(await hostileReport());
    expect(hostile).toMatch(/### 🔒 Could not read \(\d+\)/);
    expect(hostile).toContain('- **Log streams** (`logStreams`): missing-scope — the token lacks read:log\\_streams (403 insufficient\\_scope) (scopes: `read:log_streams`)');
  });

  it('says so when there is nothing to fix', async () => {
    const ready = renderMarkdown(await readyReport());
    expect(ready.split('\n')[0]).toBe('## ✅ Auth0 readiness: acme-prod.us.auth0.com');
    expect(ready).not.toContain('### ❌ Failing topics');
  });

  it('escapes tenant data: no HTML, links, formatting or mentions', async () => {
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(mdText('[click](https://evil.example) *b* _i_ `c` | ~s~ &amp;')).toBe('\\[click\\](https://evil.example) \\*b\\* \\_i\\_ \\`c\\` \\| \\~s\\~ &amp;amp;');
    expect(mdText('ping @octocat\nnew line')).toBe('ping @\u200Boctocat new line');
    const hostile = renderMarkdown(await hostileReport());
    expect(hostile).not.toContain(HOSTILE_NAME);
    expect(hostile).toContain('\\<img src=x onerror=window.\\_\\_pwned=1\\>');
    expect(hostile).not.toContain('<script>');
  });

  it('stays within a GitHub comment, cutting sections with "… and N more"', () => {
    expect(MARKDOWN_MAX_LENGTH).toBeLessThanOrEqual(65_536);
    const big = huge(report);
    const out = renderMarkdown(big);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_MAX_LENGTH);
    expect(out).toMatch(/_… and \d+ more failing topics \(shortened to fit 65,000 characters\)\._/);
    // Later sections keep their heading and their own count, and the footer survives.
    expect(out).toMatch(/### 🔒 Could not read \(200\d\)/);
    expect(out).toMatch(/_… and \d+ more resources/);
    expect(out).toContain('<sub>auth0-readiness');
    // The cut is at an item boundary, and the milestone table is whole.
    expect(out.split('\n').filter((l) => /^\| (✅|⚠️|❌|❔) \|/.test(l))).toHaveLength(report.milestones.length);
    for (const max of [20_000, 8_000, 2_000]) expect(renderMarkdown(big, { maxLength: max }).length).toBeLessThanOrEqual(max);
  });

  it('matches the golden files', async () => {
    await expect(md).toMatchFileSnapshot('./golden/brand-new.md');
    await expect(renderMarkdown(await b2bReport())).toMatchFileSnapshot('./golden/b2b-organizations.md');
  });
});
