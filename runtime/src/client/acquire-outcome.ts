import type { Clock } from '../clock.js';
import type { Lock } from '../lock/lock.js';
import type { LockTakeoverKind } from '../observe/lock-event.js';
import { type LockObserver, notify } from '../observe/lock-observer.js';
import type { AcquireGrounds } from '../protocol/acquire-request.js';
import type { LockInfo } from '../protocol/lock-info.js';
import type { LockKey } from '../protocol/lock-key.js';
import type { SemaphorePermit } from '../protocol/permit-key.js';

/**
 * How a wait ended: with the lock (and how it was had), or busy with the holder last seen and
 * when to try again. `attempts` counts the conditional writes sent.
 */
export type WaitResult =
  | { readonly lock: Lock; readonly attempts: number; readonly contended: boolean; readonly takeover: LockTakeoverKind }
  | {
      readonly holder: LockInfo | undefined;
      readonly retryAfterMs: number;
      readonly attempts: number;
      /** Fair waiting: clients queued ahead of this call when it gave up. */
      readonly waitersAhead?: number;
    };

/**
 * What a successful write took, as far as the client can tell: an absent item (`free`: its fence
 * came from the time base), a version it had watched for a lease (`watched`), a held item seen
 * past `expiresAt + maxSkewMs` (`expired`), or else an item that was released. A successful
 * write returns only the new item, so a first write that takes an item this client never saw
 * (a new process in wall-clock mode) counts as `released` even when it replaced an expired holder.
 *
 * @example
 * ```ts
 * takeoverKind({ observedRecordVersion: 'v1' }, holder, false); // 'watched'
 * ```
 */
export function takeoverKind(grounds: AcquireGrounds, lastSeen: LockInfo | undefined, created: boolean): LockTakeoverKind {
  if (created) return 'free';
  if (lastSeen?.released) return 'released';
  const watched = grounds.observedRecordVersion;
  if (watched !== undefined && (lastSeen === undefined || lastSeen.recordVersion === watched)) return 'watched';
  if (lastSeen && grounds.expiredBefore !== undefined && lastSeen.expiresAt < grounds.expiredBefore) return 'expired';
  return 'released';
}

/**
 * Reports one acquire call to the observers: `acquireStarted` now, then `acquired`, `busy` or
 * `acquireFailed`. Only built when there are observers.
 *
 * @example
 * ```ts
 * const report = acquireReporter(observers, clock, 1, { key: 'job' }, 0);
 * report.outcome(result);
 * ```
 */
export function acquireReporter(
  observers: readonly LockObserver[],
  clock: Clock,
  acquireId: number,
  lock: LockKey,
  waitMs: number,
  permit?: SemaphorePermit,
) {
  const started = clock.monotonicNow();
  const base = () => ({
    key: lock.key,
    ...(lock.sortKey !== undefined && { sortKey: lock.sortKey }),
    ...permit,
    at: clock.wallNow(),
    acquireId,
  });
  notify(observers, { ...base(), type: 'acquireStarted', waitMs });
  const waited = () => clock.monotonicNow() - started;
  return {
    outcome(result: WaitResult): void {
      if ('lock' in result) {
        const { lock: held, attempts, contended, takeover } = result;
        const { fence, owner } = held;
        notify(observers, { ...base(), type: 'acquired', fence, owner, waitMs: waited(), attempts, contended, takeover });
      } else {
        const { holder, retryAfterMs, attempts, waitersAhead } = result;
        const queued = waitersAhead !== undefined && { waitersAhead };
        notify(observers, { ...base(), type: 'busy', holder: holder?.owner, waitMs: waited(), attempts, retryAfterMs, ...queued });
      }
    },
    queued(waitersAhead: number, holderFence: number | undefined): void {
      notify(observers, { ...base(), type: 'queued', waitersAhead, holderFence });
    },
    failed(error: unknown): void {
      notify(observers, { ...base(), type: 'acquireFailed', waitMs: waited(), error });
    },
  };
}
