#!/usr/bin/env node
/**
 * `npm run docs`: regenerate docs/rules.md and the generated blocks of README.md from rule
 * metadata (run after `npm run build`). `--check` exits 1 when they are stale instead.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { renderRulesDoc, renderScopesTable, replaceBlock } = await import(`${root}dist/src/report/rules-doc.js`);
const { rules } = await import(`${root}dist/rules/index.js`);
const { renderCliReference } = await import(`${root}dist/src/cli/reference.js`);
const { renderReachTable } = await import(`${root}dist/src/sources/deploy-cli/sections.js`);

const targets = [
  [`${root}docs/rules.md`, () => renderRulesDoc(rules)],
  [`${root}docs/cli.md`, () => renderCliReference()],
  [`${root}README.md`, (text) => replaceBlock(text, 'scopes', renderScopesTable(rules))],
  [`${root}docs/offline.md`, (text) => replaceBlock(text, 'reach', renderReachTable())],
];
const check = process.argv.includes('--check');
let stale = 0;
for (const [path, render] of targets) {
  let before = '';
  try { before = readFileSync(path, 'utf8'); } catch { /* new file */ }
  const after = render(before);
  if (after !== before) {
    stale++;
    if (check) console.error(`stale: ${path.slice(root.length)} (run npm run docs)`);
    else writeFileSync(path, after);
  }
}
if (check && stale) process.exit(1);
console.error(check ? 'docs are current' : `docs: ${stale} file(s) updated`);
