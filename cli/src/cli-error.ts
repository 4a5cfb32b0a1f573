import type { ExitCode } from './exit-codes.js';

/**
 * An error the CLI reports as one line on stderr and turns into its exit code.
 *
 * @example
 * ```ts
 * throw new CliError('no lock "job" in table locks', EXIT.refused);
 * ```
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    // A literal, not constructor.name: bundlers that minify rename classes.
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
