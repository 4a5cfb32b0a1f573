import { LockValidationError } from '../errors.js';
import type { LockTable } from '../protocol/lock-table.js';
import { MAX_READ_MANY } from '../protocol/read-many-request.js';
import { checkKnownKeys, checkString, MAX_PARTITION_KEY_BYTES } from '../validate.js';
import { PERMIT_OPTION_NAMES, REFUSED_PERMIT_OPTIONS, type SemaphoreOptions } from './permit-options.js';

/**
 * Refuses a bad semaphore before anything is sent: a name that leaves no room for the permit
 * suffix in a partition key, or a size that is not an integer from 1 to 100 (all permits are
 * read in one BatchGetItem, which takes 100 keys).
 *
 * @example
 * ```ts
 * checkSemaphore(settings, 'partner-api', { permits: 5 });
 * ```
 */
export function checkSemaphore(table: LockTable, name: unknown, options: SemaphoreOptions): void {
  checkKnownKeys('semaphore options', options, ['permits']);
  // `#99` takes 3 bytes on a table without a sort key.
  checkString('semaphore name', name, MAX_PARTITION_KEY_BYTES - (table.sortKeyName === undefined ? 4 : 0));
  checkPermits(options?.permits);
}

/**
 * Refuses a semaphore size that is not an integer from 1 to 100.
 *
 * @example
 * ```ts
 * checkPermits(5);
 * ```
 */
export function checkPermits(permits: unknown, what = 'permits'): void {
  if (typeof permits !== 'number' || !Number.isInteger(permits) || permits < 1 || permits > MAX_READ_MANY) {
    throw new LockValidationError(`${what} must be an integer from 1 to ${MAX_READ_MANY}, got ${String(permits)}`);
  }
}

/**
 * Refuses the lock options a permit does not take, each with its reason, and unknown ones; the
 * rest are checked by the client's acquire before its first request.
 *
 * @example
 * ```ts
 * checkPermitOptions({ waitMs: 1_000 });
 * ```
 */
export function checkPermitOptions(options: unknown): void {
  if (options !== null && typeof options === 'object') {
    for (const name of Object.keys(options)) {
      const reason = REFUSED_PERMIT_OPTIONS[name];
      if (reason !== undefined) throw new LockValidationError(`a semaphore permit does not take ${name}: ${reason}`);
    }
  }
  checkKnownKeys('permit options', options, PERMIT_OPTION_NAMES);
}
