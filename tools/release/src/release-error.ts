/**
 * The release (or the bump) refused its input, or an artifact it built is not what it should be.
 * Raised before anything is built whenever the input alone shows the problem.
 *
 * @example
 * ```ts
 * try { preflight({ root, dryRun: false }); } catch (e) { if (e instanceof ReleaseError) console.error(e.message); }
 * ```
 */
export class ReleaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
// A literal on the prototype, not constructor.name: minifiers rename classes.
ReleaseError.prototype.name = 'ReleaseError';
