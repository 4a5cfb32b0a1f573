import type { LockLostReason } from '../errors.js';

/**
 * How an acquire got the lock, as the client infers it: the item was absent (`free`), released
 * (`released`), taken over after watching its record version for a lease (`watched`), or taken
 * over because `expiresAt + maxSkewMs` had passed (`expired`, wall-clock mode).
 *
 * @example
 * ```ts
 * const onLockEvent = (event: LockEvent) => {
 *   if (event.type === 'acquired' && event.takeover !== 'free') console.log('took over:', event.takeover);
 * };
 * ```
 */
export type LockTakeoverKind = 'free' | 'released' | 'watched' | 'expired';

/**
 * What every lock event carries.
 *
 * @example
 * ```ts
 * const where = (event: LockEventBase) => (event.sortKey === undefined ? event.key : `${event.key}/${event.sortKey}`);
 * ```
 */
export interface LockEventBase {
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
 * What every election event carries: the term is the grant's fence.
 *
 * @example
 * ```ts
 * const describe = (event: ElectionEventBase) => `${event.election}: term ${event.fence} (${event.owner})`;
 * ```
 */
export interface ElectionEventBase extends LockEventBase {
  /** The election's name (low-cardinality: metrics use it as their dimension). */
  readonly election: string;
  /** The term number. */
  readonly fence: number;
  /** The candidate's owner name. */
  readonly owner: string;
}

/**
 * One thing that happened to a lock, as observers receive it. `acquireId` ties the events of one
 * `acquire`/`tryAcquire` call together (concurrent calls interleave). An election's candidate also
 * reports `elected`, `demoted` (its term was lost: stolen, expired…) and `resigned` (it released
 * its term), beside the lock events of the term itself.
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
      /** Fair waiting: clients queued ahead of this call when it gave up (absent with `fair: false`). */
      readonly waitersAhead?: number;
    })
  | (LockEventBase & {
      /** Fair waiting: this call took a place in the lock's waiter queue. */
      readonly type: 'queued';
      readonly acquireId: number;
      /** Clients queued ahead of it. */
      readonly waitersAhead: number;
      /** Fence of the grant in force when it joined: every later grant has a larger one. */
      readonly holderFence: number | undefined;
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
  | (LockEventBase & { readonly type: 'releaseFailed'; readonly fence: number; readonly heldMs: number; readonly error: unknown })
  | (ElectionEventBase & { readonly type: 'elected' })
  | (ElectionEventBase & { readonly type: 'demoted'; readonly reason: LockLostReason; readonly heldMs: number })
  | (ElectionEventBase & { readonly type: 'resigned'; readonly heldMs: number });

/**
 * The event of one type.
 *
 * @example
 * ```ts
 * const onLost = (event: LockEventOf<'lost'>) => console.warn(event.reason);
 * ```
 */
export type LockEventOf<T extends LockEvent['type']> = Extract<LockEvent, { type: T }>;
