import { LockError } from '../errors.js';

/**
 * This client's semaphore size (`permits`) differs from the size recorded on the semaphore's
 * items: clients that disagree on N are refused, never admitted past the smaller N. Change a
 * semaphore's size with `resizeSemaphore` (or `ddb-lock resize`), then deploy the new N.
 *
 * @example
 * ```ts
 * try { await new Semaphore(client, 'partner-api', { permits: 5 }).acquire(); }
 * catch (e) { if (e instanceof SemaphoreSizeError) console.error(`table says ${e.recorded}, we say ${e.expected}`); }
 * ```
 */
export class SemaphoreSizeError extends LockError {
  static {
    SemaphoreSizeError.prototype.name = 'SemaphoreSizeError';
  }

  constructor(
    readonly semaphore: string,
    /** The size this client was configured with. */
    readonly expected: number,
    /** The size recorded on the permit item that refused it. */
    readonly recorded: number,
    /** The permit whose item records `recorded`. */
    readonly permit: number,
  ) {
    super(
      `semaphore ${semaphore} has ${recorded} permits (recorded on permit ${permit}); this client says ${expected}.` +
        ' Clients that disagree on the size are refused: resize the semaphore (resizeSemaphore) or fix the configuration',
    );
  }
}
