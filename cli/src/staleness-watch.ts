import { type Clock, type LockInfo, systemClock } from '@ddb-lock/runtime';
import { nextWatch, watchRemainingMs } from '@ddb-lock/runtime/admin';

/**
 * What `inspect --watch` concluded about a lock. `stale` is the waiter's skew-free rule: the same
 * record version watched for a full lease on this machine's monotonic clock — when a caller that
 * has watched as long in one process takes the lock over. No wall clock is compared.
 *
 * @example
 * ```ts
 * if (verdict.verdict === 'stale') console.log(`unchanged for ${verdict.watchedMs} ms`);
 * ```
 */
export type StalenessVerdict =
  | { readonly verdict: 'free'; readonly reason: 'no item' | 'released' | 'deleted while watching' | 'released while watching' }
  | { readonly verdict: 'alive'; readonly reason: 'heartbeat' | 'new grant'; readonly afterMs: number }
  | { readonly verdict: 'stale'; readonly watchedMs: number }
  | { readonly verdict: 'unknown'; readonly reason: 'not watched' };

/**
 * Options of {@link watchForStaleness}.
 *
 * @example
 * ```ts
 * { pollMs: 1000, onProgress: (watched, lease) => draw(watched / lease) }
 * ```
 */
export interface StalenessWatchOptions {
  /** Pause between ConsistentReads. */
  readonly pollMs: number;
  /** Called after each read with the time watched so far and the lease to reach. */
  readonly onProgress?: (watchedMs: number, leaseMs: number) => void;
  /** @default the process clocks */
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Watches a held lock's record version for up to one lease (the holder's `leaseMs`), from the
 * moment `first` was observed. `read` must be a ConsistentRead. Ends early on any change. The
 * rule is the client's own (`nextWatch`, `watchRemainingMs`), the one its waiters take over by.
 *
 * @example
 * ```ts
 * const first = await getLock(client, 'job');
 * const observedAt = performance.now();
 * const verdict = await watchForStaleness(() => getLock(client, 'job'), first!, observedAt, { pollMs: 1000 });
 * ```
 */
export async function watchForStaleness(
  read: () => Promise<LockInfo | undefined>,
  first: LockInfo,
  observedAt: number,
  options: StalenessWatchOptions,
): Promise<StalenessVerdict> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const watch = nextWatch(undefined, first, observedAt)!;
  for (;;) {
    const remaining = watchRemainingMs(watch, clock.monotonicNow());
    if (remaining > 0) await sleep(Math.min(options.pollMs, remaining));
    // As a waiter's conditional write does: only a read *sent* after the full lease may conclude.
    const sentAt = clock.monotonicNow();
    const now = await read();
    const watchedMs = sentAt - observedAt;
    options.onProgress?.(Math.min(watchedMs, first.leaseMs), first.leaseMs);
    if (now === undefined) return { verdict: 'free', reason: 'deleted while watching' };
    if (now.fence !== first.fence) return { verdict: 'alive', reason: 'new grant', afterMs: watchedMs };
    if (now.released) return { verdict: 'free', reason: 'released while watching' };
    if (nextWatch(watch, now, clock.monotonicNow()) !== watch) return { verdict: 'alive', reason: 'heartbeat', afterMs: watchedMs };
    if (watchRemainingMs(watch, sentAt) <= 0) return { verdict: 'stale', watchedMs };
  }
}

/**
 * One sentence for people.
 *
 * @example
 * ```ts
 * describeVerdict({ verdict: 'stale', watchedMs: 20_100 }); // "stale: record version unchanged for …"
 * ```
 */
export function describeVerdict(v: StalenessVerdict, format: (ms: number) => string): string {
  switch (v.verdict) {
    case 'free':
      return `free (${v.reason})`;
    case 'unknown':
      return "not watched: --watch tells a live holder from a dead one, on this machine's clock, within one lease";
    case 'alive':
      return v.reason === 'heartbeat'
        ? `alive: the holder renewed it (record version changed after ${format(v.afterMs)} of watching)`
        : `alive: a new grant took its place after ${format(v.afterMs)} of watching`;
    case 'stale':
      return (
        `stale: record version unchanged for ${format(v.watchedMs)} (a full lease) on this machine's monotonic` +
        ' clock — its holder is not renewing; a skew-free caller that has watched as long in one process takes it over now'
      );
  }
}
