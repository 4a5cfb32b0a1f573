import { keyOf, type LockKey } from './lock-key.js';
import type { LockTable } from './lock-table.js';

/**
 * Most keys one BatchGetItem takes: the reason a semaphore has at most 100 permits (all of them
 * are read in one request).
 */
export const MAX_READ_MANY = 100;

/**
 * The BatchGetItem of up to {@link MAX_READ_MANY} locks of one table, ConsistentRead: every
 * item is as current as a GetItem's would be (lock decisions never rest on eventually consistent
 * reads). The answer comes back in no particular order, and keys the server could not read in
 * time come back as `UnprocessedKeys`, to be asked again.
 *
 * @example
 * ```ts
 * const out = await ddb.send(new BatchGetItemCommand(readManyRequest(table, [{ key: 'sem#0' }, { key: 'sem#1' }])));
 * ```
 */
export function readManyRequest(table: LockTable, locks: readonly LockKey[]) {
  return {
    RequestItems: {
      [table.tableName]: { Keys: locks.map((lock) => keyOf(table, lock)), ConsistentRead: true },
    },
  };
}
