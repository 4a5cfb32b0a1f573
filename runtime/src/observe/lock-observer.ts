import type { LockEvent } from './lock-event.js';

/**
 * Receives every lock event of a `LockClient` (and of the locks it grants): the one place
 * metrics, logs and traces come from. Called synchronously on the lock's own path, so keep it
 * cheap; an observer that throws (or returns a rejected promise) never affects the lock.
 *
 * @example
 * ```ts
 * const waits: number[] = [];
 * const client = new LockClient({
 *   tableName: 'locks',
 *   observers: [{ onLockEvent: (e) => { if (e.type === 'acquired') waits.push(e.waitMs); } }],
 * });
 * ```
 */
export interface LockObserver {
  /** Called for every event; a throw or a returned promise's rejection is caught and never reaches the lock. */
  onLockEvent(event: LockEvent): void;
}

/**
 * Hands `event` to every observer, isolating the lock from their failures. Callers build the
 * event only when `observers.length > 0`, so a client without observers pays one length check.
 *
 * @example
 * ```ts
 * if (observers.length > 0) notify(observers, { type: 'renewed', key, fence, remainingMs, at: Date.now() });
 * ```
 */
export function notify(observers: readonly LockObserver[], event: LockEvent): void {
  for (const observer of observers) {
    try {
      const result = observer.onLockEvent(event) as unknown;
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // An observer's bug must not become the lock's: the event is dropped for that observer.
    }
  }
}
