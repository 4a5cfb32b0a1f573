import { LocalDynamoError } from './local-dynamo-error.ts';

/**
 * A suite needs a program outside Node (Python, a JDK, Maven, Go, moto's venv) that this machine
 * lacks, and CI=true says it must run. A {@link LocalDynamoError}, as a missing moto always was.
 *
 * @example
 * ```ts
 * try { skipOrRequire(need); } catch (e) { if (e instanceof MissingToolchainError) console.error(e.message); }
 * ```
 */
export class MissingToolchainError extends LocalDynamoError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A literal, not constructor.name: minifiers rename classes (as LocalDynamoError does).
    this.name = 'MissingToolchainError';
  }
}
