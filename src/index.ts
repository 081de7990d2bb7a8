/** The library API. */
export { audit, decideGate, resourcesFor, DEFAULT_SETTINGS, type AuditOptions, type SourceOptions } from './run.js';
export { AuditReportSchema, SCHEMA_VERSION, type AuditReport, type ReportFinding, type ReportTopic, type ReportMilestone } from './report/schema.js';
export { REPORTERS, type ReporterName } from './report/index.js';
export { computeFixFirst, fixFirstOf } from './report/fix-first.js';
export { parseReport, readReportFile, renderSaved, renderReportFile, type SavedReport } from './report/render-file.js';
export type { FixFirst, FixItem, ReportRule, SourceLocation } from './report/schema.js';
export { loadCatalog, resolveMilestone } from './catalog/index.js';
export { defineRule, type AnyRule, type FindingDraft, type RuleContext } from './engine/define-rule.js';
export { rules } from '../rules/index.js';
export { RESOURCES, type ResourceKey } from './snapshot/resources.js';
export type { Snapshot, ResourceResult } from './snapshot/snapshot.js';
export { UsageError, ConfigError, SourceError } from './errors.js';
export { readDeployCliExport, detectDeployCliExport, parseKeywordFlag, type DeployCliOptions } from './sources/deploy-cli/index.js';
export { readSnapshotFile, toSnapshotFile } from './snapshot/file.js';
export { loadConfig } from './config/load.js';
export { ConfigSchema, type Config } from './config/schema.js';
