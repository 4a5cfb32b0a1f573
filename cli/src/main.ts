import { LOCK_ITEM_SCHEMA } from '@ddb-lock/runtime';
import { CommanderError } from 'commander';
import { classifyError } from './classify-error.js';
import { EXIT } from './exit-codes.js';
import { buildProgram } from './program.js';

/**
 * Runs the CLI on `argv` and resolves its exit code; every failure is one line on stderr.
 *
 * @example
 * ```ts
 * process.exit(await main(process.argv));
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const { program, result } = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are requests, not errors; commander has already printed its message.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT.ok
        : EXIT.usage;
    }
    const opts = program.opts<{ table?: string }>();
    const { exitCode, message } = classifyError(error, opts.table ?? process.env[LOCK_ITEM_SCHEMA.tableNameEnvVar]);
    process.stderr.write(`ddb-lock: ${message}\n`);
    return exitCode;
  }
}

// stdout and stderr are synchronous on Linux for files, pipes and terminals: exiting loses no output.
process.exit(await main(process.argv));
