/** `catalog`, `rules` and `explain`: offline reference commands (no tenant, no SDK). */
import type { PlanId } from '../catalog/plans.js';
import { UsageError } from '../errors.js';
import { cliIo } from './io.js';

export async function runCatalog(flags: { plan: PlanId; format: 'text' | 'json' }): Promise<number> {
  const [{ loadCatalog }, { renderCatalog }] = await Promise.all([import('../catalog/index.js'), import('../report/catalog.js')]);
  const index = loadCatalog().plans[flags.plan];
  cliIo().stdout.write(flags.format === 'json' ? `${JSON.stringify(index.plan, null, 2)}\n` : renderCatalog(index));
  return 0;
}

/** The rule registry and its renderers, loaded only by the commands that need them. */
async function registry() {
  const [{ rules }, doc] = await Promise.all([import('../../rules/index.js'), import('../report/rules-doc.js')]);
  return { allRules: rules, ...doc };
}

export async function runRules(flags: { format: 'text' | 'json' }): Promise<number> {
  const { allRules, summarize, renderRulesText } = await registry();
  cliIo().stdout.write(flags.format === 'json' ? `${JSON.stringify(allRules.map(summarize), null, 2)}\n` : renderRulesText(allRules));
  return 0;
}

/** Catalog check ids look like CD-01, TEN-05, AP-1 (case-insensitive on input). */
const CHECK_ID = /^[a-z]{2,4}-\d{1,2}$/i;

/** `explain <rule-id>` or `explain <check-id>`: a rule in full, or the rules that implement a catalog check. */
export async function runExplain(id: string): Promise<number> {
  const { allRules, renderExplain } = await registry();
  const rule = allRules.find((r) => r.id === id);
  if (rule) {
    cliIo().stdout.write(renderExplain(rule));
    return 0;
  }
  if (CHECK_ID.test(id)) {
    const check = id.toUpperCase().replace(/-(\d)$/, '-0$1');
    const impl = allRules.filter((r) => r.checks.includes(check));
    if (!impl.length) throw new UsageError(`no rule implements catalog check ${check}; \`auth0-readiness rules\` lists the checks each rule covers`);
    const w = Math.max(...impl.map((r) => r.id.length));
    const head = `Catalog check ${check} is implemented by ${impl.length} rule${impl.length === 1 ? '' : 's'}:\n`;
    const lines = impl.map((r) => `  ${r.id.padEnd(w)}  ${r.title}`);
    const tail = impl.length === 1 ? `\n${renderExplain(impl[0] as (typeof impl)[number])}` : `\nRun \`auth0-readiness explain <rule-id>\` for one of them.\n`;
    cliIo().stdout.write(`${head}${lines.join('\n')}\n${tail}`);
    return 0;
  }
  const near = allRules.filter((r) => r.id.includes(id) || id.includes(r.id)).map((r) => r.id);
  throw new UsageError(`no rule ${id}${near.length ? `; did you mean ${near.slice(0, 5).join(', ')}?` : '; `auth0-readiness rules` lists them'}`);
}
