import type { LockAccessOptions } from './lock-access-options';

/**
 * Options for `grantLockAccess` and `bindTo`: which keys (as `LockAccessOptions`), and which of
 * the two optional features the function uses. Leave out an action the function never sends: a
 * function that never deletes on release needs no `DeleteItem`, one that never calls
 * `guardedTransaction` no `ConditionCheckItem`.
 *
 * @example
 * declare const table: DistributedLockTable;
 * declare const fn: lambda.Function;
 *
 * // A cron job: plain acquire/release, no delete-on-release, no guarded transactions.
 * table.grantLockAccess(fn, { allowDeleteOnRelease: false, allowGuardedTransactions: false });
 */
export interface LockGrantOptions extends LockAccessOptions {
  /**
   * Grant `dynamodb:DeleteItem`, which the runtime sends only to release with deletion
   * (`deleteOnRelease: true`, `release({ deleteItem: true })`). Without it, such a release is
   * refused by IAM; a plain release (an UpdateItem that keeps the item) is not affected.
   *
   * @default true
   */
  readonly allowDeleteOnRelease?: boolean;

  /**
   * Grant `dynamodb:ConditionCheckItem`, which the runtime sends only inside `guardedTransaction`
   * (the check that the lock is still held, in the same TransactWriteItems as the writes).
   * `fencedWrite` does not need it: it conditions the application's own item.
   *
   * @default true
   */
  readonly allowGuardedTransactions?: boolean;
}
