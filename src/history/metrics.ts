/**
 * `history metrics`: each tenant's latest run that read the tenant, as OpenMetrics text, for a
 * Prometheus textfile collector or a pushgateway.
 */
import { FINDING_STATUSES, SEVERITIES } from '../engine/status.js';
import type { RunRecord } from './record.js';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`).join(',')}}`;

export function metricsText(runs: readonly RunRecord[]): string {
  const latest = new Map<string, RunRecord>();
  const lastAttempt = new Map<string, RunRecord>();
  for (const r of runs) {
    lastAttempt.set(r.tenant.id, r);
    if (!r.failed && r.rollup) latest.set(r.tenant.id, r);
  }
  const out: string[] = [
    '# TYPE auth0_readiness_milestone_satisfied gauge',
    '# HELP auth0_readiness_milestone_satisfied 1 when the milestone is satisfied (with or without risks) in the latest run, else 0.',
  ];
  for (const [tenant, r] of latest) {
    for (const [milestone, status] of Object.entries(r.rollup?.milestones ?? {})) {
      out.push(`auth0_readiness_milestone_satisfied${labels({ tenant, milestone })} ${status === 'satisfied' || status === 'satisfied-with-risks' ? 1 : 0}`);
    }
  }
  out.push('# TYPE auth0_readiness_findings gauge', '# HELP auth0_readiness_findings Findings of the latest run by severity and status.');
  for (const [tenant, r] of latest) {
    for (const status of FINDING_STATUSES) {
      for (const severity of SEVERITIES) out.push(`auth0_readiness_findings${labels({ tenant, severity, status })} ${r.rollup?.findings[status]?.[severity] ?? 0}`);
    }
  }
  out.push('# TYPE auth0_readiness_last_run_timestamp_seconds gauge', '# HELP auth0_readiness_last_run_timestamp_seconds When the latest run that read the tenant ran.');
  for (const [tenant, r] of latest) out.push(`auth0_readiness_last_run_timestamp_seconds${labels({ tenant })} ${Math.floor(Date.parse(r.at) / 1000)}`);
  out.push('# TYPE auth0_readiness_last_run_failed gauge', '# HELP auth0_readiness_last_run_failed 1 when the latest attempt could not read the tenant (exit 2 or 3).');
  for (const [tenant, r] of lastAttempt) out.push(`auth0_readiness_last_run_failed${labels({ tenant })} ${r.failed ? 1 : 0}`);
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}
