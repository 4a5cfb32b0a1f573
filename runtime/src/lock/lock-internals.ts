import type { LockLostReason } from '../errors.js';
import { internalRegistry } from '../internal-registry.js';
import type { HeldGrant } from '../protocol/held-grant.js';
import type { LockProtocol } from '../protocol/lock-protocol.js';

/**
 * What the client, fencing and admin code need of a held lock that its users must not reach:
 * read off the handle's private fields (a view's kept in a WeakMap), never a member of it, and
 * never exported from the package's entry points — a handler cannot declare the lock lost or send
 * requests for its grant.
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
  /** One more nested `reentrant` acquire holds the grant (see Lock.holdCount). */
  retain(): void;
  /** Releases the grant whatever its hold count (close, an owner whose work is over). */
  releaseAll(): Promise<boolean>;
}

// Views (context.lock, a batch record's lock) are registered here; a Lock answers for itself.
const registry = internalRegistry<LockInternals>('a lock from LockClient.acquire, tryAcquire or withLock');
let ownInternals: ((handle: object) => LockInternals | undefined) | undefined;

/**
 * Lets the Lock class answer for its own instances, reading them off its private fields: no
 * WeakMap entry and no internals object per grant, which every acquire+release paid for while
 * few grants are ever asked (issue 10, client CPU). Called once, by the class itself.
 *
 * @example
 * ```ts
 * answerLockInternals((handle) => (#grant in handle ? internalsOf(handle) : undefined));
 * ```
 */
export function answerLockInternals(resolve: (handle: object) => LockInternals | undefined): void {
  ownInternals = resolve;
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
  const own = handle !== null && typeof handle === 'object' ? ownInternals?.(handle) : undefined;
  return own ?? registry.of(handle);
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
  const internals = ownInternals?.(lock) ?? registry.find(lock);
  if (internals) registry.set(view, internals);
}
