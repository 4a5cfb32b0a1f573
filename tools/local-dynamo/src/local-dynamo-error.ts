/**
 * A local server could not be started (moto missing, exited early, never said where it listens).
 *
 * @example
 * ```ts
 * try { await startMoto(); } catch (e) { if (e instanceof LocalDynamoError) console.error(e.message); }
 * ```
 */
export class LocalDynamoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A literal, not constructor.name: minifiers rename classes.
    this.name = 'LocalDynamoError';
  }
}
