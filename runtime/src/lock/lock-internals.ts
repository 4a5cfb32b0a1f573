import type { LockLostReason } from '../errors.js';
import { internalRegistry } from '../internal-registry.js';
import type { HeldGrant } from '../protocol/held-grant.js';
import type { LockProtocol } from '../protocol/lock-protocol.js';

/**
 * What the client, fencing and admin code need of a held lock that its users must not reach:
 * kept beside the handle (in a WeakMap), never on it, and never exported from the package's
 * entry points — a handler cannot declare the lock lost or send requests for its grant.
 *
 * @example
 * ```ts
 * lockInternals(lock).markLost('superseded');
 * ```
 */
export interface LockInternals {
  /** The requests of the client that acquired the lock. */
  readonly protocol: LockProtocol;
  /** What the grant's conditional writes check. */
  readonly grant: HeldGrant;
  /** Declares the lock lost: stops timers, aborts the signal, emits `lost` once. */
  markLost(reason: LockLostReason, cause?: unknown): void;
  /**
   * The one "is this lock usable" check, before a heartbeat, a fenced write or a guarded
   * transaction: LockNotOwnerError once released (or releasing), LockLostError with the real
   * reason once lost (validity that ran out counts as `expired`).
   */
  assertUsable(operation: string): void;
}

const registry = internalRegistry<LockInternals>('a lock from LockClient.acquire, tryAcquire or withLock');

/**
 * Registers a lock handle's internals (the Lock constructor does).
 *
 * @example
 * ```ts
 * registerLockInternals(this, { protocol, grant, markLost, assertUsable });
 * ```
 */
export function registerLockInternals(handle: object, internals: LockInternals): void {
  registry.set(handle, internals);
}

/**
 * The internals of a lock handle; LockValidationError for anything not handed out by
 * `LockClient.acquire` (or registered as a view of such a lock).
 *
 * @example
 * ```ts
 * const { grant } = lockInternals(lock);
 * ```
 */
export function lockInternals(handle: unknown): LockInternals {
  return registry.of(handle);
}

/**
 * Lets another view of a lock (the middleware's `context.lock`, a batch record's lock) stand for
 * it in `fencedWrite` and `guardedTransaction`. A lock without internals (a test double) shares
 * nothing: the view is then refused there, as the double would be.
 *
 * @example
 * ```ts
 * shareLockInternals(contextLock, lock);
 * ```
 */
export function shareLockInternals(view: object, lock: object): void {
  const internals = registry.find(lock);
  if (internals) registry.set(view, internals);
}
