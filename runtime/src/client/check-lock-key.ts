import { LockValidationError } from '../errors.js';
import { checkString, MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../validate.js';

/**
 * A key (and sort key) this client's table can hold: a sort key exactly when the table has one,
 * both within DynamoDB's key sizes. Checked before any request.
 *
 * @example
 * ```ts
 * checkLockKey(undefined, 'orders', undefined); // fine on a partition-key-only table
 * ```
 */
export function checkLockKey(sortKeyName: string | undefined, key: unknown, sortKey: unknown): void {
  checkString('key', key, MAX_PARTITION_KEY_BYTES);
  if (sortKeyName !== undefined) checkString('sortKey', sortKey, MAX_SORT_KEY_BYTES);
  else if (sortKey !== undefined) {
    throw new LockValidationError('sortKey given but the client has no sortKeyName (partition-key-only table)');
  }
}
