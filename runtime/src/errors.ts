import type { LockInfo } from './protocol/lock-info.js';

/** Marks the errors of every build and copy of this package (a registered symbol is one per process). */
const ERROR_BRAND = Symbol.for('@ddb-lock/runtime.LockError');

/**
 * Ordinary prototype identity first; then, for our own classes only (each sets its `name` on its
 * prototype), a prototype of the same name in an error branded by either build.
 */
function isInstanceAcrossBuilds(asked: { prototype: object }, value: unknown): boolean {
  if (Function.prototype[Symbol.hasInstance].call(asked, value)) return true;
  if (typeof value !== 'object' || value === null || !(ERROR_BRAND in value)) return false;
  if (!Object.hasOwn(asked.prototype, 'name')) return false;
  const wanted = (asked.prototype as Error).name;
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (Object.hasOwn(proto, 'name') && proto.name === wanted) return true;
  }
  return false;
}

/**
 * Base class of every error ddb-lock throws; `instanceof LockError` catches them all.
 *
 * @example
 * ```ts
 * try { await client.acquire('job'); } catch (e) { if (e instanceof LockError) log(e.name); }
 * ```
 */
export class LockError extends Error {
  // Names are string literals on each prototype: minifiers rename classes, so `constructor.name`
  // or `new.target.name` would read "C" in a bundle built with `esbuild --minify`.
  static {
    LockError.prototype.name = 'LockError';
    Object.defineProperty(LockError.prototype, ERROR_BRAND, { value: true });
  }

  /**
   * `instanceof` that also holds across the package's two builds. A process can load the
   * CommonJS build (`require`) and the ESM build (`import`) side by side, and each defines its own
   * classes; an error thrown by one must still be `instanceof` the other's class of the same name.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of `instanceof` (subclasses inherit this method)
    return isInstanceAcrossBuilds(this, value);
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Bad input from the caller — a key, a sort key, data, an option of one call — rejected before
 * any request is sent, nothing left behind. A handler may answer it with a 400: its message names
 * the caller's input, never the function's configuration (that is {@link LockConfigurationError}).
 *
 * @example
 * ```ts
 * await client.acquire(''); // throws LockValidationError: key must be a non-empty string
 * ```
 */
export class LockValidationError extends LockError {
  static {
    LockValidationError.prototype.name = 'LockValidationError';
  }
}

/**
 * Bad configuration: the table name, a missing `DDB_LOCK_TABLE_NAME`, the options of a
 * `LockClient`, of `withLock` or of a batch handler. The deployment is wrong, not the request:
 * answer it with a 500 and never put its message in a response (it names the configuration).
 * Not a {@link LockValidationError}, so code that maps those to 400 never catches it. The
 * validation error that found the problem is its `cause`.
 *
 * @example
 * ```ts
 * new LockClient({ tableName: '' }); // throws LockConfigurationError: tableName must be a non-empty string
 * ```
 */
export class LockConfigurationError extends LockError {
  static {
    LockConfigurationError.prototype.name = 'LockConfigurationError';
  }
}

/**
 * The lock is held by someone else and the wait deadline passed. `holder` is the owner seen
 * last, `holderInfo` the whole item as last read, and `retryAfterMs` how long a dead holder
 * would keep the lock from now: the bound for a `whenBusy` handler's Retry-After.
 *
 * @example
 * ```ts
 * try { await client.acquire('job', { waitMs: 0 }); }
 * catch (e) {
 *   if (e instanceof LockBusyError) console.log('held by', e.holder, 'free by', e.retryAfterMs, 'ms if it died');
 * }
 * ```
 */
export class LockBusyError extends LockError {
  static {
    LockBusyError.prototype.name = 'LockBusyError';
  }

