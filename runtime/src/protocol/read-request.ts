import { keyOf, type LockKey } from './lock-key.js';
import type { LockTable } from './lock-table.js';

/**
 * The GetItem of one lock, always ConsistentRead: lock decisions never rest on eventually
 * consistent reads.
 *
 * @example
 * ```ts
 * const { Item } = await ddb.send(new GetItemCommand(readRequest(table, { key: 'job' })));
 * ```
 */
export function readRequest(table: LockTable, lock: LockKey) {
  return { TableName: table.tableName, Key: keyOf(table, lock), ConsistentRead: true };
}
