import { createInterface } from 'node:readline/promises';
import { CliError } from './cli-error.js';
import { EXIT } from './exit-codes.js';

/**
 * Asks a yes/no question on the terminal (question on stderr, so stdout stays clean). Without
 * a terminal on stdin nobody can answer: that is a usage error telling the caller to pass `--yes`.
 *
 * @example
 * ```ts
 * if (!(await confirm('Force-release lock job?'))) return EXIT.declined;
 * ```
 */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new CliError('refusing --force without --yes: stdin is not a terminal to confirm on', EXIT.usage);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
