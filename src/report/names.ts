/** The report formats by name: a light module, so the CLI can list them without loading a reporter. */
export const REPORTER_NAMES = ['console', 'json', 'junit', 'sarif', 'markdown', 'html', 'csv'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];
