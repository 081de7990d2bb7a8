/**
 * How many events a log search matched, as far as it is known. The Management API's log search
 * (v3) gives no total (`include_totals` is deprecated and not sent): the collector records the
 * events on the first page (`count`) and whether that page was full (`more`), never a total
 * derived from a page length. A `total` is used where a source knew it exactly (snapshots saved
 * by earlier versions).
 */
export interface LogSearchLike {
  total?: number | undefined;
  count?: number | undefined;
  more?: boolean | undefined;
  sample: unknown[];
}

export interface LogMatches {
  /** No event matched. */
  none: boolean;
  /** The events seen (a lower bound when `more`). */
  seen: number;
  /** For messages: "3", or "at least 10" when the first page was full. */
  text: string;
}

export function logMatches(s: LogSearchLike): LogMatches {
  if (typeof s.total === 'number') return { none: s.total === 0, seen: s.total, text: String(s.total) };
  const seen = s.count ?? s.sample.length;
  return { none: seen === 0 && s.more !== true, seen, text: s.more ? `at least ${seen}` : String(seen) };
}
