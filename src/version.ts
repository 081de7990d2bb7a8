/** The tool's name and version, read from package.json (works from src/ and dist/src/). */
import { readFileSync } from 'node:fs';

function find(): { name: string; version: string } {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'auth0-readiness' && typeof pkg.version === 'string') return { name: pkg.name, version: pkg.version };
    } catch {
      /* try the next location */
    }
  }
  return { name: 'auth0-readiness', version: '0.0.0' };
}

export const TOOL = find();
