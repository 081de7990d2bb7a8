/**
 * Reasons are data in the report (an id and its values: src/report/schema.ts GateReason, a topic's
 * `dependsOn`); they are worded here, once, for every renderer. `titleOf` turns catalog ids into
 * titles for people; without it ids are kept (the wording stored in the report's `reasons`).
 */
import type { GateReason, Reliance, ReportMilestone } from './schema.js';

export interface UnreadResource {
  key: string;
  title: string;
  reason: string;
  scopes: string[];
  detail: string;
}

type TitleOf = (id: string) => string;
const same: TitleOf = (id) => id;

function whyUnread(u: UnreadResource): string {
  switch (u.reason) {
    case 'missing-scope':
      return `${u.key}: grant ${u.scopes.join(' or ') || 'its read scope'}`;
    case 'unavailable-on-plan':
      return `${u.key}: not available on this tenant's plan`;
    case 'not-in-export':
      return `${u.key}: not in the export`;
    case 'out-of-reach':
      return `${u.key}: never in this kind of source (needs a live audit)`;
    default:
      return `${u.key}: ${u.detail.length > 80 ? `${u.detail.slice(0, 77)}…` : u.detail}`;
  }
}

/** A catalog id inside a sentence from the engine (`b2c.p1.x fails`) → its title. */
export function titlesIn(text: string, titleOf: TitleOf): string {
  return text.replace(/\b(?:b2c|b2b)\.p\d+\.[a-z0-9.-]+[a-z0-9]/g, (id) => titleOf(id));
}

/** One gate reason in words. */
export function gateReasonText(d: GateReason, titleOf: TitleOf = same): string {
  switch (d.id) {
    case 'read-nothing':
      return `read none of the ${d.resources} resources the audit needs: an audit that read nothing never passes`;
    case 'milestone-missing':
      return `required milestone ${d.milestone} is not in the report`;
    case 'milestone-not-satisfied':
      return `required milestone ${titleOf(d.milestone)} is ${d.status}${d.why ? `: ${titlesIn(d.why, titleOf)}` : ''}`;
    case 'failing-findings':
      return `${d.count} failing finding(s) at ${d.failOn} or above`;
    case 'unread-resources': {
      const u = d.resources;
      const scopes = [...new Set(u.filter((x) => x.reason === 'missing-scope').flatMap((x) => x.scopes.slice(0, 1)))];
      const has = (reason: string) => u.some((x) => x.reason === reason);
      const fixes = [
        ...(scopes.length ? [`grant ${scopes.join(', ')} to the auditing application`] : []),
        ...(has('not-in-export') ? ['export those sections (or audit the live tenant)'] : []),
        ...(has('unavailable-on-plan') ? ['take the topics of a feature this tenant does not have out of scope (config outOfScope)'] : []),
        ...(has('error') ? ['retry (the errors are listed under "Not read")'] : []),
      ];
      return `${u.length} resource(s) that ${d.failOn}-level checks need could not be read (${u.map(whyUnread).join('; ')}): ${fixes.join('; ')}; or accept the unknowns with --allow-unknown`;
    }
    case 'unjudged-checks': {
      const shown = d.checks.map((c) => `${c.ruleId}: ${c.message.length > 100 ? `${c.message.slice(0, 97)}…` : c.message}`);
      return `${d.count} ${d.failOn}-level check(s) could not be judged (${shown.join('; ')}${d.count > d.checks.length ? '; …' : ''}): a failure there would fail the gate; accept the unknowns with --allow-unknown`;
    }
    case 'regressions':
      return `${d.count} regression(s) since the baseline: ${d.lines.slice(0, 5).join('; ')}${d.count > 5 ? '; …' : ''}`;
    case 'framework-not-met': {
      const list = (ids: readonly string[]) => `${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}`;
      const parts = [d.failing.length ? `${d.failing.length} automated requirement(s) fail (${list(d.failing)})` : '', d.unknown.length ? `${d.unknown.length} could not be judged (${list(d.unknown)}; accept with --allow-unknown)` : '']
        .filter(Boolean)
        .join(' and ');
      return `required framework profile ${d.framework}: ${parts}`;
    }
    case 'framework-missing':
      return `required framework profile ${d.framework} was not judged: add --framework ${d.framework}`;
    case 'tenant-failed':
      return `${d.tenant}: ${titlesIn(d.reason, titleOf)}`;
    case 'tenant-unread':
      return `${d.tenant}: could not be read (${d.error})`;
  }
}

/** A topic's prerequisite that holds it back, in words. */
export function dependsOnText(d: { topic: string; status: 'fail' | 'unknown' }, titleOf: TitleOf = same): string {
  return `depends on ${titleOf(d.topic)}, which ${d.status === 'fail' ? 'fails' : 'could not be evaluated'}`;
}

/** Why a milestone is not satisfied (one of its `details`), in words. */
export function milestoneReasonText(d: NonNullable<ReportMilestone['details']>[number], titleOf: TitleOf = same): string {
  switch (d.id) {
    case 'topic-fails':
      return `${titleOf(d.topic)} fails`;
    case 'topic-unattested':
      return `${titleOf(d.topic)} is required and not attested`;
    case 'topic-at-risk':
      return `${titleOf(d.topic)} is at risk`;
    case 'topic-unknown':
      return `${titleOf(d.topic)} could not be evaluated${d.worstCase === 'at-risk' ? ' (at worst at risk)' : ''}`;
    case 'attestation':
      if (!d.detail) return `attestation ${d.attestation} is ${d.state.replace(/-/g, ' ')}`;
      return d.state === 'in-progress' ? `attestation ${d.attestation} is ${d.detail}` : `${d.attestation}: ${d.detail}`;
    case 'cannot-change':
      return `not fully evaluated, cannot change this status: ${d.topics.map(titleOf).join(', ')}`;
  }
}

/** One item of "This result relies on", in words (`titles: false` for ids only). */
export function reliesOnText(r: Reliance): { label: string; text: string } {
  switch (r.kind) {
    case 'rule-off':
      return { label: 'Rule turned off', text: `${r.title ?? r.ruleId} (${r.ruleId}): its checks did not run` };
    case 'rule-severity':
      return { label: 'Severity changed', text: `${r.title ?? r.ruleId} (${r.ruleId}): ${r.from} → ${r.to}` };
    case 'waiver':
      return {
        label: r.state === 'expired' ? 'Waiver (expired)' : 'Waiver',
        text: `${r.ruleId}${r.resource ? ` on ${r.resource}` : ''}: ${r.reason} (owner ${r.owner ?? 'not named'}, expires ${r.expires}, ${r.matched} finding(s))`,
      };
    case 'attestation':
      return {
        label: r.state === 'current' ? 'Attestation' : `Attestation (${r.state.replace(/-/g, ' ')})`,
        text: `${r.title}${r.title !== r.id ? ` (${r.id})` : ''}: ${r.owner}, ${r.date}${r.evidence ? `, evidence ${r.evidence}` : ', no evidence'}`,
      };
    case 'allow-unknown':
      return { label: 'Unknowns accepted (--allow-unknown)', text: `${r.checks} check(s) that could not be judged did not fail the gate${r.resources.length ? ` (not read: ${r.resources.join(', ')})` : ''}` };
    case 'outside-reach':
      return { label: 'Outside the source\'s reach', text: `${r.title ?? r.ruleId} (${r.ruleId})${r.why ? `: ${r.why.replace(/:?\s*needs a live audit\.?$/, '')}` : ''}: needs a live audit` };
    case 'note':
      return { label: r.label, text: r.text };
  }
}