  /** The lock item as last read (ConsistentRead or the failed write's old item), when known. */
  readonly holderInfo: LockInfo | undefined;
  /**
   * Milliseconds from when the error was thrown until the lock could be taken **if its holder
   * died now**: the longest a dead holder keeps callers out, not a prediction. A live holder
   * usually releases far sooner (when its work ends), so retry earlier with backoff when holds
   * are short, and use this as the upper bound (e.g. an HTTP `Retry-After`). With
   * `trustWallClock` (the Lambda integrations' default) it is `expiresAt + maxSkewMs` — the skew
   * allowance included — which holds for every caller in that mode, a new process too. Skew-free,
   * it is when this client will have watched the holder's record version for a full lease: true
   * for a later call on the same client (its watch carries over); a new process starts watching
   * afresh, so for it the bound is one lease from its first look.
   */
  readonly retryAfterMs: number;
  /**
   * Fair waiting: how many clients were queued ahead of this call when it gave up (its place,
   * or the whole queue when it held none). Undefined with `fair: false`.
   */
  readonly waitersAhead: number | undefined;

  constructor(
    message: string,
    readonly key: string,
    readonly holder: string | undefined,
    options?: { cause?: unknown; holderInfo?: LockInfo; retryAfterMs?: number; waitersAhead?: number },
  ) {
    super(message, options);
    this.holderInfo = options?.holderInfo;
    this.waitersAhead = options?.waitersAhead;
    this.retryAfterMs = Math.max(0, Math.ceil(options?.retryAfterMs ?? 0));
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
export class LockAbortedError extends LockError {
  static {
    LockAbortedError.prototype.name = 'LockAbortedError';
  }
}

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
  /** A reentrant acquire of the same key, sent while this handle's release was in flight, took it as a new grant. */
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
  static {
    LockLostError.prototype.name = 'LockLostError';
  }

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
export class LockNotOwnerError extends LockError {
  static {
    LockNotOwnerError.prototype.name = 'LockNotOwnerError';
  }
}

/**
 * The lock table does not exist (or is not visible to these credentials).
 *
 * @example
 * ```ts
 * try {
 *   await client.acquire('nightly-report');
 * } catch (e) {
 *   if (e instanceof LockTableNotFoundError) await ensureTable(client); // ensureTable: @ddb-lock/runtime/admin
 * }
 * ```
 */
export class LockTableNotFoundError extends LockError {
  static {
    LockTableNotFoundError.prototype.name = 'LockTableNotFoundError';
  }
}

/**
 * DynamoDB could not be reached within the request's deadline (network, throttling, 5xx);
 * the outcome of the write, if any, was resolved or is harmless (see the docs on ambiguity).
 *
 * @example
 * ```ts
 * try {
 *   await client.acquire('nightly-report');
 * } catch (e) {
 *   if (e instanceof LockUnavailableError) retryLater(e.cause);
 * }
 * ```
 */
export class LockUnavailableError extends LockError {
  static {
    LockUnavailableError.prototype.name = 'LockUnavailableError';
  }

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
 * try {
 *   await fencedWrite(lock, { put: { TableName: 'invoices', Item: { pk: { S: 'invoice-42' } } } });
 * } catch (e) {
 *   if (e instanceof StaleFenceError) abandonWork();
 * }
 * ```
 */
export class StaleFenceError extends LockError {
  static {
    StaleFenceError.prototype.name = 'StaleFenceError';
  }
}

/**
 * `close({ release: true })` tried every release but some failed; `cause` is an
 * `AggregateError` of the failures.
 *
 * @example
 * ```ts
 * try {
 *   await client.close();
 * } catch (e) {
 *   if (e instanceof LockCloseError) console.error(e.cause);
 * }
 * ```
 */
export class LockCloseError extends LockError {
  static {
    LockCloseError.prototype.name = 'LockCloseError';
  }
}

/**
 * Too little of the caller's time budget is left to hold a lock safely (for the middleware: the
 * Lambda invocation's remaining time minus its deadline margin). Also the reason of the handler's
 * signal when the invocation deadline arrives and the lock is given up.
 *
 * @example
 * ```ts
 * const answer = async () => {
 *   try {
 *     return await handle(event);
 *   } catch (e) {
 *     if (e instanceof LockDeadlineError) return { statusCode: 503 };
 *     throw e;
 *   }
 * };
 * ```
 */
export class LockDeadlineError extends LockError {
  static {
    LockDeadlineError.prototype.name = 'LockDeadlineError';
  }
}
