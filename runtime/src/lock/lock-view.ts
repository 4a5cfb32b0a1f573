import type { SemaphorePermit } from '../protocol/permit-key.js';
import type { Lock } from './lock.js';
import { shareLockInternals } from './lock-internals.js';

/**
 * A read-only view of a lock held on the handler's behalf (`withLock`'s `context.lock`, a batch's
 * record lock): what the handler may know, and enough to pass to `fencedWrite` and
 * `guardedTransaction`. It cannot release, renew or reach the client: the hold belongs to the
 * middleware, which releases it and reports a loss.
 *
 * @example
 * ```ts
 * const handler = async (event: Event, context: LockedContext) => {
 *   if (!context.lock.isValid()) return;
 *   await fencedWrite(context.lock, { update: ledgerUpdate(event, context.lock.fence) });
 * };
 * ```
 */
export interface LockView {
  readonly key: string;
  readonly sortKey: string | undefined;
  /** Fencing token of the grant: pass it to the resource you write (see `fencedWrite`). */
  readonly fence: number;
  /** Owner identity written in the lock item. */
  readonly owner: string;
  /** The semaphore permit held (under `withPermit`); `undefined` for a lock. */
  readonly permit: SemaphorePermit | undefined;
  /** Application data stored with the lock. */
  readonly data: string | Uint8Array | undefined;
  /** Aborts when the lock is lost or the invocation's deadline (remaining time − margin) arrives. */
  readonly signal: AbortSignal;
  /** Milliseconds of validity left: the lock's, cut at the invocation's deadline; 0 once over. */
  readonly remainingMs: number;
  /** True while the lock is held and the invocation's deadline has not arrived. */
  isValid(): boolean;
}

/**
 * Makes the view of `lock` that a handler gets. `signal` aborts on loss or at the deadline;
 * `untilDeadlineMs` is the time left before it. The view is frozen: its fields are copies or
 * getters, and no method of the lock is reachable from it.
 *
 * @example
 * ```ts
 * const view = lockView(lock, controller.signal, () => context.getRemainingTimeInMillis() - 1_000);
 * ```
 */
export function lockView(lock: Lock, signal: AbortSignal, untilDeadlineMs: () => number): LockView {
  const isValid = () => !signal.aborted && untilDeadlineMs() > 0 && lock.isValid();
  const view: LockView = Object.freeze({
    key: lock.key,
    sortKey: lock.sortKey,
    fence: lock.fence,
    owner: lock.owner,
    permit: lock.permit,
    get data() {
      return lock.data;
    },
    signal,
    get remainingMs() {
      return isValid() ? Math.max(0, Math.min(lock.remainingMs, untilDeadlineMs())) : 0;
    },
    isValid,
  });
  // fencedWrite / guardedTransaction act for the lock through the view; nothing else reaches it.
  shareLockInternals(view, lock);
  return view;
}
