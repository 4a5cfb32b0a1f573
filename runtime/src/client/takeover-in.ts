import type { LockInfo } from '../protocol/lock-info.js';
import { type Watch, watchRemainingMs } from './watch-memory.js';

/**
 * What decides when a held lock may be taken over, besides the holder and the watch on it.
 *
 * @example
 * ```ts
 * const rule: TakeoverRule = { ownerName: client.ownerName, maxSkewMs: undefined, wallNow: Date.now() };
 * ```
 */
export interface TakeoverRule {
  readonly ownerName: string;
  readonly reentrant?: boolean;
  /** Wall-clock mode's skew bound; `undefined` for skew-free takeover only. */
  readonly maxSkewMs: number | undefined;
  readonly wallNow: number;
}

/**
 * Ms until an acquire write could succeed on what this client knows; ≤ 0 means try now: at once
 * for an absent or released item (or our own, reentrant), else when the watch has covered a
 * lease (skew-free) or, in wall-clock mode, when `expiresAt + maxSkewMs` has passed if sooner.
 * The client's wait loop and the semaphore's both decide by it.
 *
 * @example
 * ```ts
 * if (takeoverInMs(holder, watches.get(lock), rule, performance.now()) <= 0) await tryIt();
 * ```
 */
export function takeoverInMs(holder: LockInfo | undefined, watched: Watch | undefined, rule: TakeoverRule, now: number): number {
  if (!holder || holder.released) return 0;
  if (rule.reentrant && holder.owner === rule.ownerName) return 0;
  let wait = watched ? watchRemainingMs(watched, now) : holder.leaseMs;
  if (rule.maxSkewMs !== undefined) wait = Math.min(wait, holder.expiresAt + rule.maxSkewMs - rule.wallNow + 1);
  return wait;
}
