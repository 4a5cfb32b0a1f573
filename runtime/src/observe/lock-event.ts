import type { LockLostReason } from '../errors.js';

/**
 * How an acquire got the lock, as the client infers it: the item was absent (`free`), released
 * (`released`), taken over after watching its record version for a lease (`watched`), or taken
 * over because `expiresAt + maxSkewMs` had passed (`expired`, wall-clock mode).
 *
 * @example
 * ```ts
 * if (event.type === 'acquired' && event.takeover !== 'free') console.log('took over:', event.takeover);
 * ```
 */
export type LockTakeoverKind = 'free' | 'released' | 'watched' | 'expired';

/** What every lock event carries. */
interface LockEventBase {
  /** Partition key of the lock. */
  readonly key: string;
  /** Sort key, on tables that have one. */
  readonly sortKey?: string;
  /** Semaphore permits only: the semaphore's name (a low-cardinality metric name). */
  readonly semaphore?: string;
  /** Semaphore permits only: which permit (0 … N−1). */
  readonly permit?: number;
  /** Wall-clock ms when the event happened. */
  readonly at: number;
}

/**
 * One thing that happened to a lock, as observers receive it. `acquireId` ties the events of one
 * `acquire`/`tryAcquire` call together (concurrent calls interleave).
 *
 * @example
 * ```ts
 * const observer: LockObserver = {
 *   onLockEvent(event: LockEvent) {
 *     if (event.type === 'lost') console.warn(`${event.key} lost: ${event.reason}`);
 *   },
 * };
 * ```
 */
export type LockEvent =
  | (LockEventBase & { readonly type: 'acquireStarted'; readonly acquireId: number; readonly waitMs: number })
  | (LockEventBase & {
      readonly type: 'acquired';
      readonly acquireId: number;
      readonly fence: number;
      readonly owner: string;
      /** Ms from the call to the grant. */
      readonly waitMs: number;
      /** Conditional writes sent (1 when the lock was free). */
      readonly attempts: number;
      /** Someone else held it when this call started looking. */
      readonly contended: boolean;
      readonly takeover: LockTakeoverKind;
    })
  | (LockEventBase & {
      readonly type: 'busy';
      readonly acquireId: number;
      readonly holder: string | undefined;
      readonly waitMs: number;
      readonly attempts: number;
      readonly retryAfterMs: number;
    })
  | (LockEventBase & { readonly type: 'acquireFailed'; readonly acquireId: number; readonly waitMs: number; readonly error: unknown })
  | (LockEventBase & { readonly type: 'renewed'; readonly fence: number; readonly remainingMs: number })
  | (LockEventBase & {
      readonly type: 'heartbeatFailed';
      readonly fence: number;
      readonly error: unknown;
      /** The error's class name (e.g. `LockUnavailableError`): low-cardinality, for metrics and logs. */
      readonly errorClass: string;
      /** Validity left when it failed. */
      readonly remainingMs: number;
    })
  | (LockEventBase & { readonly type: 'danger'; readonly fence: number; readonly remainingMs: number })
  | (LockEventBase & {
      readonly type: 'lost';
      readonly fence: number;
      readonly reason: LockLostReason;
      readonly heldMs: number;
      readonly error: unknown;
    })
  | (LockEventBase & { readonly type: 'released'; readonly fence: number; readonly heldMs: number })
  | (LockEventBase & { readonly type: 'releaseFailed'; readonly fence: number; readonly heldMs: number; readonly error: unknown });

/**
 * The event of one type.
 *
 * @example
 * ```ts
 * const onLost = (event: LockEventOf<'lost'>) => console.warn(event.reason);
 * ```
 */
export type LockEventOf<T extends LockEvent['type']> = Extract<LockEvent, { type: T }>;
