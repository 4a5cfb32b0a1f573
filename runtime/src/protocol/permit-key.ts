import type { LockKey } from './lock-key.js';

/**
 * Which semaphore permit a lock is: the semaphore's name and the permit's index (0 … N−1).
 *
 * @example
 * ```ts
 * const permit: SemaphorePermit = { semaphore: 'partner-api', permit: 3 };
 * ```
 */
export interface SemaphorePermit {
  readonly semaphore: string;
  readonly permit: number;
}

const SORT_PREFIX = 'permit#';

/**
 * The lock key of permit `index` of semaphore `name`: `name#index` on a table without a sort
 * key, so a grant of the key prefix `name#` (or of any delimited prefix of `name`) covers every
 * permit; on a table with a sort key, partition `name` and sort key `permit#index`, so the
 * grant's leading key is the name itself.
 *
 * @example
 * ```ts
 * permitKey('partner-api', 3, false); // { key: 'partner-api#3' }
 * permitKey('partner-api', 3, true);  // { key: 'partner-api', sortKey: 'permit#3' }
 * ```
 */
export function permitKey(name: string, index: number, sortKeyed: boolean): LockKey {
  return sortKeyed ? { key: name, sortKey: `${SORT_PREFIX}${index}` } : { key: `${name}#${index}` };
}

/**
 * The semaphore and permit a permit's lock key names (the inverse of {@link permitKey}); only
 * meaningful for items that record a semaphore size.
 *
 * @example
 * ```ts
 * permitOf({ key: 'partner-api#3' }); // { semaphore: 'partner-api', permit: 3 }
 * ```
 */
export function permitOf(lock: LockKey): SemaphorePermit | undefined {
  if (lock.sortKey !== undefined) {
    const index = lock.sortKey.startsWith(SORT_PREFIX) ? lock.sortKey.slice(SORT_PREFIX.length) : '';
    return /^\d+$/.test(index) ? { semaphore: lock.key, permit: Number(index) } : undefined;
  }
  const match = /^(.+)#(\d+)$/.exec(lock.key);
  return match ? { semaphore: match[1]!, permit: Number(match[2]) } : undefined;
}
