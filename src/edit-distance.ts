/** Levenshtein distance, for "did you mean" hints on mistyped commands and options. */
export function editDistance(a: string, b: string, opts: { ignoreCase?: boolean } = {}): number {
  const same = opts.ignoreCase ? (x: string | undefined, y: string | undefined) => x?.toLowerCase() === y?.toLowerCase() : (x: string | undefined, y: string | undefined) => x === y;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (same(a[i - 1], b[j - 1]) ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}
