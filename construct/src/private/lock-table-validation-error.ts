/**
 * Props that cannot make a safe lock table, refused when the construct is created (or at synth).
 * Not part of the jsii API (jsii cannot export subclasses of `Error`); match on `error.name`.
 *
 * @example
 * try { new DistributedLockTable(stack, 'Locks', { pointInTimeRecoveryPeriodInDays: 0 }); }
 * catch (e) { if ((e as Error).name === 'LockTableValidationError') { ... } }
 */
export class LockTableValidationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'LockTableValidationError';
    // The construct compiles to ES2020, whose Error constructor takes no options.
    if (options?.cause !== undefined) Object.defineProperty(this, 'cause', { value: options.cause, configurable: true, writable: true });
  }
}
