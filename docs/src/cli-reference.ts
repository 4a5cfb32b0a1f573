import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import ts from 'typescript';
import { buildProgram } from '../../cli/src/program.ts';
import { repoRoot } from './paths.ts';

/**
 * The CLI reference page, generated from the commander program the `ddb-lock` bin runs
 * (`cli/src/program.ts`) and the exit codes from `cli/src/exit-codes.ts` with their TSDoc, so the
 * page cannot drift from the program: every command, argument, option (with its default) and the
 * help text the command prints.
 *
 * @example
 * ```ts
 * writeFileSync('cli.md', cliReference());
 * ```
 */
export function cliReference(): string {
  const { program } = buildProgram();
  const lines = [
    '---',
    'title: CLI reference',
    'group: Reference',
    '---',
    '# CLI reference: `ddb-lock`',
    '',
    `${program.description()}`,
    '',
    'Generated from the program itself (`cli/src/program.ts`); `ddb-lock --help` and `ddb-lock <command> --help` print the same.',
    'How to use it day to day: [Operating locks with the CLI](../../guides/cli.md).',
    '',
    '## Global options',
    '',
    ...optionTable(program),
    '',
  ];
  for (const cmd of program.commands) {
    const args = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}]`));
    lines.push(
      `## ${cmd.name()}`,
      '',
      cmd.description(),
      '',
      '```sh',
      `ddb-lock [global options] ${cmd.name()} ${args.join(' ')}`.trim(),
      '```',
      '',
    );
    if (cmd.registeredArguments.length > 0) {
      lines.push('| argument | meaning |', '|---|---|');
      for (const a of cmd.registeredArguments) lines.push(`| \`${a.name()}\`${a.required ? '' : ' (optional)'} | ${cell(a.description)} |`);
      lines.push('');
    }
    lines.push(
      ...optionTable(cmd),
      '',
      '<details><summary>Full <code>--help</code> output</summary>',
      '',
      '```text',
      helpText(cmd),
      '```',
      '',
      '</details>',
      '',
    );
  }
  lines.push('## Exit codes', '', 'Stable: scripts and cron wrappers branch on them.', '', '| code | name | meaning |', '|---|---|---|');
  for (const { code, name, doc } of exitCodes()) lines.push(`| ${code} | \`${name}\` | ${cell(doc)} |`);
  lines.push("| *n* | | `run`: the command's own exit code; 128 + N when signal N ended it (130 for SIGINT) |", '');
  return `${lines.join('\n')}\n`;
}

function optionTable(cmd: Command): string[] {
  const rows = ['| option | default | meaning |', '|---|---|---|'];
  for (const o of cmd.options) {
    const def = o.defaultValueDescription ?? (o.defaultValue === undefined ? '' : JSON.stringify(o.defaultValue));
    rows.push(`| \`${o.flags}\` | ${def ? `\`${def}\`` : ''} | ${cell(o.description)} |`);
  }
  rows.push('| `-h, --help` | | display help for command |');
  return rows;
}

/** What `ddb-lock <cmd> --help` prints, "after" texts included. */
function helpText(cmd: Command): string {
  let out = '';
  cmd.configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
  cmd.outputHelp();
  return out.trimEnd();
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `EXIT`'s entries with the TSDoc summary of each, read from the source with TypeScript's parser. */
function exitCodes(): { code: number; name: string; doc: string }[] {
  const file = join(repoRoot, 'cli', 'src', 'exit-codes.ts');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { code: number; name: string; doc: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'EXIT') {
      const init = node.initializer;
      const object = init && ts.isAsExpression(init) ? init.expression : init;
      if (object && ts.isObjectLiteralExpression(object)) {
        for (const prop of object.properties) {
          if (!ts.isPropertyAssignment(prop)) continue;
          const doc = ts
            .getJSDocCommentsAndTags(prop)
            .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
            .join(' ');
          found.push({ code: Number(prop.initializer.getText()), name: prop.name.getText(), doc });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (found.length === 0) throw new Error('no EXIT object found in cli/src/exit-codes.ts');
  return found;
}
