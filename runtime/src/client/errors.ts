/**
 * Base class of every error ddb-lock throws; `instanceof LockError` catches them all.
 *
 * @example
 * ```ts
 * try { await client.acquire('job'); } catch (e) { if (e instanceof LockError) log(e.name); }
 * ```
 */
export class LockError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad input: rejected before any request is sent, nothing left behind.
 *
 * @example
 * ```ts
 * await client.acquire(''); // throws LockValidationError: key must be a non-empty string
 * ```
 */
export class LockValidationError extends LockError {}

/**
 * The lock is held by someone else and the wait deadline passed (or `tryAcquire` in a mode
 * that throws). `holder` is the owner seen last, when known.
 *
 * @example
 * ```ts
 * try { await client.acquire('job', { waitMs: 0 }); }
 * catch (e) { if (e instanceof LockBusyError) console.log('held by', e.holder); }
 * ```
 */
export class LockBusyError extends LockError {
  constructor(
    message: string,
    readonly key: string,
    readonly holder: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Waiting for a lock was cancelled through the caller's `AbortSignal`.
 *
 * @example
 * ```ts
 * const ac = new AbortController(); setTimeout(() => ac.abort(), 100);
 * await client.acquire('job', { signal: ac.signal }); // may throw LockAbortedError
 * ```
 */
export class LockAbortedError extends LockError {}

/**
 * Why a held lock stopped being ours: `reason` of {@link LockLostError} and of the `lost` event.
 *
 * @example
 * ```ts
 * lock.on('lost', (error) => {
 *   if (error.reason === 'stolen') metrics.addMetric('lockStolen', 'Count', 1);
 * });
 * ```
 */
export type LockLostReason =
  /** Another owner holds it now, or it was deleted/released behind our back. */
  | 'stolen'
  /** Our validity window ran out without a confirmed heartbeat. */
  | 'expired'
  /** A reentrant acquire of the same key replaced this handle. */
  | 'superseded'
  /** `close({ release: false })` stopped its heartbeats; the item stays until its lease runs out. */
  | 'closed';

/**
 * A lock we held is no longer ours. Also the reason of `lock.signal` when it aborts for a loss.
 *
 * @example
 * ```ts
 * lock.on('lost', (err: LockLostError) => console.warn(err.reason));
 * ```
 */
export class LockLostError extends LockError {
  constructor(
    message: string,
    readonly key: string,
    readonly reason: LockLostReason,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * An operation needs a lock this handle no longer holds because it was released.
 *
 * @example
 * ```ts
 * await lock.release();
 * await lock.heartbeat(); // throws LockNotOwnerError
 * ```
 */
export class LockNotOwnerError extends LockError {}

/**
 * The lock table does not exist (or is not visible to these credentials).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof LockTableNotFoundError) await client.ensureTable(); }
 * ```
 */
export class LockTableNotFoundError extends LockError {}

/**
 * DynamoDB could not be reached within the request's deadline (network, throttling, 5xx);
 * the outcome of the write, if any, was resolved or is harmless (see the docs on ambiguity).
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof LockUnavailableError) retryLater(e.cause); }
 * ```
 */
export class LockUnavailableError extends LockError {
  /** True when a write may have been applied although no response arrived. */
  readonly ambiguous: boolean;
  constructor(message: string, options?: { cause?: unknown; ambiguous?: boolean }) {
    super(message, options);
    this.ambiguous = options?.ambiguous ?? false;
  }
}

/**
 * A fenced write or guarded transaction was refused because a newer lock holder exists
 * (its fencing token is larger than ours) or our lock is no longer valid.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof StaleFenceError) abandonWork(); }
 * ```
 */
export class StaleFenceError extends LockError {}

/**
 * `close({ release: true })` tried every release but some failed; `cause` is an
 * `AggregateError` of the failures.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof LockCloseError) console.error(e.cause); }
 * ```
 */
export class LockCloseError extends LockError {}

/**
 * Too little of the caller's time budget is left to hold a lock safely (for the middleware: the
 * Lambda invocation's remaining time minus its deadline margin). Also the reason of the handler's
 * signal when the invocation deadline arrives and the lock is given up.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof LockDeadlineError) return { statusCode: 503 }; }
 * ```
 */
export class LockDeadlineError extends LockError {}
