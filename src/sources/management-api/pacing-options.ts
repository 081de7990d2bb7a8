/**
 * `--rate-reserve <percent>` and `--max-rps <n>` (also `rateReserve` / `maxRps` in the config
 * file): how much of the tenant's Management API rate limit an audit may use. docs/pacing.md.
 */
import type { Config } from '../../config/schema.js';
import { UsageError } from '../../errors.js';

export interface PacingOptions {
  /** Share of the rate-limit bucket never spent, percent (default 20). */
  reservePercent?: number;
  /** Requests started per second, at most. */
  maxRps?: number;
}

export interface PacingFlags {
  rateReserve?: string;
  maxRps?: string;
}

/** Validate the flags (strings from the command line or numbers from the config file). */
export function pacingOptions(flags: PacingFlags): PacingOptions {
  const out: PacingOptions = {};
  if (flags.rateReserve !== undefined) {
    const v = Number(String(flags.rateReserve).replace(/%$/, ''));
    if (String(flags.rateReserve).trim() === '' || !Number.isFinite(v) || v < 0 || v > 90) {
      throw new UsageError(`--rate-reserve ${JSON.stringify(flags.rateReserve)}: give a percentage of the rate-limit bucket from 0 to 90 (default 20; 0 for a dev tenant)`);
    }
    out.reservePercent = v;
  }
  if (flags.maxRps !== undefined) {
    const v = Number(flags.maxRps);
    if (String(flags.maxRps).trim() === '' || !Number.isFinite(v) || v <= 0 || v > 1000) {
      throw new UsageError(`--max-rps ${JSON.stringify(flags.maxRps)}: give a number of requests per second greater than 0 (at most 1000)`);
    }
    out.maxRps = v;
  }
  return out;
}

/** The config file's `rateReserve` / `maxRps` as flags, unless given on the command line. */
export function pacingFlagsFromConfig(flags: PacingFlags, config: Pick<Config, 'rateReserve' | 'maxRps'>, given: (name: string) => boolean): PacingFlags {
  const out: PacingFlags = {};
  const reserve = given('rateReserve') || config.rateReserve === undefined ? flags.rateReserve : String(config.rateReserve);
  const max = given('maxRps') || config.maxRps === undefined ? flags.maxRps : String(config.maxRps);
  if (reserve !== undefined) out.rateReserve = reserve;
  if (max !== undefined) out.maxRps = max;
  return out;
}
