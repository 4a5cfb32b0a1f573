import type { LockLostError } from '../errors.js';
import type { LockDangerEvent } from '../lock/lock.js';

/**
 * Options of {@link LockClient.acquire} and {@link LockClient.tryAcquire}.
 *
 * @example
 * ```ts
 * await client.acquire('job', { waitMs: 30_000, data: JSON.stringify({ step: 1 }) });
 * ```
 */
export interface AcquireOptions {
  /** Sort key, required exactly when the table has one. */
  readonly sortKey?: string;
  /**
   * How long to wait for a held lock. `tryAcquire` never waits and refuses it.
   * @default leaseMs + pollMs (long enough to take over a dead holder)
   */
  readonly waitMs?: number;
  /** Longest pause between attempts. @default the client's pollMs */
  readonly pollMs?: number;
  /** Cancels the wait. */
  readonly signal?: AbortSignal;
  /** Application data to store with the lock. */
  readonly data?: string | Uint8Array;
  /** Without new `data`, drop the data left by the previous holder. @default true */
  readonly replaceData?: boolean;
  /**
   * Reentrancy with a hold count. While this client holds a valid grant on the key, the acquire
   * joins it: it returns that same `Lock` (same fence, no request) with
   * {@link Lock.holdCount} one higher, and each `release()` (or `await using` scope exit) ends one
   * hold; the last one releases the lock. Otherwise (say a restarted process with a stable
   * `ownerName`) an item already owned by this client's owner name is taken at once, as a new grant
   * with a larger fence. `data` cannot be given to a nested acquire (it writes nothing).
   * @default false
   */
  readonly reentrant?: boolean;
  /** Lease of this lock. @default the client's leaseMs */
  readonly leaseMs?: number;
  /** Delete the item on release instead of marking it released. @default false */
  readonly deleteOnRelease?: boolean;
  /** Run heartbeats automatically. @default true */
  readonly autoHeartbeat?: boolean;
  /**
   * Fair waiting: while clients queue for the lock, take it only in turn (first come, first
   * served), and queue for it while this call waits. `false` barges: takes a free lock whatever
   * the queue (more throughput for the barger, unbounded waits for the others). A call that does
   * not wait (`tryAcquire`, `waitMs: 0`) never queues, but with fairness on it does not take the
   * lock ahead of those that do. Opt-in: fair waiting costs more requests per grant on a hot key.
   * @default false
   */
  readonly fair?: boolean;
  /**
   * Automatic heartbeats run only while this returns true; when it returns false the lock is
   * released instead. The middleware uses it to tie renewal to a live Lambda invocation.
   */
  readonly renewWhile?: () => boolean;
  /**
   * Caps the lease of every write of this lock — the acquire and each heartbeat — at what it
   * returns when the write is sent, so `expiresAt` never lies beyond the moment the holder's
   * process will be stopped. The middleware passes the Lambda invocation's remaining time. A
   * capped write's safety margin shrinks in proportion to its lease.
   * @default - no cap
   */
  readonly maxLeaseMs?: () => number;
  /** Called once when the lock is lost (also emitted as `lost`). */
  readonly onLost?: (error: LockLostError) => void;
  /** Called when validity nears its end without a confirmed heartbeat (also emitted as `danger`). */
  readonly onDanger?: (event: LockDangerEvent) => void;
}

/** Every option name, for rejecting unknown ones. */
export const ACQUIRE_OPTION_NAMES = [
  'sortKey',
  'waitMs',
  'pollMs',
  'signal',
  'data',
  'replaceData',
  'reentrant',
  'leaseMs',
  'deleteOnRelease',
  'autoHeartbeat',
  'fair',
  'renewWhile',
  'maxLeaseMs',
  'onLost',
  'onDanger',
] as const;
