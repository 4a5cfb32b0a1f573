import type { LockLostError, LockUnavailableError } from '../errors.js';
import type { LockInfo } from '../protocol/lock-info.js';
import type { LockProtocol } from '../protocol/lock-protocol.js';
import type { Lock } from './lock.js';

/**
 * Where a lock handle is in its life: `held` until a release starts (`releasing`) and ends
 * (`released`), or until the lock is `lost`.
 *
 * @example
 * ```ts
 * if (lock.state === 'held' && lock.isValid()) await doWork();
 * ```
 */
export type LockState = 'held' | 'releasing' | 'released' | 'lost';

/**
 * Payload of the `danger` event: validity is nearly over and no heartbeat has been confirmed.
 *
 * @example
 * ```ts
 * lock.on('danger', (e: LockDangerEvent) => console.warn(`${e.remainingMs} ms left`));
 * ```
 */
export interface LockDangerEvent {
  readonly key: string;
  readonly remainingMs: number;
}

/**
 * Options of {@link Lock.release}.
 *
 * @example
 * ```ts
 * await lock.release({ data: 'done', deleteItem: false });
 * ```
 */
export interface ReleaseOptions {
  /** Data to leave in the released item. */
  readonly data?: string | Uint8Array;
  /** Delete the item instead of marking it released. @default the client's deleteOnRelease */
  readonly deleteItem?: boolean;
}

/**
 * Options of {@link Lock.heartbeat}.
 *
 * @example
 * ```ts
 * await lock.heartbeat({ leaseMs: 60_000, data: 'step 3 of 5' });
 * ```
 */
export interface HeartbeatOptions {
  /** New lease from now on. @default the current lease */
  readonly leaseMs?: number;
  /** Replace the stored data. */
  readonly data?: string | Uint8Array;
}

/** Wiring the client hands a new lock; not public API. */
export interface LockInit {
  readonly protocol: LockProtocol;
  readonly info: LockInfo;
  readonly sentAt: number;
  /** The lease asked for; the item's may be shorter when `maxLeaseMs` capped it. */
  readonly requestedLeaseMs: number;
  readonly maxLeaseMs?: () => number;
  readonly deleteOnRelease: boolean;
  readonly autoHeartbeat: boolean;
  readonly renewWhile?: () => boolean;
  readonly onClosed: (lock: Lock) => void;
}

/**
 * The events of a {@link Lock} and their arguments: `lock.on('lost', (error) => …)` is typed, and
 * an unknown event name does not compile.
 *
 * @example
 * ```ts
 * lock.on('danger', ({ remainingMs }) => console.warn(`${remainingMs} ms of validity left`));
 * lock.on('releaseError', (error) => console.error('could not release', error));
 * ```
 */
export interface LockEvents {
  /** The lock is no longer ours (also the reason of `lock.signal`). */
  lost: [error: LockLostError];
  /** Validity is nearly over and no heartbeat has been confirmed. */
  danger: [event: LockDangerEvent];
  /** A heartbeat landed; the argument is the validity left, in ms. */
  renewed: [remainingMs: number];
  /** An automatic heartbeat failed; it is retried within the validity left. */
  heartbeatError: [error: LockUnavailableError];
  /** An automatic release (the owner's work was over, see `renewWhile`) failed; the lock expires within one lease. */
  releaseError: [error: unknown];
}
