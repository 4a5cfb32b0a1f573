import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { LockTable } from './lock-table.js';

/**
 * Primary key of one lock: the partition key, and the sort key on tables that have one.
 *
 * @example
 * ```ts
 * const item = await ddb.send(new GetItemCommand({ TableName: 'locks', Key: client.keyOf({ key: 'orders', sortKey: 'customer#42' }) }));
 * ```
 */
export interface LockKey {
  readonly key: string;
  readonly sortKey?: string;
}

/**
 * The DynamoDB key of a lock in `table`: a sort key is written only on tables that have one.
 *
 * @example
 * ```ts
 * keyOf({ partitionKeyName: 'pk', sortKeyName: undefined }, { key: 'job' }); // { pk: { S: 'job' } }
 * ```
 */
export function keyOf(table: Pick<LockTable, 'partitionKeyName' | 'sortKeyName'>, lock: LockKey): Record<string, AttributeValue> {
  const { partitionKeyName, sortKeyName } = table;
  return {
    [partitionKeyName]: { S: lock.key },
    ...(sortKeyName !== undefined && lock.sortKey !== undefined && { [sortKeyName]: { S: lock.sortKey } }),
  };
}

/**
 * A LockKey from a key and an optional sort key (no `sortKey` property when there is none).
 *
 * @example
 * ```ts
 * lockKey('orders', undefined); // { key: 'orders' }
 * ```
 */
export function lockKey(key: string, sortKey: string | undefined): LockKey {
  return { key, ...(sortKey !== undefined && { sortKey }) };
}

/**
 * A lock's identity as one string, unique within a table (a table's locks all have a sort key
 * or none do): for maps keyed by lock.
 *
 * @example
 * ```ts
 * lockId({ key: 'orders', sortKey: 'customer#42' }); // 'orders\u0000customer#42'
 * ```
 */
export function lockId(lock: LockKey): string {
  return lock.sortKey === undefined ? lock.key : `${lock.key}\u0000${lock.sortKey}`;
}
