/** The package's root folder (where package.json is), for the data files it ships (frameworks/, the policy-test baseline). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  // Built: dist/src/package-root.js, two levels below the root; run from source (tests): src/package-root.ts, one.
  for (const up of ['../../', '../']) {
    const root = new URL(up, import.meta.url);
    if (existsSync(fileURLToPath(new URL('package.json', root)))) return (cached = fileURLToPath(root));
  }
  return (cached = fileURLToPath(new URL('../../', import.meta.url)));
}
