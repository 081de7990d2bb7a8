/**
 * `frameworks`: what ships (each framework, its profiles and their coverage), and
 * `frameworks show <profile|framework|file>`: a requirement → evidence table. Offline: no tenant.
 */
import { resolve } from 'node:path';
import { cliIo } from './io.js';
import { frameworkTitle } from '../report/frameworks.js';
import { automationOf, type LoadedFramework } from '../frameworks/load.js';
import type { Requirement } from '../frameworks/schema.js';

type Format = 'text' | 'json' | 'markdown';

async function load() {
  const [{ rules }, fw] = await Promise.all([import('../../rules/index.js'), import('../frameworks/load.js')]);
  return { rules, ...fw };
}

function coverage(reqs: readonly Requirement[], profileId?: string) {
  const n = (a: string) => reqs.filter((r) => automationOf(r, profileId) === a).length;
  return { requirements: reqs.length, automated: n('automated'), partial: n('partial'), manual: n('manual'), outOfScope: n('out-of-scope') };
}

export async function runFrameworksList(flags: { format: 'text' | 'json' }): Promise<number> {
  const { rules, shippedFrameworks, selectProfile } = await load();
  const list = shippedFrameworks(rules);
  const rows = list.map((fw) => ({
    id: fw.file.id,
    name: fw.file.name,
    version: fw.file.version,
    file: fw.shown,
    source: fw.file.source,
    profiles: fw.file.profiles.map((p) => ({ id: p.id, name: p.name, coverage: coverage(selectProfile(fw, p).requirements, p.id) })),
  }));
  if (flags.format === 'json') {
    cliIo().stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${frameworkTitle({ name: r.name, version: r.version })} (${r.id}) — ${r.file}`);
    for (const p of r.profiles) {
      const c = p.coverage;
      out.push(`  ${p.id.padEnd(28)} ${p.name}: ${c.requirements} requirements — ${c.automated} checked automatically, ${c.partial + c.manual} need an attestation (${c.partial} partly checked), ${c.outOfScope} out of scope`);
    }
  }
  out.push('', 'Judge one with: auth0-readiness audit … --framework <profile>; details: auth0-readiness frameworks show <profile>');
  cliIo().stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export async function runFrameworksShow(spec: string, flags: { format: Format }): Promise<number> {
  const { rules, resolveFramework, shippedFrameworks, loadFrameworkFile } = await load();
  let profileId: string | undefined;
  const cwd = cliIo().cwd;
  let fw: LoadedFramework;
  let reqs: Requirement[];
  let title: string;
  // A framework id (or a file without #profile) shows every requirement with the profiles it
  // belongs to; a profile only its own.
  const isPath = /[\\/]|\.(ya?ml|json)$/i.test(spec) && !spec.includes('#');
  const whole = isPath ? loadFrameworkFile(resolve(cwd, spec), spec, rules) : shippedFrameworks(rules).find((f) => f.file.id === spec);
  if (whole) {
    fw = whole;
    reqs = whole.file.requirements;
    title = frameworkTitle({ name: whole.file.name, version: whole.file.version });
  } else {
    const sel = resolveFramework(spec, { cwd, rules, label: `frameworks show ${spec}` });
    fw = sel.framework;
    reqs = sel.requirements;
    profileId = sel.profile.id;
    title = `${frameworkTitle({ name: fw.file.name, version: fw.file.version, profile: sel.profile })} (${sel.profile.id})`;
  }
  const profilesOf = (r: Requirement) => fw.file.profiles.filter((p) => (r.profiles ? r.profiles.includes(p.id) : p.level >= (r.level ?? Infinity))).map((p) => p.id);
  const evidence = (r: Requirement) => [
    ...(r.rules ?? []),
    ...(r.topics ?? []).map((t) => `topic ${t}`),
    ...(r.guardrails ?? [])
      .filter((g) => !profileId || !g.profiles || g.profiles.includes(profileId))
      .map((g) => `${'setting' in g ? `guardrail settings.${g.setting}` : 'rule' in g ? `guardrail ${g.rule}.${g.option}` : `guardrail check on ${g.check.resource}`}${!profileId && g.profiles ? ` (${g.profiles.join(', ')})` : ''}`),
  ];
  const rows = reqs.map((r) => ({
    id: r.id,
    ...(r.section ? { section: r.section } : {}),
    title: r.title,
    profiles: profilesOf(r),
    automation: automationOf(r, profileId),
    evidence: evidence(r),
    ...(r.manual ? { attestation: r.manual.attestation ?? `${fw.file.id}:${r.id}`, how: r.manual.how } : {}),
    ...(r.outOfScope !== undefined ? { outOfScope: r.outOfScope } : {}),
    ...(r.refs?.length ? { refs: [...r.refs] } : {}),
  }));
  const io = cliIo();
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify({ id: fw.file.id, ...(profileId ? { profile: profileId } : {}), name: fw.file.name, version: fw.file.version, file: fw.shown, source: fw.file.source, licence: fw.file.licence, coverage: coverage(reqs, profileId), requirements: rows }, null, 2)}\n`);
    return 0;
  }
  const c = coverage(reqs, profileId);
  const summary = `${c.requirements} requirements: ${c.automated} checked automatically, ${c.partial} partly (plus an attestation), ${c.manual} by attestation only, ${c.outOfScope} out of scope.`;
  if (flags.format === 'markdown') {
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
    const out = [`## ${cell(title)}`, '', `Source: ${cell(fw.file.source)}. ${summary}`, '', '| Requirement | What good looks like | Profiles | Judged by | Evidence / attestation |', '|---|---|---|---|---|'];
    for (const r of rows) {
      const how = r.automation === 'out-of-scope' ? `out of scope: ${r.outOfScope}` : [r.evidence.map((e) => `\`${e}\``).join(', '), r.attestation ? `attestation \`${r.attestation}\`` : ''].filter(Boolean).join('; ');
      out.push(`| ${cell(r.id)} | ${cell(r.title)} | ${r.profiles.join(', ')} | ${r.automation} | ${cell(how)} |`);
    }
    io.stdout.write(`${out.join('\n')}\n`);
    return 0;
  }
  const out = [title, `${fw.shown} · ${fw.file.source}`, summary, ''];
  // Column widths from the longest id (NIST's ids are long), so the columns stay aligned.
  const w = Math.max(10, ...rows.map((r) => r.id.length));
  const pad = `  ${''.padEnd(w)} ${''.padEnd(12)} `;
  let section: string | undefined;
  for (const r of rows) {
    if ((r.section ?? '') !== (section ?? '')) {
      section = r.section;
      out.push(section ?? '(no section)');
    }
    out.push(`  ${r.id.padEnd(w)} ${r.automation.padEnd(12)} ${r.title}`);
    if (r.evidence.length) out.push(`${pad}↳ ${r.evidence.join(', ')}`);
    if (r.attestation) out.push(`${pad}↳ attestation ${r.attestation}`);
    if (r.outOfScope !== undefined) out.push(`${pad}↳ ${r.outOfScope.length > 160 ? `${r.outOfScope.slice(0, 157)}…` : r.outOfScope}`);
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

