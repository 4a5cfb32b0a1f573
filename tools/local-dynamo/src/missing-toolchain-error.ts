/**
 * A suite needs a program outside Node (Python, a JDK, Maven, Go, moto's venv) that this machine
 * lacks, and CI=true says it must run.
 *
 * @example
 * ```ts
 * try { skipOrRequire(need); } catch (e) { if (e instanceof MissingToolchainError) console.error(e.message); }
 * ```
 */
export class MissingToolchainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
// A literal on the prototype, not constructor.name: minifiers rename classes.
MissingToolchainError.prototype.name = 'MissingToolchainError';
