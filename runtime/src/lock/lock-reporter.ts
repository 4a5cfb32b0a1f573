import type { Clock } from '../clock.js';
import type { LockEvent } from '../observe/lock-event.js';
import { type LockObserver, notify } from '../observe/lock-observer.js';
import type { SemaphorePermit } from '../protocol/permit-key.js';

/**
 * A lock event without the fields every event of one lock shares.
 *
 * @example
 * ```ts
 * const event: OwnLockEvent = { type: 'renewed', remainingMs: 9_000 };
 * ```
 */
export type OwnLockEvent = LockEvent extends infer E
  ? E extends LockEvent
    ? Omit<E, 'key' | 'sortKey' | 'semaphore' | 'permit' | 'at' | 'fence'>
    : never
  : never;

/**
 * Tells a client's observers about one of its locks; builds nothing when there are none (the hot path).
 *
 * @example
 * ```ts
 * reportLockEvent({ observers, clock }, lock, { type: 'released', heldMs: 1_200 });
 * ```
 */
export function reportLockEvent(
  to: { readonly observers: readonly LockObserver[]; readonly clock: Clock },
  lock: {
    readonly key: string;
    readonly sortKey: string | undefined;
    readonly fence: number;
    readonly permit: SemaphorePermit | undefined;
  },
  event: OwnLockEvent,
): void {
  if (to.observers.length === 0) return;
  const shared = {
    key: lock.key,
    ...(lock.sortKey !== undefined && { sortKey: lock.sortKey }),
    ...lock.permit,
    at: to.clock.wallNow(),
    fence: lock.fence,
  };
  notify(to.observers, { ...shared, ...event } as LockEvent);
}
