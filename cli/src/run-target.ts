import type { Lock, LockClient } from '@ddb-lock/runtime';
import { getLock } from '@ddb-lock/runtime/admin';
import { Semaphore } from '@ddb-lock/runtime/semaphore';

/** The acquire options `run` passes (the wait, its abort, the data). */
type RunAcquireOptions = { signal: AbortSignal; data?: string; waitMs?: number };

/**
 * What `run` holds: a lock, or with `--permits N` one permit of a semaphore (like `consul lock -n`).
 *
 * @example
 * ```ts
 * const target = runTarget(client, 'nightly', {}, undefined);
 * const lock = await target.tryAcquire({ signal });
 * ```
 */
export interface RunTarget {
  /** `lock nightly` or `semaphore exports (3 permits)`: for messages. */
  readonly label: string;
  tryAcquire(options: RunAcquireOptions): Promise<Lock | undefined>;
  acquire(options: RunAcquireOptions): Promise<Lock>;
  /** Who holds it, for the "waiting" line. */
  holders(): Promise<string>;
}

/**
 * The lock KEY (with its sort key), or with `permits` the semaphore named KEY.
 *
 * @example
 * ```ts
 * const target = runTarget(client, 'exports', {}, 3); // a permit of semaphore "exports"
 * ```
 */
export function runTarget(client: LockClient, key: string, lock: { sortKey?: string }, permits: number | undefined): RunTarget {
  if (permits === undefined) {
    return {
      label: `lock ${key}${lock.sortKey !== undefined ? ` / ${lock.sortKey}` : ''}`,
      tryAcquire: (options) => client.tryAcquire(key, { ...options, ...lock }),
      acquire: (options) => client.acquire(key, { ...options, ...lock }),
      holders: async () => (await getLock(client, key, lock))?.owner ?? 'someone else',
    };
  }
  const semaphore = new Semaphore(client, key, { permits });
  return {
    label: `semaphore ${key} (${permits} permits)`,
    tryAcquire: (options) => semaphore.tryAcquire(options),
    acquire: (options) => semaphore.acquire(options),
    holders: async () => (await semaphore.holders()).map((h) => h.info.owner).join(', ') || 'someone else',
  };
}
