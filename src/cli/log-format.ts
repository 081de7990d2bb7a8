/** The log formats (a light module: the command tree offers them without loading pino). */
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
