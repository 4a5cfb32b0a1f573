import { LOCK_ATTRIBUTES as A } from './item-schema.js';
import { keyOf, type LockKey } from './lock-key.js';
import type { LockTable } from './lock-table.js';

/**
 * The UpdateItem that changes the semaphore size recorded on one existing permit item from
 * `from` to `to`, and nothing else: the holder's owner, fence and record version stay, so its
 * heartbeats and release go on working and a watcher's watch is not reset.
 *
 * @example
 * ```ts
 * await ddb.send(new UpdateItemCommand(resizeRequest(table, { key: 'partner-api#0' }, 5, 8)));
 * ```
 */
export function resizeRequest(table: LockTable, lock: LockKey, from: number, to: number) {
  return {
    TableName: table.tableName,
    Key: keyOf(table, lock),
    UpdateExpression: 'SET #permits = :to',
    ConditionExpression: '#permits = :from',
    ExpressionAttributeNames: { '#permits': A.permits },
    ExpressionAttributeValues: { ':from': { N: String(from) }, ':to': { N: String(to) } },
  };
}
