/**
 * docs/cli.md: every command and flag, generated from the command tree itself (`npm run docs`),
 * so the reference cannot drift from `--help`.
 */
import type { Command } from 'commander';
import { buildProgram } from './program.js';

const WIDTH = 100;

function helpOf(cmd: Command): string {
  cmd.configureHelp({ helpWidth: WIDTH });
  return cmd.helpInformation().trimEnd();
}

export function renderCliReference(): string {
  const program = buildProgram(() => undefined);
  program.configureHelp({ helpWidth: WIDTH });
  const out = [
    '# Command-line reference',
    '',
    '<!-- Generated from the command tree by `npm run docs`; test/docs.test.ts fails when it is stale. -->',
    '',
    'Every command, flag and default, as `--help` prints them. The README covers the common cases;',
    'exit codes, statuses and the report are described in [statuses.md](statuses.md) and [reports.md](reports.md).',
    '',
    '```text',
    helpOf(program),
    '```',
  ];
  for (const cmd of program.commands) {
    out.push('', `## \`${cmd.name()}\``, '', '```text', helpOf(cmd), '```');
    // Subcommands (`history add`, …), each with its own flags.
    for (const sub of cmd.commands) out.push('', `### \`${cmd.name()} ${sub.name()}\``, '', '```text', helpOf(sub), '```');
  }
  return `${out.join('\n')}\n`;
}
