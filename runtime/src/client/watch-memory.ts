import type { LockInfo } from '../protocol/lock-info.js';
import { type LockKey, lockId } from '../protocol/lock-key.js';

/**
 * One record version seen held, and when this process first saw it (monotonic ms, taken when the
 * response that showed it *arrived*, so the holder's write happened before it).
 *
 * @example
 * ```ts
 * const watch: Watch = { recordVersion: info.recordVersion, since: performance.now(), leaseMs: info.leaseMs };
 * ```
 */
export interface Watch {
  readonly recordVersion: string;
  readonly since: number;
  readonly leaseMs: number;
}

/**
 * What a client has watched, per lock, across calls: `acquire`, `tryAcquire` and `getLock` all
 * add to it, so callers that never wait a lease in one call (Lambda invocations, cron jobs
 * calling `tryAcquire`) still add up to the lease a skew-free takeover needs.
 *
 * Bounded: least recently used entries are evicted past `capacity`. Forgetting is always safe —
 * the next sighting starts a new watch, which can only make a takeover later, never earlier.
 *
 * @example
 * ```ts
 * const memory = new WatchMemory(1000);
 * const watch = memory.observe({ key: 'job' }, info, performance.now());
 * ```
 */
export class WatchMemory {
  private readonly entries = new Map<string, Watch>();

  constructor(readonly capacity: number) {}

  /** The watch on a lock, if any. */
  get(lock: LockKey): Watch | undefined {
    return this.entries.get(lockId(lock));
  }

  /**
   * Records what a consistent read (or a failed write's old item) showed at `at` and returns the
   * watch in force: see {@link nextWatch}.
   */
  observe(lock: LockKey, holder: LockInfo | undefined, at: number): Watch | undefined {
    const watch = nextWatch(this.get(lock), holder, at);
    this.remember(lock, watch);
    return watch;
  }

  /** Stores the watch on a lock (most recently used), or ends it when `undefined`. */
  remember(lock: LockKey, watch: Watch | undefined): void {
    const id = lockId(lock);
    this.entries.delete(id);
    if (watch === undefined || this.capacity === 0) return;
    this.entries.set(id, watch); // re-inserted: Map order is recency order
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Ends the watch on a lock (we acquired it). */
  forget(lock: LockKey): void {
    this.entries.delete(lockId(lock));
  }
}

/**
 * The watch after seeing `holder` at `at`: the same held version keeps its first sighting (record
 * versions are random and never come back, so seeing one twice means nobody wrote in between); a
 * new version starts a new watch; a released or absent item ends it.
 *
 * @example
 * ```ts
 * const watch = nextWatch(undefined, await getLock(client, 'job'), performance.now());
 * ```
 */
export function nextWatch(known: Watch | undefined, holder: LockInfo | undefined, at: number): Watch | undefined {
  if (!holder || holder.released) return undefined;
  if (known?.recordVersion === holder.recordVersion) return known;
  return { recordVersion: holder.recordVersion, since: at, leaseMs: holder.leaseMs };
}

/**
 * Ms until `watch` has covered a full lease at `now`; ≤ 0 once it has: the skew-free takeover rule.
 *
 * @example
 * ```ts
 * if (watchRemainingMs(watch, performance.now()) <= 0) console.log('a waiter would take it over now');
 * ```
 */
export function watchRemainingMs(watch: Watch, now: number): number {
  return watch.since + watch.leaseMs - now;
}
